package org.diplomaticledger.presence.api;

/**
 * Why a mission closed. CONSENT_WITHDRAWN is the receiving state's act (VCDR Art. 2; VCCR Art. 4), usually with a
 * deadline. STATE_SUCCESSION: the sending or the receiving state ceased to exist, absorbed into another or dissolved
 * (docs/states.md#succession); new in revision 2 of {@link MissionClosed}.
 */
public enum ClosureReason {
    DECISION_OF_SENDING_STATE,
    CONSENT_WITHDRAWN,
    RELATIONS_SEVERED,
    OTHER,
    STATE_SUCCESSION
}
