package org.diplomaticledger.ledger;

import java.time.Duration;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;

/**
 * How long a node's claim on an event processor's segment (a projection, the Kafka relay) outlives the node, so how
 * quickly another node takes its work over once it died without releasing it.
 *
 * <p>A node holds a claim by refreshing the claim's timestamp in {@code token_entry}: with every batch it commits,
 * and every {@code extension} besides, both while idle and while a long batch runs (Axon's coordinator then extends
 * the claim of a busy segment, so a live node that is merely slow keeps it). Any node takes a claim over once its
 * timestamp is older than {@code timeout}, and every node looks for such claims every {@code interval}. A node that
 * dies therefore leaves its segments standing still for at most {@code timeout + interval} (4 s by default); one that
 * stops releases them at once.
 *
 * <p>The timestamps are written with each node's own clock and compared with another's: the nodes' clocks must
 * agree far better than {@code timeout - extension} (NTP does).
 *
 * @param timeout   {@code ledger.processors.claim-timeout}: a claim older than this is taken over
 * @param extension {@code ledger.processors.claim-extension}: how often a held claim is refreshed
 * @param interval  {@code ledger.processors.claim-interval}: how often a node looks for segments to claim
 */
public record ProcessorClaims(Duration timeout, Duration extension, Duration interval) {

    public ProcessorClaims {
        if (timeout.isNegative()
                || timeout.isZero()
                || extension.isNegative()
                || extension.isZero()
                || interval.isNegative()
                || interval.isZero()) {
            throw new IllegalStateException(
                    "ledger.processors.claim-timeout, claim-extension and claim-interval must " + "be positive");
        }
        // Two refreshes must fit in a timeout: one late refresh (a slow commit, a pause) must not cost the claim.
        if (extension.multipliedBy(2).compareTo(timeout) > 0) {
            throw new IllegalStateException("ledger.processors.claim-extension (" + extension
                    + ") must be at most half " + "of ledger.processors.claim-timeout (" + timeout
                    + "), or a live node could lose its claims");
        }
    }

    /** The token store of the node named {@code nodeId}, its claims timing out after {@link #timeout}. */
    public JdbcTokenStore tokenStore(
            ConnectionProvider connections, Serializer serializer, TokenSchema schema, String nodeId) {
        return JdbcTokenStore.builder()
                .connectionProvider(connections)
                .serializer(serializer)
                .schema(schema)
                .contentType(byte[].class)
                .claimTimeout(timeout)
                .nodeId(nodeId)
                .build();
    }

    /** Sets a pooled streaming processor's claim refresh and look-up intervals. */
    public PooledStreamingEventProcessor.Builder applyTo(PooledStreamingEventProcessor.Builder builder) {
        return builder.tokenClaimInterval(interval.toMillis())
                .claimExtensionThreshold(extension.toMillis())
                // A batch can take longer than the timeout (a projection's rebuild-sized backlog, a slow broker for
                // the relay): the coordinator then refreshes the busy segment's claim, as the idle ones refresh theirs.
                .enableCoordinatorClaimExtension();
    }
}
