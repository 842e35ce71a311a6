package org.diplomaticledger.states.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import org.diplomaticledger.shared.AdminCommand;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.Provenance;

/**
 * Records that a state was succeeded on a day: by continuation (one successor), absorption (one successor that
 * existed already) or dissolution (two or more successors). ADMIN only; the register judges it against the periods
 * it holds (docs/states.md#succession). Under absorption and dissolution the predecessor's missions that are not
 * closed on {@code effectiveDate} are closed on that day in the same write, with reason {@code STATE_SUCCESSION} and
 * this command's source.
 *
 * <p>It names no aggregate ({@code registerId()} is not a target): its handler loads the register and then the
 * presences whose missions close, so the write path runs it in a batch of its own.
 */
public record RecordSuccession(
        @NotNull SuccessionKind kind,
        @NotNull CountryCode predecessor,
        @NotEmpty @Size(max = 50) List<@NotNull CountryCode> successors,
        LocalDate effectiveDate,
        @NotNull @Valid Provenance source)
        implements AdminCommand {

    public RecordSuccession {
        successors = successors == null
                ? List.of()
                : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(successors));
    }

    /** The register this succession is recorded in (not an Axon target: see the class comment). */
    public String registerId() {
        return RegisterState.REGISTER_ID;
    }

    /** The event this command records, once the register accepted it. */
    public StateSucceeded succeeded() {
        return new StateSucceeded(kind, predecessor, successors, effectiveDate, source);
    }
}
