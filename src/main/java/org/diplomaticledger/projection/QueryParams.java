package org.diplomaticledger.projection;

import java.util.Locale;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.InvalidValueException;

/** Reading query parameters into the ledger's types, each error naming its parameter. */
public final class QueryParams {

    private QueryParams() {}

    public static CountryCode country(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return CountryCode.of(value);
        } catch (InvalidValueException e) {
            throw new QueryParameterException(parameter, e.getMessage());
        }
    }

    /** {@link #country} for a state the request cannot do without (a path segment): a blank one is refused. */
    public static CountryCode requiredCountry(String parameter, String value) {
        CountryCode code = country(parameter, value);
        if (code == null) {
            throw new QueryParameterException(parameter, "name a state, e.g. RU (ISO 3166 alpha-2 or alpha-3)");
        }
        return code;
    }

    public static <E extends Enum<E>> E enumValue(String parameter, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new QueryParameterException(
                    parameter,
                    "one of " + java.util.Arrays.toString(type.getEnumConstants()) + ", not '" + value + "'");
        }
    }

    /** {@code true} or {@code false}; absent is null. */
    public static Boolean bool(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new QueryParameterException(parameter, "true or false, not '" + value + "'");
        };
    }

    /** Whether the client asked for CSV rather than JSON. */
    public static boolean wantsCsv(String accept) {
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/csv");
    }
}
