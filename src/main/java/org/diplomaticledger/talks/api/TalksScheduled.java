package org.diplomaticledger.talks.api;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.LedgerEvent;
import org.diplomaticledger.shared.Provenance;

/**
 * Talks between two or more states were announced for a date and a venue, with their scope and the topics left out.
 * In CAMEO terms an intent to meet (036); once held, {@code thirdLocation} decides between hosting a visit (043)
 * and meeting at a third location (044). {@code thirdLocation} is true when the venue lies in none of the parties.
 */
public record TalksScheduled(
        String talksId,
        List<CountryCode> parties,
        Venue venue,
        LocalDate date,
        LocalTime time,
        String title,
        String scope,
        List<String> excludedTopics,
        TalksFormat format,
        boolean thirdLocation,
        LocalDate effectiveDate,
        Provenance source)
        implements LedgerEvent {

    public TalksScheduled {
        parties = parties == null ? List.of() : List.copyOf(parties);
        excludedTopics = excludedTopics == null ? List.of() : List.copyOf(excludedTopics);
    }
}
