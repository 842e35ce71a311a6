package org.diplomaticledger.stream;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ledger.stream.*}: how the ledger's events are published as CloudEvents on the stream and in event pages.
 *
 * @param source          the CloudEvents {@code source} of every event
 * @param schemaBase      where the events' JSON Schemas are published (ending in '/'); {@code dataschema} points there
 * @param heartbeat       how often an idle stream gets a comment line, so proxies keep it open
 * @param buffer          the most events queued for one consumer; past it the server ends that stream
 * @param pollInterval    how often the one shared reader looks for events written by other nodes (local writes wake it)
 * @param maxSubscribers  the most streams open at once; more are answered 503
 * @param pageScanLimit   the most events one page request examines while filtering
 * @param maxPageSize     the largest {@code limit} of an event page
 * @param releaseInterval while streams are open, the least time between two releases of the tail: the commits of
 *                        that time go out together, in one write per stream
 * @param readConnections the stream's own database connections (the tail, catch-ups and event pages read there,
 *                        never waiting behind the writers for the application's pool)
 */
@ConfigurationProperties("ledger.stream")
public record StreamProperties(
        @DefaultValue("urn:diplomatic-ledger") URI source,
        @DefaultValue("http://localhost:8080/schemas/") URI schemaBase,
        @DefaultValue("PT15S") Duration heartbeat,
        @DefaultValue("1000") int buffer,
        @DefaultValue("PT0.5S") Duration pollInterval,
        @DefaultValue("1000") int maxSubscribers,
        @DefaultValue("10000") int pageScanLimit,
        @DefaultValue("1000") int maxPageSize,
        @DefaultValue("4") int readConnections,
        @DefaultValue("PT0.02S") Duration releaseInterval) {

    public StreamProperties {
        if (buffer < 1 || maxSubscribers < 1 || pageScanLimit < 1 || maxPageSize < 1 || readConnections < 1) {
            throw new IllegalArgumentException(
                    "ledger.stream.buffer, max-subscribers, page-scan-limit, max-page-size and "
                            + "read-connections must be positive");
        }
        if (releaseInterval.isNegative()) {
            throw new IllegalArgumentException("ledger.stream.release-interval must not be negative");
        }
        if (heartbeat.isNegative() || heartbeat.isZero() || pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("ledger.stream.heartbeat and poll-interval must be positive");
        }
    }
}
