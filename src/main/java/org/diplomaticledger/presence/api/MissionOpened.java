package org.diplomaticledger.presence.api;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.LedgerEvent;
import org.diplomaticledger.shared.Provenance;

/**
 * A mission was opened, or reopened after a closure (VCDR Art. 2; VCCR Art. 4).
 *
 * <p>Revision 2: {@code kind} may be LEGATION, which revision 1 did not have. The fields are revision 1's; events
 * stored as revision 1 are read as revision 2 unchanged ({@code presence.upcasting.MissionOpenedUpcaster}).
 */
@Revision("2")
public record MissionOpened(
        String presenceId,
        String missionId,
        CountryCode sendingState,
        CountryCode receivingState,
        MissionKind kind,
        String city,
        String organisation,
        String name,
        boolean reopened,
        LocalDate effectiveDate,
        Provenance source)
        implements LedgerEvent {}
