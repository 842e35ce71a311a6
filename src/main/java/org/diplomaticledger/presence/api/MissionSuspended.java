package org.diplomaticledger.presence.api;

import java.time.LocalDate;
import org.diplomaticledger.shared.LedgerEvent;
import org.diplomaticledger.shared.Provenance;

/** A mission suspended its operations; it stays open in law. */
public record MissionSuspended(
        String presenceId, String missionId, String reason, LocalDate effectiveDate, Provenance source)
        implements LedgerEvent {}
