package org.diplomaticledger.projection;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.diplomaticledger.history.api.EntryCorrected;
import org.diplomaticledger.history.api.EntryRetracted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The events each projection has parked in Axon's dead-letter queue (table {@code dead_letter_entry}), and the ways
 * to run them again: on request ({@link #retry}), as soon as a correction or retraction of a parked event has been
 * queued behind it ({@link #release}), and, as a safety net for a release lost to a restart, every
 * {@code ledger.projections.parked.recheck-interval} for every sequence that received a correction or retraction,
 * or whose first event waits for nothing (left behind when a retry emptied its sequence while the processor added
 * to it), since it was last tried.
 */
@Component
public class ParkedEvents implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ParkedEvents.class);
    private static final String COLUMNS = "d.event_identifier, e.global_index, d.sequence_identifier, d.payload_type, "
            + "d.cause_type, d.cause_message, d.enqueued_at, d.last_touched, d.diagnostics";

    private final JdbcTemplate jdbc;
    private final ProjectionHandlers handlers;
    private final ObjectProvider<org.axonframework.config.Configuration> axon;
    private final Serializer serializer;
    private final ScheduledExecutorService worker;

    public ParkedEvents(
            JdbcTemplate jdbc,
            ProjectionHandlers handlers,
            ObjectProvider<org.axonframework.config.Configuration> axon,
            @Qualifier("eventSerializer") Serializer serializer,
            ProjectionsProperties properties) {
        Duration recheck = properties.parked().recheckInterval();
        this.jdbc = jdbc;
        this.handlers = handlers;
        this.axon = axon;
        this.serializer = serializer;
        this.worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "parked-events");
            thread.setDaemon(true);
            return thread;
        });
        if (!recheck.isZero() && !recheck.isNegative()) {
            worker.scheduleWithFixedDelay(this::recheck, recheck.toMillis(), recheck.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** How many events the projection has parked, failed or waiting. */
    public long count(String projection) {
        Long count = jdbc.queryForObject(
                "SELECT COUNT(*) FROM dead_letter_entry WHERE processing_group = ?",
                Long.class,
                handlers.get(projection).projection().name());
        return count == null ? 0 : count;
    }

    /** The projection's parked events in ledger order, at most {@code limit}. */
    public List<ParkedEvent> list(String projection, int limit) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM dead_letter_entry d LEFT JOIN domain_event_entry e "
                        + "ON e.event_identifier = d.event_identifier WHERE d.processing_group = ? "
                        + "ORDER BY e.global_index, d.sequence_index LIMIT ?",
                (rs, i) -> parked(rs),
                handlers.get(projection).projection().name(),
                limit);
    }

    /**
     * The parked event a reader waiting for {@code position} waits on, if any: the projection's first parked event
     * at or before that position that its handler failed on (else the first one waiting), and how many parked events
     * lie at or before it.
     */
    public Optional<Blocking> blocking(String projection, long position) {
        List<ParkedEvent> first = jdbc.query(
                "SELECT " + COLUMNS + " FROM dead_letter_entry d JOIN domain_event_entry e "
                        + "ON e.event_identifier = d.event_identifier WHERE d.processing_group = ? AND e.global_index <= ? "
                        + "ORDER BY CASE WHEN d.cause_type IS NULL THEN 1 ELSE 0 END, e.global_index LIMIT 1",
                (rs, i) -> parked(rs),
                projection,
                position);
        if (first.isEmpty()) {
            return Optional.empty();
        }
        Long count = jdbc.queryForObject(
                "SELECT COUNT(*) FROM dead_letter_entry d JOIN domain_event_entry e "
                        + "ON e.event_identifier = d.event_identifier WHERE d.processing_group = ? AND e.global_index <= ?",
                Long.class,
                projection,
                position);
        return Optional.of(new Blocking(first.get(0), count == null ? 1 : count));
    }

    /** A parked event in the way of a reader, and how many parked events are. */
    public record Blocking(ParkedEvent event, long parkedBefore) {}

    /** What a retry did: sequences (aggregates) tried, events released, events still parked. */
    public record Retry(String projection, int sequences, long released, long stillParked, List<ParkedEvent> parked) {}

    /**
     * Runs every parked sequence of the projection again, oldest try first, each through Axon's
     * {@link SequencedDeadLetterProcessor}: a sequence's events go in order until one fails again, which stays parked
     * (with its retry count up) with the events behind it.
     */
    public Retry retry(String projection) {
        String name = handlers.get(projection).projection().name();
        long before = count(name);
        List<String> sequences = jdbc.queryForList(
                "SELECT d.sequence_identifier FROM dead_letter_entry d WHERE d.processing_group = ? "
                        + "AND d.sequence_index = (SELECT MIN(m.sequence_index) FROM dead_letter_entry m WHERE m.processing_group = "
                        + "d.processing_group AND m.sequence_identifier = d.sequence_identifier) ORDER BY d.last_touched",
                String.class,
                name);
        for (String sequence : sequences) {
            process(name, sequence);
        }
        long after = count(name);
        return new Retry(name, sequences.size(), Math.max(0, before - after), after, list(name, 100));
    }

    /**
     * Called once a correction or retraction of event {@code eventId} of {@code aggregateId} has committed: if that
     * event is parked, its sequence is run again at once (on a thread of its own, after the batch that queued the
     * correction). The failed event then counts as handled (see {@link IsolatedHandler}) and the correction refolds
     * the aggregate.
     */
    void release(String projection, String aggregateId, String eventId) {
        worker.execute(() -> {
            try {
                Integer parked = jdbc.queryForObject(
                        "SELECT COUNT(*) FROM dead_letter_entry WHERE processing_group = ? "
                                + "AND sequence_identifier = ? AND event_identifier = ?",
                        Integer.class,
                        projection,
                        aggregateId,
                        eventId);
                if (parked != null && parked > 0) {
                    boolean released = process(projection, aggregateId);
                    log.info(
                            "Projection {}: event {} of {} was corrected or retracted; its parked sequence {}",
                            projection,
                            eventId,
                            aggregateId,
                            released ? "went through" : "failed again and stays parked");
                }
            } catch (RuntimeException e) {
                log.warn("Projection {}: could not release the parked sequence of {}", projection, aggregateId, e);
            }
        });
    }

    /** Runs the sequences that received a correction or retraction, or wait for nothing, since they were last tried. */
    void recheck() {
        try {
            for (ProjectionHandlers.Live live : handlers.all()) {
                String name = live.projection().name();
                List<String> due = jdbc.queryForList(
                        "SELECT h.sequence_identifier FROM dead_letter_entry h "
                                + "WHERE h.processing_group = ? AND h.sequence_index = (SELECT MIN(m.sequence_index) FROM "
                                + "dead_letter_entry m WHERE m.processing_group = h.processing_group AND m.sequence_identifier = "
                                + "h.sequence_identifier) AND (h.cause_type IS NULL OR EXISTS (SELECT 1 FROM dead_letter_entry c "
                                + "WHERE c.processing_group = h.processing_group AND c.sequence_identifier = h.sequence_identifier "
                                + "AND c.payload_type IN (?, ?) AND c.enqueued_at > COALESCE(h.last_touched, h.enqueued_at)))",
                        String.class,
                        name,
                        EntryCorrected.class.getName(),
                        EntryRetracted.class.getName());
                for (String sequence : due) {
                    process(name, sequence);
                }
            }
        } catch (RuntimeException e) {
            log.warn("Could not re-check parked events", e);
        }
    }

    /** Processes one parked sequence through Axon; whether all of it went through. */
    private boolean process(String projection, String sequence) {
        EventProcessingConfiguration processing = axon.getObject().eventProcessingConfiguration();
        SequencedDeadLetterProcessor<EventMessage<?>> processor = processing
                .sequencedDeadLetterProcessor(projection)
                .orElseThrow(() -> new IllegalStateException("projection " + projection + " has no dead-letter queue"));
        return processor.process(letter -> sequence.equals(sequenceOf(letter)));
    }

    private static String sequenceOf(DeadLetter<? extends EventMessage<?>> letter) {
        if (letter instanceof JdbcDeadLetter<?> jdbcLetter) {
            return jdbcLetter.getSequenceIdentifier();
        }
        return letter.message() instanceof DomainEventMessage<?> domain
                ? domain.getAggregateIdentifier()
                : letter.message().getIdentifier();
    }

    private ParkedEvent parked(java.sql.ResultSet rs) throws java.sql.SQLException {
        String payloadType = rs.getString("payload_type");
        String causeType = rs.getString("cause_type");
        String causeMessage = rs.getString("cause_message");
        String error = causeType == null
                ? null
                : causeType.substring(causeType.lastIndexOf('.') + 1)
                        + (causeMessage == null ? "" : ": " + causeMessage);
        long position = rs.getLong("global_index");
        return new ParkedEvent(
                rs.getString("event_identifier"),
                rs.wasNull() ? null : position,
                rs.getString("sequence_identifier"),
                simpleName(payloadType),
                error,
                causeType == null,
                instant(rs.getString("enqueued_at")),
                instant(rs.getString("last_touched")),
                retries(rs.getBytes("diagnostics")));
    }

    private Integer retries(byte[] diagnostics) {
        if (diagnostics == null) {
            return 0;
        }
        MetaData metaData = serializer.deserialize(
                new SimpleSerializedObject<>(diagnostics, byte[].class, MetaData.class.getName(), null));
        return metaData.get(ProjectionsConfiguration.RETRIES) instanceof Number retries ? retries.intValue() : 0;
    }

    private static Instant instant(String text) {
        return text == null ? null : DateTimeUtils.parseInstant(text);
    }

    private static String simpleName(String className) {
        return className == null
                ? null
                : className.substring(Math.max(className.lastIndexOf('.'), className.lastIndexOf('$')) + 1);
    }

    /** Parked counts of every projection, for health. */
    public Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        handlers.all().forEach(live -> counts.put(live.projection().name(), 0L));
        jdbc.query("SELECT processing_group, COUNT(*) FROM dead_letter_entry GROUP BY processing_group", rs -> {
            if (counts.containsKey(rs.getString(1))) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        });
        return counts;
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
    }
}
