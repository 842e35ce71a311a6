package org.diplomaticledger.presence.api;

/**
 * The members of a mission's staff (VCDR Art. 1): diplomatic staff, administrative and technical staff, service
 * staff, and locally hired employees. UNSPECIFIED is for counted staff when the source gives no category.
 */
public enum StaffCategory {
    DIPLOMATIC,
    ADMINISTRATIVE_TECHNICAL,
    SERVICE,
    LOCAL_HIRE,
    UNSPECIFIED
}
