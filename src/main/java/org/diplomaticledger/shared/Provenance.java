package org.diplomaticledger.shared;

import com.fasterxml.jackson.annotation.JsonCreator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Where a fact comes from: free text such as "State Department briefing" or "TASS citing the Russian MFA",
 * and optionally the address of the report. On input a plain string is accepted as the text.
 */
public record Provenance(
        @NotBlank @Size(max = 500) String text,
        @Size(max = 2000) String url) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Provenance of(String text) {
        return new Provenance(text, null);
    }

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public static Provenance of(
            @com.fasterxml.jackson.annotation.JsonProperty("text") String text,
            @com.fasterxml.jackson.annotation.JsonProperty("url") String url) {
        if (url != null && !url.isBlank()) {
            String lower = url.trim().toLowerCase(java.util.Locale.ROOT);
            if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
                throw new InvalidValueException("expected an http(s) address, got '" + url + "'");
            }
        }
        return new Provenance(text == null ? null : text.trim(), url == null || url.isBlank() ? null : url.trim());
    }
}
