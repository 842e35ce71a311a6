package org.diplomaticledger.dashboard;

import java.util.Locale;

/** How the pages write the ledger's codes for people. */
final class Labels {

    private Labels() {}

    /** A staff category (VCDR Art. 1) in words. */
    static String category(String category) {
        if (category == null) {
            return "all staff";
        }
        return switch (category) {
            case "DIPLOMATIC" -> "diplomatic";
            case "ADMINISTRATIVE_TECHNICAL" -> "administrative and technical";
            case "SERVICE" -> "service";
            case "LOCAL_HIRE" -> "local hire";
            default -> "unspecified";
        };
    }

    /** A level of relations, a status or a kind in words: {@code CONSULATE_GENERAL} as "consulate general". */
    static String words(String code) {
        return code == null ? "" : code.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    static String level(String level) {
        return words(level);
    }
}
