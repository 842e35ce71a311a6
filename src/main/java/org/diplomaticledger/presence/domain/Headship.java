package org.diplomaticledger.presence.domain;

import java.time.LocalDate;
import org.diplomaticledger.presence.api.RecallKind;

/**
 * One person's tenure as head of a mission, from the request for agrément to the end of functions. Immutable: each
 * event replaces it with the next tenure state, so equality (which the aggregate fixture compares) comes from the
 * record.
 */
record Headship(
        String name,
        Agrement agrement,
        LocalDate agrementSince,
        boolean appointed,
        LocalDate appointedOn,
        LocalDate copyPresentedOn,
        LocalDate credentialsPresentedOn,
        RecallKind recall,
        LocalDate recalledOn,
        boolean ended,
        LocalDate endedOn) {

    enum Agrement {
        NONE,
        REQUESTED,
        GRANTED,
        REFUSED
    }

    /** A tenure nothing is known of yet. */
    static final Headship NONE =
            new Headship(null, Agrement.NONE, null, false, null, null, null, null, null, false, null);

    boolean functionsStarted() {
        return copyPresentedOn != null || credentialsPresentedOn != null;
    }

    LocalDate functionsSince() {
        return copyPresentedOn != null ? copyPresentedOn : credentialsPresentedOn;
    }

    /** The name given, else the one this tenure knows. */
    String nameOr(String given) {
        return given != null ? given : name;
    }

    /** This tenure, remembering the person's name when an event gives one; events may leave it out. */
    Headship named(String given) {
        return given == null
                ? this
                : new Headship(
                        given,
                        agrement,
                        agrementSince,
                        appointed,
                        appointedOn,
                        copyPresentedOn,
                        credentialsPresentedOn,
                        recall,
                        recalledOn,
                        ended,
                        endedOn);
    }

    Headship withAgrement(Agrement decision, LocalDate since) {
        return new Headship(
                name,
                decision,
                since,
                appointed,
                appointedOn,
                copyPresentedOn,
                credentialsPresentedOn,
                recall,
                recalledOn,
                ended,
                endedOn);
    }

    Headship appointedOn(LocalDate on) {
        return new Headship(
                name,
                agrement,
                agrementSince,
                true,
                on,
                copyPresentedOn,
                credentialsPresentedOn,
                recall,
                recalledOn,
                ended,
                endedOn);
    }

    Headship copyPresentedOn(LocalDate on) {
        return new Headship(
                name,
                agrement,
                agrementSince,
                appointed,
                appointedOn,
                on,
                credentialsPresentedOn,
                recall,
                recalledOn,
                ended,
                endedOn);
    }

    Headship credentialsPresentedOn(LocalDate on) {
        return new Headship(
                name,
                agrement,
                agrementSince,
                appointed,
                appointedOn,
                copyPresentedOn,
                on,
                recall,
                recalledOn,
                ended,
                endedOn);
    }

    /** Recalled on a date, or back from a recall when {@code kind} is null. */
    Headship recalled(RecallKind kind, LocalDate on) {
        return new Headship(
                name,
                agrement,
                agrementSince,
                appointed,
                appointedOn,
                copyPresentedOn,
                credentialsPresentedOn,
                kind,
                on,
                ended,
                endedOn);
    }

    Headship endedOn(LocalDate on) {
        return new Headship(
                name,
                agrement,
                agrementSince,
                appointed,
                appointedOn,
                copyPresentedOn,
                credentialsPresentedOn,
                recall,
                recalledOn,
                true,
                on);
    }
}
