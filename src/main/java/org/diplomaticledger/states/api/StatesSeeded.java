package org.diplomaticledger.states.api;

import java.time.LocalDate;
import java.util.List;
import org.diplomaticledger.shared.LedgerEvent;
import org.diplomaticledger.shared.Provenance;

/**
 * The register of states was seeded, once, with the states of ISO 3166-1 and the former states of ISO 3166-3
 * ({@code states/states.csv}): each entry as if it had been registered alone. One event, so that a new ledger
 * starts with one write; its effective date is the ledger's earliest date.
 */
public record StatesSeeded(String seed, List<StateRegistered> states, LocalDate effectiveDate, Provenance source)
        implements LedgerEvent {

    public StatesSeeded {
        states = states == null ? List.of() : List.copyOf(states);
    }
}
