package org.diplomaticledger.presence.api;

/**
 * What kind of office a sending state keeps in the receiving state (VCDR Art. 2, VCCR Art. 1). An embassy is headed
 * by an ambassador and a legation by an envoy or minister (VCDR Art. 14(1)); a legation may be raised to an embassy
 * and an embassy lowered to a legation ({@link ChangeMissionRank}), and the mission keeps the id it was opened under.
 */
public enum MissionKind {
    EMBASSY,
    LEGATION,
    CONSULATE_GENERAL,
    CONSULATE,
    PERMANENT_MISSION;

    /** The kind as it stands in a mission id: {@code CONSULATE-GENERAL}. */
    public String idPart() {
        return name().replace('_', '-');
    }

    /** Whether a head of mission with agrément and credentials (VCDR Arts. 4, 13) leads it. */
    public boolean hasHeadOfMission() {
        return this == EMBASSY || this == LEGATION || this == PERMANENT_MISSION;
    }

    /** Whether its rank can change: a legation raised to an embassy, an embassy lowered to a legation. */
    public boolean isLegationOrEmbassy() {
        return this == EMBASSY || this == LEGATION;
    }
}
