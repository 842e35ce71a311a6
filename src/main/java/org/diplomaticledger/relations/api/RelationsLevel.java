package org.diplomaticledger.relations.api;

/** The level of diplomatic relations between two states. */
public enum RelationsLevel {
    /** Relations at the level of ambassadors, as the parties consented to them (VCDR Art. 2). */
    FULL,
    /** Relations kept but reduced, e.g. to chargés d'affaires or with missions cut down (CAMEO 160/161). */
    DOWNGRADED,
    /** Relations broken off (VCDR Art. 45; CAMEO 161). */
    SEVERED,
    /** Relations restored to full after a break or a downgrade. */
    RESTORED
}
