package org.diplomaticledger.relations.api;

import org.diplomaticledger.shared.CountryCode;

/**
 * A third state protecting one party's interests after relations were severed (VCDR Art. 45(c)): {@code power}
 * protects the interests of {@code protectedState}, as Switzerland protected those of the United States in Iran.
 */
public record ProtectingPower(CountryCode protectedState, CountryCode power) {}
