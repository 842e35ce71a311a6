package org.diplomaticledger.states.api;

import java.time.LocalDate;
import java.util.List;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.LedgerEvent;
import org.diplomaticledger.shared.Provenance;

/**
 * A state entered the register: its {@code code}, its {@code names} (the first is the name it is listed under),
 * the {@code periods} it existed, the states it followed ({@code predecessors}), its codes in other schemes
 * ({@code schemeCodes}: {@code cow:305}, {@code cow:AUS}, {@code gw:305}), whether the start of its first period is
 * the ledger's default rather than a known date ({@code startDefault}), and where the facts come from. Its effective
 * date is the first day it existed.
 */
public record StateRegistered(
        CountryCode code,
        List<String> names,
        List<StatePeriod> periods,
        List<CountryCode> predecessors,
        List<String> schemeCodes,
        boolean startDefault,
        LocalDate effectiveDate,
        Provenance source)
        implements LedgerEvent {

    public StateRegistered {
        names = names == null ? List.of() : List.copyOf(names);
        periods = periods == null ? List.of() : List.copyOf(periods);
        predecessors = predecessors == null ? List.of() : List.copyOf(predecessors);
        schemeCodes = schemeCodes == null ? List.of() : List.copyOf(schemeCodes);
    }
}
