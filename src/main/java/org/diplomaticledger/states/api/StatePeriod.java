package org.diplomaticledger.states.api;

import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;

/**
 * A span of days a state existed: from {@code from} (its first day) until {@code until}, the first day it no longer
 * existed (exclusive); {@code until} is null while it exists. The German Democratic Republic existed from 1949-10-05
 * until 1990-10-03: its last day was 1990-10-02.
 */
public record StatePeriod(@NotNull LocalDate from, LocalDate until) {

    /** Whether the state existed on that day in this period. */
    public boolean covers(LocalDate day) {
        return !day.isBefore(from) && (until == null || day.isBefore(until));
    }

    @Override
    public String toString() {
        return from + "/" + (until == null ? "" : until);
    }
}
