package org.diplomaticledger.presence.api;

import java.time.LocalDate;
import org.diplomaticledger.shared.LedgerEvent;
import org.diplomaticledger.shared.Provenance;

/** The head of mission presented the letters of credence to the head of state (VCDR Art. 13); functionsStartHere is true when no copy was presented before. */
public record CredentialsPresented(
        String presenceId,
        String missionId,
        String personId,
        String name,
        boolean appointmentReported,
        boolean functionsStartHere,
        String predecessorPersonId,
        LocalDate effectiveDate,
        Provenance source)
        implements LedgerEvent {}
