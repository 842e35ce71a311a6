package org.diplomaticledger.history.api;

import java.time.LocalDate;
import org.diplomaticledger.shared.LedgerEvent;
import org.diplomaticledger.shared.Provenance;

/**
 * An earlier event of the same aggregate should never have been recorded. It stays in the ledger untouched; readers
 * leave it out from the moment this event was recorded on.
 *
 * @param eventId       the id of the retracted event (never of a correction or retraction)
 * @param eventType     the retracted event's type, its simple class name
 * @param reason        why it was retracted
 * @param effectiveDate the retracted event's effective date
 * @param source        who reported the retraction
 */
public record EntryRetracted(
        String eventId, String eventType, String reason, LocalDate effectiveDate, Provenance source)
        implements LedgerEvent {}
