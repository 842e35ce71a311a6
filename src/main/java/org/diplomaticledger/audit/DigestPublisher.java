package org.diplomaticledger.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Publishes the chain's head as a signed digest whenever it moved: at start, every {@code ledger.audit.publish.interval}
 * and at stop. Each new digest is logged ({@code Audit digest: {…}}), kept in the data directory as the
 * {@link ChainWitness}, and sent to every {@link DigestSink} (Kafka with the {@code kafka} profile). Before publishing,
 * the head is compared with the digest published last: a chain that lost events or was rewritten since is logged as an
 * error and the witness is left as it was, so that the loss stays visible to verify and to the next start.
 * Its own single daemon thread rather than Spring's scheduler, so the interval is a plain {@code Duration} that
 * {@code 0} turns off, and so a slow Kafka send delays no other scheduled task.
 */
@Component
class DigestPublisher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DigestPublisher.class);

    private final AuditChain chain;
    private final LedgerSigningKey key;
    private final ChainWitness witness;
    private final AuditProperties properties;
    private final Clock clock;
    private final ObjectProvider<DigestSink> sinks;
    private final ObjectMapper json = new ObjectMapper();
    private ScheduledExecutorService executor;
    private ChainVerifier.Break reported;
    private volatile boolean running;

    DigestPublisher(
            AuditChain chain,
            LedgerSigningKey key,
            ChainWitness witness,
            AuditProperties properties,
            Clock clock,
            ObjectProvider<DigestSink> sinks) {
        this.chain = chain;
        this.key = key;
        this.witness = witness;
        this.properties = properties;
        this.clock = clock;
        this.sinks = sinks;
    }

    /** Publishes the head if it moved since the last digest; the digest published, or null. */
    synchronized SignedDigest publish() {
        AuditChain.Head head = chain.head();
        SignedDigest last = witness.last().orElse(null);
        if (last != null) {
            ChainVerifier.Break disagreement = chain.compare(head, last);
            if (disagreement != null) {
                if (!disagreement.equals(reported)) {
                    log.error(
                            "The audit chain was tampered with ({}): {}. The last digest published stays in {}; verify"
                                    + " reports it.",
                            disagreement.reason().code(),
                            disagreement.detail(),
                            witness.file());
                    reported = disagreement;
                }
                return null;
            }
            if (last.position() == head.position()
                    && last.events() == head.length()
                    && last.keyId().equals(key.keyId())) {
                return null;
            }
        }
        reported = null;
        SignedDigest digest = key.sign(head, clock.instant());
        witness.write(digest);
        try {
            log.info("Audit digest: {}", json.writeValueAsString(digest));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        List<DigestSink> targets = sinks.orderedStream().toList();
        for (DigestSink sink : targets) {
            try {
                sink.publish(digest);
            } catch (Exception e) {
                log.warn(
                        "Publishing the audit digest at position {} to {} failed: {}",
                        digest.position(),
                        sink.getClass().getSimpleName(),
                        e.toString());
            }
        }
        return digest;
    }

    private void tick() {
        try {
            publish();
        } catch (RuntimeException e) {
            log.warn(
                    "Publishing the audit digest failed; trying again in {}: {}",
                    properties.publish().interval(),
                    e.toString());
        }
    }

    @Override
    public void start() {
        running = true;
        long millis = properties.publish().interval().toMillis();
        if (millis == 0) {
            tick();
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "audit-digest-publisher");
            thread.setDaemon(true);
            return thread;
        });
        // The first digest at once, but off the starting thread: a sink (Kafka) that is away must not hold the start.
        executor.scheduleWithFixedDelay(this::tick, 0, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        running = false;
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        tick();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stopped among the first (the database closes only after every lifecycle stopped), so its last digest is the head. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 10;
    }
}
