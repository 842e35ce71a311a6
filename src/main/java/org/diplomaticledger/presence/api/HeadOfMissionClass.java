package org.diplomaticledger.presence.api;

/** The classes of heads of mission (VCDR Art. 14): ambassadors, envoys and ministers, chargés d'affaires en pied. */
public enum HeadOfMissionClass {
    AMBASSADOR,
    ENVOY,
    CHARGE_D_AFFAIRES_EN_PIED
}
