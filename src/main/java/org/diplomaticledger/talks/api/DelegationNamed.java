package org.diplomaticledger.talks.api;

import java.time.LocalDate;
import java.util.List;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.LedgerEvent;
import org.diplomaticledger.shared.Provenance;

/**
 * A party named its delegation to the talks: the head and the other members a source named. When
 * {@code replacesEarlier} is true, this delegation takes the place of the one that state named before.
 * No treaty article or CAMEO code.
 */
public record DelegationNamed(
        String talksId,
        CountryCode state,
        DelegationMember head,
        List<DelegationMember> members,
        boolean replacesEarlier,
        LocalDate effectiveDate,
        Provenance source)
        implements LedgerEvent {

    public DelegationNamed {
        members = members == null ? List.of() : List.copyOf(members);
    }
}
