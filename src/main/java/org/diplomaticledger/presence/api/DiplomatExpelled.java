package org.diplomaticledger.presence.api;

import java.time.LocalDate;
import java.util.List;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.LedgerEvent;
import org.diplomaticledger.shared.Provenance;

/** The receiving state declared named staff persona non grata or ordered a number of unnamed staff out, with a departure deadline (VCDR Art. 9); answersExpulsionId names the expulsion it retaliates for (VCDR Art. 47(2)(a)). CAMEO 174. */
public record DiplomatExpelled(
        String presenceId,
        String expulsionId,
        CountryCode declaredBy,
        CountryCode sendingState,
        String missionId,
        List<ExpelledPerson> persons,
        Integer count,
        StaffCategory category,
        LocalDate departureDeadline,
        String answersExpulsionId,
        String reason,
        LocalDate effectiveDate,
        Provenance source)
        implements LedgerEvent {}
