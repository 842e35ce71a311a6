package org.diplomaticledger.states.api;

/**
 * How a state was succeeded (docs/states.md#succession). {@code CONTINUATION}: one successor carries on the
 * predecessor's identity, rights and missions (Russia of the USSR from 1991-12-25; a renamed state, Burkina Faso of
 * Upper Volta); reads of the successor answer for the predecessor before that day. {@code ABSORPTION}: a state that
 * existed already takes the predecessor in (the GDR acceding to the Federal Republic on 1990-10-03); the predecessor's
 * missions close on that day. {@code DISSOLUTION}: the predecessor ends and two or more states follow it
 * (Czechoslovakia into Czechia and Slovakia on 1993-01-01); its missions close on that day.
 */
public enum SuccessionKind {
    CONTINUATION,
    ABSORPTION,
    DISSOLUTION;

    /** Whether the predecessor's missions close on the succession's day. */
    public boolean closesMissions() {
        return this != CONTINUATION;
    }
}
