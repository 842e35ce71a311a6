package org.diplomaticledger.presence.api;

import java.time.LocalDate;
import org.diplomaticledger.shared.LedgerEvent;
import org.diplomaticledger.shared.Provenance;

/** The head of mission presented a true copy of the credentials to the foreign ministry and took up functions (VCDR Art. 13); predecessorPersonId names a head whose end was never reported and who is taken to have left. */
public record CredentialsCopyPresented(
        String presenceId,
        String missionId,
        String personId,
        String name,
        boolean appointmentReported,
        String predecessorPersonId,
        LocalDate effectiveDate,
        Provenance source)
        implements LedgerEvent {}
