package org.diplomaticledger.states.projection;

import java.time.Instant;
import java.util.List;
import org.diplomaticledger.states.api.StatePeriod;

/**
 * A state as the register holds it: its code (and the ISO alpha-3 form, or the code itself for a ledger code), the
 * name it is listed under and all its names, whether it existed on the day asked ({@code existing}), the periods it
 * existed, its predecessors and successors, its codes in other schemes, whether its first start is the ledger's
 * default ({@code startDefault}: no start date is recorded), the source, and when the ledger recorded it.
 */
public record StateView(
        String code,
        String alpha3,
        String name,
        List<String> names,
        boolean existing,
        List<StatePeriod> periods,
        List<String> predecessors,
        List<String> successors,
        List<String> schemeCodes,
        boolean startDefault,
        String source,
        String sourceUrl,
        Instant recordedAt,
        String eventId) {}
