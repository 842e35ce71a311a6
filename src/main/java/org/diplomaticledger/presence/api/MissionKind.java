package org.diplomaticledger.presence.api;

/** What kind of office a sending state keeps in the receiving state (VCDR Art. 2, VCCR Art. 1). */
public enum MissionKind {
    EMBASSY, CONSULATE_GENERAL, CONSULATE, PERMANENT_MISSION;

    /** The kind as it stands in a mission id: {@code CONSULATE-GENERAL}. */
    public String idPart() {
        return name().replace('_', '-');
    }

    /** Whether a head of mission with agrément and credentials (VCDR Arts. 4, 13) leads it. */
    public boolean hasHeadOfMission() {
        return this == EMBASSY || this == PERMANENT_MISSION;
    }
}
