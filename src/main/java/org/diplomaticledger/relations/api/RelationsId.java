package org.diplomaticledger.relations.api;

import java.util.Objects;
import org.diplomaticledger.shared.CountryCode;

/**
 * The id of the relations between two states: {@code RELATIONS-} and their alpha-2 codes in alphabetical order
 * joined by '-', so that {@code of(US, RU)} and {@code of(RU, US)} are both {@code RELATIONS-RU-US}. The prefix keeps
 * it apart from the presence ids ({@code RU-US}, {@code US-RU}) in the one ledger all aggregates share.
 */
public final class RelationsId {

    public static final String PREFIX = "RELATIONS-";

    private RelationsId() {}

    public static String of(CountryCode a, CountryCode b) {
        Objects.requireNonNull(a, "a state is required on both sides of relations");
        Objects.requireNonNull(b, "a state is required on both sides of relations");
        return PREFIX + (a.compareTo(b) <= 0 ? a.value() + "-" + b.value() : b.value() + "-" + a.value());
    }
}
