package org.diplomaticledger.history.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.diplomaticledger.shared.LedgerCommand;
import org.diplomaticledger.shared.Provenance;

/**
 * Retracts an earlier event, named by its event id: it should never have been recorded. The event stays in the
 * ledger untouched; an {@link EntryRetracted} is recorded in the stream of the aggregate that owns it, and from then
 * on the ledger reads that aggregate's history without it. An event that later events depend on (an accreditation of
 * a person later expelled) cannot be retracted until they are.
 *
 * <p>{@code effectiveDate} is not the client's to give: the retraction takes the retracted event's effective date.
 * A value sent is ignored.
 */
public record RetractEntry(
        @NotBlank @Size(max = 255) String eventId,
        @NotBlank @Size(max = 1000) String reason,
        LocalDate effectiveDate,
        @NotNull @Valid Provenance source)
        implements LedgerCommand {}
