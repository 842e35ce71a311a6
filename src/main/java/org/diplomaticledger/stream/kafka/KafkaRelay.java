package org.diplomaticledger.stream.kafka;

import io.cloudevents.CloudEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.diplomaticledger.stream.LedgerCloudEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * The event handler of the {@value #PROCESSOR} processor: sends each event of a batch to the topic as a CloudEvent
 * keyed by its aggregate, without waiting, and waits for every acknowledgement of the batch before the batch's
 * unit of work commits, and with it the processor's token. A send that fails or is not acknowledged in time fails
 * the batch: the token stays where it was, the processor retries the batch after a back-off, and nothing is skipped
 * (a batch sent again may deliver some events twice; their CloudEvent {@code id} tells the copies apart).
 * Only chained events are relayed, as on the stream: a row written into the event table around the ledger (no link
 * in the audit chain, see docs/audit.md) is passed by with a warning.
 */
public final class KafkaRelay {

    /** The processor's name, and its row in token_entry. */
    public static final String PROCESSOR = "kafka-relay";

    private static final Logger log = LoggerFactory.getLogger(KafkaRelay.class);
    private static final String PENDING = KafkaRelay.class.getName() + ".pending";

    private final KafkaTemplate<String, CloudEvent> template;
    private final LedgerCloudEvents cloudEvents;
    private final KafkaRelayProperties properties;
    private final JdbcTemplate jdbc;
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicReference<Failure> failure = new AtomicReference<>();

    /** The last failed batch, until a batch succeeds again. */
    public record Failure(String message, Instant at, int times) {}

    public KafkaRelay(
            KafkaTemplate<String, CloudEvent> template,
            LedgerCloudEvents cloudEvents,
            KafkaRelayProperties properties,
            JdbcTemplate jdbc) {
        this.template = template;
        this.cloudEvents = cloudEvents;
        this.properties = properties;
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(Object payload, EventMessage<?> event) {
        long position = position(event);
        // The link is written in the transaction that appended the event: a committed event without one never gets it.
        Integer links = jdbc.queryForObject(
                "SELECT COUNT(*) FROM audit_chain WHERE global_index = ? AND event_identifier = ?",
                Integer.class,
                position,
                event.getIdentifier());
        if (links == null || links == 0) {
            log.warn(
                    "Kafka relay: the event at position {} ({}) has no link in the audit chain: it was written around the"
                            + " ledger and is not relayed",
                    position,
                    event.getIdentifier());
            return;
        }
        CloudEvent cloudEvent = cloudEvents.toCloudEvent(event, position);
        String key =
                event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : event.getIdentifier();
        Batch batch = pending();
        batch.last = position;
        try {
            batch.sends.add(template.send(properties.topic(), key, cloudEvent));
        } catch (RuntimeException e) {
            // The producer gave up before sending: no metadata from the broker within max.block.ms, a full buffer.
            throw failed(batch, "not sent: " + (e.getCause() == null ? e : e.getCause()), e);
        }
    }

    /** The highest ledger position this node has seen acknowledged (0 before its first batch). */
    public long acknowledged() {
        return acknowledged.get();
    }

    /** The last failure, if no batch has succeeded since. */
    public Failure failure() {
        return failure.get();
    }

    private static long position(EventMessage<?> event) {
        if (event instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null) {
            return tracked.trackingToken().position().orElse(0);
        }
        throw new IllegalStateException("the relay reads tracked events only, got " + event.getIdentifier());
    }

    private static final class Batch {
        final List<CompletableFuture<SendResult<String, CloudEvent>>> sends = new ArrayList<>();
        long last;
    }

    /** The sends of the current batch; the first call registers the wait for their acknowledgements. */
    private Batch pending() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(PENDING, key -> {
            Batch batch = new Batch();
            unitOfWork.onPrepareCommit(committing -> awaitAcknowledgements(batch));
            return batch;
        });
    }

    private void awaitAcknowledgements(Batch batch) {
        long deadline = System.nanoTime() + properties.ackTimeout().toNanos();
        try {
            for (CompletableFuture<SendResult<String, CloudEvent>> send : batch.sends) {
                send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(batch, "interrupted while waiting for the broker", e);
        } catch (ExecutionException e) {
            throw failed(batch, String.valueOf(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw failed(batch, "no acknowledgement within " + properties.ackTimeout(), e);
        }
        acknowledged.accumulateAndGet(batch.last, Math::max);
        Failure previous = failure.getAndSet(null);
        if (previous != null) {
            log.info(
                    "Kafka relay sends again: {} events acknowledged up to position {} after {} failed attempt(s)",
                    batch.sends.size(),
                    batch.last,
                    previous.times());
        }
    }

    private RelayFailedException failed(Batch batch, String message, Throwable cause) {
        Failure previous = failure.get();
        Failure now = new Failure(message, Instant.now(), previous == null ? 1 : previous.times() + 1);
        failure.set(now);
        batch.sends.forEach(send -> send.cancel(false));
        log.warn(
                "Kafka relay: the batch up to position {} was not acknowledged ({}); the relay stays before it and "
                        + "sends it again after a back-off (attempt {})",
                batch.last,
                message,
                now.times());
        return new RelayFailedException(message, cause);
    }

    /** A batch the broker did not acknowledge: it rolls back the relay's token. */
    static final class RelayFailedException extends RuntimeException {
        RelayFailedException(String message, Throwable cause) {
            super("Kafka relay batch not acknowledged: " + message, cause);
        }
    }
}
