package org.diplomaticledger.projection;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ledger.projections.*}: how the projections are built and read (docs/projections/README.md).
 *
 * @param maxWait      the longest a read waits for the position it asked for ({@code ?atLeast=}) before it answers 503;
 *                     also the stream's wait for {@code atLeast}
 * @param batchSize    how many events a projection's processor applies per transaction (rows and position commit together)
 * @param cachedEvents the most events a projection keeps in memory to fold versions (least recently used first out)
 * @param rebuild      projections to rebuild once the application has started, comma separated ({@code staffing,talks}),
 *                     or {@code all}; empty for none
 * @param parked       the events a projection parks instead of stopping on them
 */
@ConfigurationProperties("ledger.projections")
public record ProjectionsProperties(
        @DefaultValue("PT10S") Duration maxWait,
        @DefaultValue("100") int batchSize,
        @DefaultValue("20000") int cachedEvents,
        @DefaultValue("") String rebuild,
        @DefaultValue Parked parked) {

    /**
     * @param recheckInterval how often each node runs again the parked sequences that received a correction or retraction
     *                        since they were last tried (a safety net); {@code PT0S} turns it off
     * @param maxAggregates   how many aggregates a projection may have parked (beyond, its batch fails and is retried)
     * @param maxPerAggregate how many events one aggregate may have parked or waiting
     */
    public record Parked(
            @DefaultValue("PT30S") Duration recheckInterval,
            @DefaultValue("10000") int maxAggregates,
            @DefaultValue("1000000") int maxPerAggregate) {}
}
