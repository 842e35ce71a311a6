package org.diplomaticledger.states.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.diplomaticledger.shared.AdminCommand;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.DatedByItsFields;
import org.diplomaticledger.shared.InvalidValueException;
import org.diplomaticledger.shared.Provenance;

/**
 * Registers a state that has no ISO code (Bavaria, the Two Sicilies, Austria-Hungary): its {@code code} in the
 * ledger's own namespace ({@code X} and three to seven letters, e.g. {@code XBAV}; docs/states.md), its names, the
 * periods it existed (in order, not overlapping; the last may be open), its predecessors, and its codes in other
 * schemes ({@code cow:245}, {@code cow:BAV}, {@code gw:245}). ADMIN only. Its effective date is the first day it
 * existed; a different value sent is refused.
 */
public record RegisterState(
        @NotNull CountryCode code,
        @NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 200) String> names,
        @NotEmpty @Size(max = 50) List<@NotNull @Valid StatePeriod> periods,
        @Size(max = 50) List<@NotNull CountryCode> predecessors,
        @Size(max = 20) List<@NotBlank @Pattern(regexp = SCHEME_CODE) String> schemeCodes,
        LocalDate effectiveDate,
        @NotNull @Valid Provenance source)
        implements AdminCommand, DatedByItsFields {

    /** The one aggregate that holds the register. */
    public static final String REGISTER_ID = "STATE-REGISTER";
    /** A code in another scheme: the scheme, a colon, the code ({@code cow:245}, {@code gw:BAV}). */
    public static final String SCHEME_CODE = "^(cow|gw):[A-Z0-9]{1,8}$";

    public RegisterState {
        names = names == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(names));
        predecessors = predecessors == null
                ? List.of()
                : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(predecessors));
        schemeCodes = schemeCodes == null
                ? List.of()
                : schemeCodes.stream().map(RegisterState::normalized).toList();
        if (periods != null) {
            periods = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(periods));
            if (effectiveDate == null && !periods.isEmpty() && periods.get(0) != null) {
                effectiveDate = periods.get(0).from();
            }
        }
    }

    /**
     * A scheme code as the register keeps it: the scheme in lower case, the code in upper case without leading zeros
     * ({@code COW:0245} is {@code cow:245}), so that one code names one state however it was typed. A value without a
     * scheme is kept as sent, for {@link #SCHEME_CODE} to refuse.
     */
    public static String normalized(String schemeCode) {
        int colon = schemeCode == null ? -1 : schemeCode.indexOf(':');
        if (colon < 0) {
            return schemeCode;
        }
        return schemeCode.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT) + ":"
                + schemeCode
                        .substring(colon + 1)
                        .trim()
                        .toUpperCase(java.util.Locale.ROOT)
                        .replaceFirst("^0+(?=\\d)", "");
    }

    /**
     * The command's own rules, answered as invalid input naming the field (400): the code is in the ledger's
     * namespace, and the periods are in order, each ending after it starts, none overlapping the one before.
     */
    public void validate() {
        if (code != null && !CountryCode.isLedgerCode(code.value())) {
            throw new InvalidValueException(
                    "code",
                    "a registered state takes a ledger code, X and three to seven letters"
                            + " such as 'XBAV' (ISO codes are seeded from ISO 3166), not '" + code + "'");
        }
        if (effectiveDate != null
                && periods != null
                && !periods.isEmpty()
                && periods.get(0) != null
                && periods.get(0).from() != null
                && !effectiveDate.equals(periods.get(0).from())) {
            throw new InvalidValueException(
                    "effectiveDate",
                    "a state is registered on the first day it existed, "
                            + periods.get(0).from() + " (periods[0].from): leave effectiveDate out, not "
                            + effectiveDate);
        }
        if (periods != null) {
            for (int i = 0; i < periods.size(); i++) {
                StatePeriod period = periods.get(i);
                if (period == null || period.from() == null) {
                    continue;
                }
                if (period.until() != null && !period.until().isAfter(period.from())) {
                    throw new InvalidValueException(
                            "periods[" + i + "].until",
                            "must be after from (" + period.from()
                                    + "): until is the first day the state no longer existed");
                }
                if (i > 0) {
                    StatePeriod before = periods.get(i - 1);
                    if (before != null
                            && (before.until() == null || period.from().isBefore(before.until()))) {
                        throw new InvalidValueException(
                                "periods[" + i + "].from",
                                "periods must be in order and not"
                                        + " overlap: this one starts before the one before it ended");
                    }
                }
            }
        }
    }

    @TargetAggregateIdentifier
    public String registerId() {
        return REGISTER_ID;
    }

    /** The event this command records. */
    public StateRegistered registered() {
        return new StateRegistered(code, names, periods, predecessors, schemeCodes, false, effectiveDate, source);
    }
}
