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
 *
 * <p>Besides today's codes it holds the codes of states that no longer exist (docs/states.md): the former ISO codes
 * of {@link #FORMER} ({@code SU}, {@code DD}, and the ISO 3166-3 four-letter forms {@code CSHH}, {@code CSXX} where an
 * alpha-2 code was given twice), and the ledger's own codes for states ISO never coded: {@code X} and three to seven
 * more letters ({@code XBAV}), a form ISO can never assign ({@code X} is one of its user-assigned ranges, and its codes
 * have two, three or, for former codes, four letters that never begin with {@code X}). Whether such a code names a
 * state the ledger knows, and on which days it existed, is the register's to say (org.diplomaticledger.states).
 */
public record CountryCode(String value) implements Comparable<CountryCode> {

    private static final Set<String> ALPHA2 = Set.of(Locale.getISOCountries());
    private static final Map<String, String> ALPHA3_TO_ALPHA2 = new HashMap<>();
    /** Former ISO 3166 codes of states (ISO 3166-3), with their former alpha-3 codes. */
    public static final Map<String, String> FORMER = Map.ofEntries(
            Map.entry("SU", "SUN"),
            Map.entry("DD", "DDR"),
            Map.entry("YU", "YUG"),
            Map.entry("YD", "YMD"),
            Map.entry("BU", "BUR"),
            Map.entry("ZR", "ZAR"),
            Map.entry("DY", "DHY"),
            Map.entry("HV", "HVO"),
            Map.entry("VD", "VDR"),
            Map.entry("CSHH", "CSK"),
            Map.entry("CSXX", "SCG"));
    /** The ledger's own codes for states without an ISO code: X and three to seven letters. */
    private static final java.util.regex.Pattern LEDGER_CODE = java.util.regex.Pattern.compile("X[A-Z]{3,7}");

    static {
        for (String alpha2 : ALPHA2) {
            try {
                ALPHA3_TO_ALPHA2.put(new Locale("", alpha2).getISO3Country(), alpha2);
            } catch (java.util.MissingResourceException ignored) {
                // a code without an alpha-3 equivalent can only be given as alpha-2
            }
        }
        FORMER.forEach((code, alpha3) -> ALPHA3_TO_ALPHA2.put(alpha3, code));
    }

    /** Whether the code is one of the ledger's own, for a state without an ISO code ({@code XBAV}). */
    public static boolean isLedgerCode(String code) {
        return code != null && LEDGER_CODE.matcher(code).matches();
    }

    private static boolean known(String code) {
        return ALPHA2.contains(code) || FORMER.containsKey(code) || isLedgerCode(code);
    }

    public CountryCode {
        if (value == null || !known(value)) {
            throw new InvalidValueException(describe(value));
        }
    }

    /** Parses an alpha-2 or alpha-3 code, in any letter case, into its alpha-2 form. */
    @JsonCreator
    public static CountryCode of(String code) {
        String candidate = code == null ? "" : code.trim().toUpperCase(Locale.ROOT);
        if (candidate.length() == 2 && (ALPHA2.contains(candidate) || FORMER.containsKey(candidate))) {
            return new CountryCode(candidate);
        }
        if (candidate.length() == 3 && ALPHA3_TO_ALPHA2.containsKey(candidate)) {
            return new CountryCode(ALPHA3_TO_ALPHA2.get(candidate));
        }
        if (candidate.length() > 3 && (FORMER.containsKey(candidate) || isLedgerCode(candidate))) {
            return new CountryCode(candidate);
        }
        throw new InvalidValueException(describe(code));
    }

    private static String describe(String code) {
        return "expected an ISO 3166-1 alpha-2 country code such as 'US' (alpha-3 such as 'USA' is also accepted; a former"
                + " code such as 'SU' or 'CSHH'; a ledger code such as 'XBAV'; or a scheme code such as 'cow:AUS'), got '"
                + code + "'";
    }

    /** The ISO 3166-1 alpha-3 form, as GDELT and ICEWS actor codes use it. */
    public String alpha3() {
        if (FORMER.containsKey(value)) {
            return FORMER.get(value);
        }
        if (isLedgerCode(value)) {
            return value;
        }
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
