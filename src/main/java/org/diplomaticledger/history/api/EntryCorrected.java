package org.diplomaticledger.history.api;

import java.time.LocalDate;
import java.util.Map;
import org.diplomaticledger.shared.LedgerEvent;
import org.diplomaticledger.shared.Provenance;

/**
 * An earlier event of the same aggregate said something wrong; {@code corrected} is what it should have said: the
 * complete payload of that event, in the event's own JSON form, with the corrected values in place. The earlier event
 * stays in the ledger untouched; readers take the corrected payload in its place from the moment this event was
 * recorded on.
 *
 * @param eventId       the id of the corrected event (never of another correction or retraction)
 * @param eventType     the corrected event's type, its simple class name such as {@code DiplomatExpelled}
 * @param corrected     the corrected event's full payload (same type, same identifiers, corrected values)
 * @param reason        why the correction was made
 * @param effectiveDate the corrected payload's effective date
 * @param source        who reported the correction
 */
public record EntryCorrected(
        String eventId,
        String eventType,
        Map<String, Object> corrected,
        String reason,
        LocalDate effectiveDate,
        Provenance source)
        implements LedgerEvent {}
