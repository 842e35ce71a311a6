package org.diplomaticledger.presence.api;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.EndsWithTheState;
import org.diplomaticledger.shared.LedgerEvent;
import org.diplomaticledger.shared.Provenance;

/**
 * A mission closed; with CONSENT_WITHDRAWN the receiving state withdrew its consent, with a deadline to leave (VCDR
 * Art. 2, VCCR Art. 4). CAMEO 166 when the receiving state closes it.
 *
 * <p>Revision 2: {@code reason} may be STATE_SUCCESSION, which revision 1 did not have. The fields are revision 1's;
 * events stored as revision 1 are read as revision 2 unchanged ({@code MissionClosedUpcaster}).
 */
@Revision("2")
public record MissionClosed(
        String presenceId,
        String missionId,
        ClosureReason reason,
        CountryCode decidedBy,
        LocalDate deadline,
        String note,
        LocalDate effectiveDate,
        Provenance source)
        // EndsWithTheState: a correction may move it to the first day its state no longer existed, as CloseMission.
        implements LedgerEvent, EndsWithTheState {}
