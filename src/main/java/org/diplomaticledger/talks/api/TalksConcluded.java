package org.diplomaticledger.talks.api;

import java.time.LocalDate;
import java.util.List;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.LedgerEvent;
import org.diplomaticledger.shared.Provenance;

/**
 * Talks ended with an {@code outcome}, the parties' statement and the follow-ups agreed. {@code heldReported} is
 * false when the ledger had no report that the talks were held (the conclusion arrived first or alone). An
 * {@code AGREEMENT} may correspond to CAMEO 057 (sign formal agreement) only when a source reports a signature;
 * the event itself carries no CAMEO code.
 */
public record TalksConcluded(
        String talksId,
        List<CountryCode> parties,
        TalksOutcome outcome,
        String statement,
        List<String> followUps,
        boolean heldReported,
        LocalDate effectiveDate,
        Provenance source)
        implements LedgerEvent {

    public TalksConcluded {
        parties = parties == null ? List.of() : List.copyOf(parties);
        followUps = followUps == null ? List.of() : List.copyOf(followUps);
    }
}
