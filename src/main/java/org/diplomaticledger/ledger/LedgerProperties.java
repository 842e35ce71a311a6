package org.diplomaticledger.ledger;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code ledger.*} of the write path and the event store: where the node keeps its files, what one request may
 * hold, how events are stored and read back, and how aggregates are loaded. The other capabilities have their own:
 * {@code ledger.projections.*}, {@code ledger.stream.*}, {@code ledger.kafka.*}, {@code ledger.audit.*},
 * {@code ledger.security.*}, {@code ledger.expulsions.*}.
 *
 * @param dataDir     where the node keeps its files: the H2 ledger ({@code spring.datasource.url} refers to it), the
 *                    audit chain's signing key and last published digest
 * @param nodeId      this node's name in the processors' token claims; empty, one is made of the process id, the
 *                    host and a random suffix. Must differ between nodes
 * @param idempotency how long the answers kept for Idempotency-Keys are, and how they are purged
 * @param limits      the most one request may hold
 * @param imports     how imports are taken and written in the background
 * @param processors  how the nodes share the event processors
 * @param eventStore  how the event store reads events back
 * @param aggregates  how aggregates stay in memory between commands
 * @param snapshots   when aggregates take snapshots
 * @param writes      how concurrent single commands share a transaction
 */
@ConfigurationProperties("ledger")
public record LedgerProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("") String nodeId,
        @DefaultValue Idempotency idempotency,
        @DefaultValue Limits limits,
        @DefaultValue Imports imports,
        @DefaultValue Processors processors,
        @DefaultValue EventStore eventStore,
        @DefaultValue Aggregates aggregates,
        @DefaultValue Snapshots snapshots,
        @DefaultValue Writes writes) {

    public LedgerProperties {
        nodeId = nodeId == null ? "" : nodeId;
    }

    /**
     * @param retention     how long the answer to a request with an Idempotency-Key is kept, to answer its retries
     * @param purgeInterval how often each node deletes the answers older than the retention (the first time a minute
     *                      after start)
     * @param purgeBatch    the most expired answers deleted in one transaction; the purge repeats until none is left
     */
    public record Idempotency(
            @DefaultValue("P7D") Duration retention,
            @DefaultValue("PT10M") Duration purgeInterval,
            @DefaultValue("1000") int purgeBatch) {}

    /**
     * @param commandBody     the largest body of a command request (413 past it)
     * @param importBody      the largest body of an import ({@code POST /api/v1/imports})
     * @param commandElements the most array elements one command may hold
     */
    public record Limits(
            @DefaultValue("1MB") DataSize commandBody,
            @DefaultValue("64MB") DataSize importBody,
            @DefaultValue("1000") int commandElements) {}

    /**
     * @param asyncBody    the largest body of an import sent with {@code Prefer: respond-async}, spooled to
     *                     {@code ${ledger.data-dir}/imports} as it arrives
     * @param syncMaxLines the most lines of an import answered when written; a longer one is answered 202 and written
     *                     in the background even without {@code Prefer: respond-async}
     * @param chunk        commands per unit of work of a background import, appended in one JDBC batch each
     * @param writerWait   how long another write on the node waits while a background import is being appended,
     *                     before it is answered 503 import-in-progress
     * @param staleAfter   how long the node of an unfinished background import may stop beating before any node marks
     *                     the import FAILED (that node died; nothing of the import was written)
     */
    public record Imports(
            @DefaultValue("4GB") DataSize asyncBody,
            @DefaultValue("100000") long syncMaxLines,
            @DefaultValue("2000") int chunk,
            @DefaultValue("PT10S") Duration writerWait,
            @DefaultValue("PT1M") Duration staleAfter) {}

    /**
     * @param claimTimeout   how old a node's claim on a processor's segment must be before another node takes it over
     *                       (the first node died)
     * @param claimExtension how often a node refreshes the claims it holds, idle or in the middle of a batch; at most
     *                       half the claim timeout
     * @param claimInterval  how often a node looks for unclaimed or expired segments to take over
     */
    public record Processors(
            @DefaultValue("PT3S") Duration claimTimeout,
            @DefaultValue("PT1S") Duration claimExtension,
            @DefaultValue("PT1S") Duration claimInterval) {}

    /**
     * @param batchSize             how many events the event store reads in one batch (rebuilding an aggregate; the stream's reads)
     * @param gapTimeout            how long a position left empty by a rolled-back write is re-checked by readers
     * @param gapCleaningThreshold  how many such gaps a reader keeps before it cleans the ones past the timeout
     */
    public record EventStore(
            @DefaultValue("500") int batchSize,
            @DefaultValue("PT20S") Duration gapTimeout,
            @DefaultValue("100") int gapCleaningThreshold) {}

    /**
     * @param cache     {@code soft}: aggregates stay in memory between commands until the heap runs short;
     *                  {@code weak}: until the next garbage collection; {@code none}: each command loads its aggregate
     *                  from the store (with several nodes writing, docs/deployment.md)
     * @param cacheSize how many aggregates {@code soft} keeps at most (the least recently used go first)
     */
    public record Aggregates(
            @DefaultValue("soft") String cache,
            @DefaultValue("10000") long cacheSize) {}

    /**
     * @param threshold events applied since an aggregate was last loaded from a snapshot before it takes a new one;
     *                  0 turns snapshots off
     */
    public record Snapshots(@DefaultValue("100") int threshold) {}

    /**
     * @param groupCommit concurrent single commands on different aggregates in one transaction (docs/architecture.md)
     */
    public record Writes(@DefaultValue GroupCommit groupCommit) {}

    /**
     * @param enabled  whether concurrent single commands share a transaction, an append and a chain step
     * @param maxBatch the most commands one shared transaction holds
     */
    public record GroupCommit(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("128") int maxBatch) {}
}
