package org.diplomaticledger.talks.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.diplomaticledger.shared.Slugs;

/**
 * A person on a delegation, as far as a source names them: "Alexander Darchiev", "Ambassador to the United States",
 * a diplomat. Without a client-supplied {@code personId} the id is the slug of the name ({@code alexander-darchiev});
 * a name with no Latin letters or digits yields no slug, and then the id stays empty ({@code null}).
 */
public record DelegationMember(
        @NotBlank @Size(max = 100) String name,
        @Size(max = 200) String title,
        @NotNull Boolean diplomat,

        @Pattern(regexp = TalksIds.PATTERN, message = TalksIds.MESSAGE)
        String personId) {

    public DelegationMember {
        if (personId == null && name != null) {
            String slug = Slugs.lower(name);
            personId = slug.isEmpty() ? null : slug;
        }
    }
}
