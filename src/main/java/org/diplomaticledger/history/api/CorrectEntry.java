package org.diplomaticledger.history.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.Map;
import org.diplomaticledger.shared.LedgerCommand;
import org.diplomaticledger.shared.Provenance;

/**
 * Corrects the facts of an earlier event, named by its event id: {@code corrections} holds the fields to change with
 * their new values, in the event's own JSON form ({@code {"count": 12}}, {@code {"effectiveDate": "2018-03-30"}}).
 * The event stays in the ledger untouched; an {@link EntryCorrected} with the full corrected payload is recorded in
 * the stream of the aggregate that owns it, and from then on the ledger reads the corrected payload in its place.
 * An event's identity (its type, ids and states) cannot be corrected: retract it and record the right fact instead.
 *
 * <p>{@code effectiveDate} is not the client's to give: the correction takes the corrected event's effective date
 * (the new one, when {@code corrections} changes it). A value sent is ignored.
 */
public record CorrectEntry(
        @NotBlank @Size(max = 255) String eventId,
        @NotEmpty Map<String, Object> corrections,
        @NotBlank @Size(max = 1000) String reason,
        LocalDate effectiveDate,
        @NotNull @Valid Provenance source)
        implements LedgerCommand {}
