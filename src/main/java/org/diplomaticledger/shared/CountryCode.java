package org.diplomaticledger.shared;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A state, identified by its ISO 3166-1 alpha-2 code ({@code US}, {@code RU}, {@code TR}).
 * Alpha-3 codes ({@code USA}, {@code RUS}) are accepted on input and normalised to alpha-2.
 */
public record CountryCode(String value) implements Comparable<CountryCode> {

    private static final Set<String> ALPHA2 = Set.of(Locale.getISOCountries());
    private static final Map<String, String> ALPHA3_TO_ALPHA2 = new HashMap<>();

    static {
        for (String alpha2 : ALPHA2) {
            try {
                ALPHA3_TO_ALPHA2.put(new Locale("", alpha2).getISO3Country(), alpha2);
            } catch (java.util.MissingResourceException ignored) {
                // a code without an alpha-3 equivalent can only be given as alpha-2
            }
        }
    }

    public CountryCode {
        if (value == null || !ALPHA2.contains(value)) {
            throw new InvalidValueException(describe(value));
        }
    }

    /** Parses an alpha-2 or alpha-3 code, in any letter case, into its alpha-2 form. */
    @JsonCreator
    public static CountryCode of(String code) {
        String candidate = code == null ? "" : code.trim().toUpperCase(Locale.ROOT);
        if (candidate.length() == 2 && ALPHA2.contains(candidate)) {
            return new CountryCode(candidate);
        }
        if (candidate.length() == 3 && ALPHA3_TO_ALPHA2.containsKey(candidate)) {
            return new CountryCode(ALPHA3_TO_ALPHA2.get(candidate));
        }
        throw new InvalidValueException(describe(code));
    }

    private static String describe(String code) {
        return "expected an ISO 3166-1 alpha-2 country code such as 'US' (alpha-3 such as 'USA' is also accepted), got '"
                + code + "'";
    }

    /** The ISO 3166-1 alpha-3 form, as GDELT and ICEWS actor codes use it. */
    public String alpha3() {
        return new Locale("", value).getISO3Country();
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public int compareTo(CountryCode other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
