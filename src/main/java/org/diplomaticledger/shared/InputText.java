package org.diplomaticledger.shared;

/**
 * What text the ledger accepts in a field: printable Unicode, tab and line breaks. Refused: other control characters
 * (NUL, escape, C1 controls, DEL), the bidirectional embeddings, overrides and isolates (U+202A to U+202E, U+2066 to
 * U+2069) that make a name display as something it is not, and lone halves of a surrogate pair (not text at all, and
 * they do not survive UTF-8).
 */
public final class InputText {

    private InputText() {}

    /** What is wrong with the text, or {@code null} when it is acceptable. */
    public static String problem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "holds an unpaired surrogate (U+" + hex(c) + ") at index " + i;
            }
            if (Character.isLowSurrogate(c)) {
                return "holds an unpaired surrogate (U+" + hex(c) + ") at index " + i;
            }
            if (c == '\t' || c == '\n' || c == '\r') {
                continue;
            }
            if (Character.isISOControl(c)) {
                return "holds the control character U+" + hex(c) + " at index " + i;
            }
            if (c >= '\u202A' && c <= '\u202E' || c >= '\u2066' && c <= '\u2069') {
                return "holds the bidirectional control U+" + hex(c) + " at index " + i;
            }
        }
        return null;
    }

    private static String hex(char c) {
        return String.format("%04X", (int) c);
    }
}
