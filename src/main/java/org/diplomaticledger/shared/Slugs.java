package org.diplomaticledger.shared;

import java.text.Normalizer;
import java.util.Locale;

/** Readable identifier parts: "New York" becomes {@code NEW-YORK}, "Alexander Darchiev" {@code alexander-darchiev}. */
public final class Slugs {

    private Slugs() {}

    public static String upper(String text) {
        return slug(text).toUpperCase(Locale.ROOT);
    }

    public static String lower(String text) {
        return slug(text).toLowerCase(Locale.ROOT);
    }

    private static String slug(String text) {
        if (text == null) {
            return "";
        }
        String ascii = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return ascii.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-+|-+$", "");
    }
}
