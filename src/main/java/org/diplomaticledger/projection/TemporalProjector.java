package org.diplomaticledger.projection;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.diplomaticledger.history.api.EntryCorrected;
import org.diplomaticledger.history.api.EntryRetracted;
import org.diplomaticledger.shared.LedgerEvent;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Turns a projection's handler into bitemporal row versions. The handler folds events into the rows of the event's
 * partition held in memory (a {@link Head}); this class compares those rows before and after and keeps every change
 * as a row version in the slot ({@code A}/{@code B}) with its validity in effective time ({@code valid_from},
 * {@code valid_to}) and in recorded time ({@code recorded_from}, {@code recorded_to}).
 *
 * <p>A partition is one aggregate (a presence such as {@code RU-US}, a talks id). Its state on day d as known at
 * instant t is the fold, in effective order (ties by sequence number), of its events recorded by t, with the
 * corrections recorded by t applied. An event dated on or after everything already folded into its partition is
 * applied to the partition's current rows (its open versions, kept in memory between events) and the changed rows
 * get new versions from its effective date on. An earlier event (a late fact), a correction or a retraction refolds
 * the partition ({@link Refold}) from that day: the rows valid the day before are taken from the current versions, the partition's
 * events from that day on are read from the event store (upcast, corrected) and folded again in memory in effective
 * order, and only the rows whose timeline differs get new versions. Old versions are never changed but for
 * {@code recorded_to}, and for an open version's end: an event in order ends it on its day, in place, and
 * {@code valid_to_recorded} says since when that end is known (before then the version reads as open), so that a
 * change costs one version, not an open one closed in recorded time beside an ending copy. What the ledger believed
 * stays readable ({@link TimePoint}).
 *
 * <p>The database sees only version writes and the partition's progress, in the transaction of the event
 * processor's batch (or the rebuild's), so a rebuild that replays the ledger in recorded order makes exactly the
 * same versions.
 */
public final class TemporalProjector implements EventMessageHandler {

    private final Projection projection;
    private final SlotRef head;
    private final Head rows;
    private final Object target;
    private final AnnotationEventHandlerAdapter handler;
    private final JdbcTemplate jdbc;
    private final Supplier<EventStorageEngine> store;
    private final ObjectMapper mapper;
    private final Map<String, VersionLayout> layouts = new ConcurrentHashMap<>();
    private final PartitionEvents history;
    private final ProjectableDates dates;
    /* A rebuild's writes (one thread); a live projector's are its transaction's, or its event's outside one. */
    private final VersionWrites own;
    private final ThreadLocal<VersionWrites> active = new ThreadLocal<>();
    /* A rebuild's projector: nothing else writes its slot, so it trusts what it keeps in memory and holds its
     * writes until flush(); a live projector writes each event's versions before handle returns. */
    private final boolean exclusive;
    /*
     * Each partition's open versions (which are its head rows: the state after every event folded), kept between its
     * events so that an event in order reads only its head rows after the handler, not before nor its versions. An
     * entry is taken out while its partition is handled and put back only once the event succeeded, and trusted only
     * while projection_partition.last_sequence is the sequence number it was made at and the slot was not switched:
     * a rolled-back batch or savepoint, a refold, or another node's work on the partition all make it read again.
     * A plain access-ordered LinkedHashMap bounded by partitions: Axon's caches hold aggregates, not this.
     */
    private final Map<String, OpenPartition> partitions =
            java.util.Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, OpenPartition> eldest) {
                    return size() > CACHED_PARTITIONS;
                }
            });
    private static final int CACHED_PARTITIONS = 4096;
    /* The current versions of the partitions refolded lately (see Timeline), at most this many versions in all. */
    private final Timeline.Cache timelines = new Timeline.Cache(CACHED_VERSIONS);
    private final Refold refold;
    private static final int CACHED_VERSIONS = 200_000;

    public TemporalProjector(
            Projection projection,
            SlotRef slot,
            JdbcTemplate jdbc,
            Supplier<EventStorageEngine> store,
            ObjectMapper mapper,
            int cachedEvents,
            boolean exclusive) {
        this.projection = projection;
        this.head = slot.head();
        this.jdbc = jdbc;
        this.rows = new Head(
                new java.util.HashSet<>(projection.tables()),
                name -> layout(projection.versionedTables().stream()
                        .filter(table -> table.name().equals(name))
                        .findFirst()
                        .orElseThrow()));
        this.target = projection.handler(rows);
        this.handler = new AnnotationEventHandlerAdapter(target);
        this.store = store;
        this.mapper = mapper;
        this.history = new PartitionEvents(store, cachedEvents);
        this.dates = new ProjectableDates(mapper);
        this.own = new VersionWrites(jdbc);
        this.exclusive = exclusive;
        this.refold = new Refold(projection, rows, handler, history, mapper, dates, jdbc, new Refold.Versions() {
            @Override
            public VersionWrites writes() {
                return TemporalProjector.this.writes();
            }

            @Override
            public String slot() {
                return versionsCode();
            }

            @Override
            public VersionLayout layout(VersionedTable table) {
                return TemporalProjector.this.layout(table);
            }

            @Override
            public void progress(String partition, LocalDate foldedUntil, long sequence, boolean insert) {
                setProgress(partition, foldedUntil, sequence, insert);
            }
        });
    }

    /** Sends the writes held back (a rebuild's projector holds them until its transaction is about to commit). */
    public void flush() {
        own.flush();
    }

    private VersionWrites writes() {
        return exclusive ? own : active.get();
    }

    /**
     * By the payload's type, which a stored event knows without deserialising its payload: most of a ledger's events
     * are of types a projection does not handle, and reading every payload to find that out cost a rebuild of
     * heads-of-mission about a tenth of its time (JFR).
     */
    @Override
    public boolean canHandle(EventMessage<?> event) {
        if (!(event instanceof DomainEventMessage<?>)) {
            return false;
        }
        Class<?> type = event.getPayloadType();
        return handler.canHandle(event)
                || EntryCorrected.class.isAssignableFrom(type)
                || EntryRetracted.class.isAssignableFrom(type);
    }

    @Override
    public Class<?> getTargetType() {
        return target.getClass();
    }

    @Override
    public Object handle(EventMessage<?> message) throws Exception {
        if (!(message instanceof DomainEventMessage<?> stored)) {
            return null;
        }
        if (exclusive) {
            project(stored);
            return null;
        }
        VersionWrites transaction = transaction();
        VersionWrites writes = transaction == null ? new VersionWrites(jdbc) : transaction;
        active.set(writes);
        try {
            if (transaction == null || eventByEvent) {
                try {
                    project(stored);
                    writes().flush();
                } finally {
                    writes.clear();
                }
            } else {
                // Held until the batch's transaction commits: an event whose handler fails queues nothing, so what
                // is held is the earlier events' writes only.
                project(stored);
            }
        } finally {
            active.remove();
        }
        return null;
    }

    /*
     * A live projector in a transaction holds its writes until the transaction is about to commit (one batch of the
     * event processor), so that a version opened and closed within the batch is written once, and the statements go
     * in batches. Reading the database (a partition not in memory, a late fact, a correction) needs them written
     * first, which prepare() does before the event's savepoint: flushed inside it, they would be undone with a
     * failing event. Should the flush at commit fail, the batch rolls back and its retry writes event by event
     * again, inside each event's savepoint, so that the event at fault is parked alone.
     */
    private volatile boolean eventByEvent;

    /**
     * Called before the event's savepoint: sends the writes held when handling the event will read the database.
     */
    void prepare(EventMessage<?> message) {
        VersionWrites writes = exclusive ? null : transaction();
        if (writes == null || writes.isEmpty() || !(message instanceof DomainEventMessage<?> event)) {
            return;
        }
        Object payload = event.getPayload();
        if (!(payload instanceof EntryCorrected) && !(payload instanceof EntryRetracted)) {
            if (!handler.canHandle(event)) {
                return;
            }
            OpenPartition cached = partitions.get(event.getAggregateIdentifier());
            if (cached != null
                    && trusted(cached, writes)
                    && (cached.foldedUntil != null && !effectiveDate(event).isBefore(cached.foldedUntil)
                            || timelines.holds(event.getAggregateIdentifier(), cached.sequence, cached.switches))) {
                return; // in order, or a late fact refolded on the timeline in memory: no read of the versions
            }
        }
        writes.flush();
    }

    private boolean trusted(OpenPartition cached, Object transaction) {
        return cached.switches == head.switches()
                && (exclusive || transaction != null && cached.transaction == transaction);
    }

    /**
     * The writes held for the surrounding transaction (null outside one), registering their flush at its commit on
     * first use. They are bound to the transaction, not to this projector: a retry of parked events runs on another
     * thread, in a transaction of its own.
     */
    private VersionWrites transaction() {
        if (!org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        VersionWrites bound = (VersionWrites)
                org.springframework.transaction.support.TransactionSynchronizationManager.getResource(this);
        if (bound == null) {
            VersionWrites created = new VersionWrites(jdbc);
            org.springframework.transaction.support.TransactionSynchronizationManager.bindResource(this, created);
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void beforeCommit(boolean readOnly) {
                            try {
                                created.flush();
                            } catch (RuntimeException e) {
                                eventByEvent = true;
                                throw e;
                            }
                        }

                        @Override
                        public void afterCompletion(int status) {
                            org.springframework.transaction.support.TransactionSynchronizationManager
                                    .unbindResourceIfPossible(TemporalProjector.this);
                            created.clear();
                            if (status == STATUS_COMMITTED) {
                                eventByEvent = false;
                            }
                        }
                    });
            bound = created;
        }
        return bound;
    }

    private void project(DomainEventMessage<?> stored) throws Exception {
        DomainEventMessage<?> domain = dates.of(stored);
        EventMessage<?> event = domain;
        String partition = domain.getAggregateIdentifier();
        Instant recorded = event.getTimestamp().truncatedTo(ChronoUnit.MICROS);
        Object payload = event.getPayload();
        if (payload instanceof EntryCorrected || payload instanceof EntryRetracted) {
            partitions.remove(partition);
            timelines.take(partition);
            Progress known = progress(partition);
            refold.apply(partition, domain, recorded, null, null, known == null ? null : known.foldedUntil);
            return;
        }
        if (!handler.canHandle(event)) {
            return;
        }
        LocalDate effective = effectiveDate(event);
        OpenPartition cached = partitions.remove(partition);
        Timeline timeline = timelines.take(partition);
        VersionWrites transaction = exclusive ? null : writes();
        Progress progress = cached != null && trusted(cached, transaction)
                ? new Progress(cached.foldedUntil, cached.sequence)
                : progress(partition);
        LocalDate folded = progress == null ? null : progress.foldedUntil;
        if (timeline != null
                && (progress == null
                        || timeline.sequence != progress.sequence
                        || timeline.switches != head.switches())) {
            timeline = null; // made before something it does not know of: a rolled-back batch, another node's work
        }
        OpenPartition state;
        if (folded == null || !effective.isBefore(folded)) {
            state = cached != null
                            && progress != null
                            && cached.sequence == progress.sequence
                            && cached.switches == head.switches()
                    ? cached
                    : openVersions(partition, progress);
            applyInOrder(partition, event, effective, recorded, state, timeline);
        } else {
            timeline = refold.apply(partition, domain, recorded, effective, timeline, progress.foldedUntil);
            state = new OpenPartition();
            for (VersionedTable table : projection.versionedTables()) {
                state.open.put(table.name(), timeline.open(table.name()));
            }
            state.foldedUntil = timeline.foldedUntil;
            state.stored = true;
        }
        state.sequence = domain.getSequenceNumber();
        state.switches = head.switches();
        state.transaction = transaction;
        partitions.put(partition, state);
        if (timeline != null) {
            timeline.sequence = state.sequence;
            timeline.switches = state.switches;
            timelines.put(partition, timeline);
        }
    }

    static LocalDate effectiveDate(EventMessage<?> event) {
        if (event.getPayload() instanceof LedgerEvent ledgerEvent && ledgerEvent.effectiveDate() != null) {
            return clamp(ledgerEvent.effectiveDate());
        }
        return LocalDate.ofInstant(event.getTimestamp(), ZoneOffset.UTC);
    }

    private static LocalDate clamp(LocalDate day) {
        return ProjectableDates.clamp(day);
    }

    // ---- in order: the event is dated on or after everything folded into its partition

    /**
     * The event is dated on or after everything folded: the only current versions it can change are the open ones
     * (every closed version ends on a day already folded), which {@code state} holds. Each changed row's open
     * version ends on the event's day and a new one opens on it.
     */
    private void applyInOrder(
            String partition,
            EventMessage<?> event,
            LocalDate effective,
            Instant recorded,
            OpenPartition state,
            Timeline timeline)
            throws Exception {
        OpenPartition.Rows folded = new OpenPartition.Rows(state);
        rows.with(folded, () -> handler.handle(event));
        for (Map.Entry<String, Map<List<Object>, Row>> table : folded.changes.entrySet()) {
            Map<List<Object>, Version> open = state.open.get(table.getKey());
            for (Map.Entry<List<Object>, Row> change : table.getValue().entrySet()) {
                List<Object> key = change.getKey();
                Row changed = change.getValue();
                List<Object> row = changed == null ? null : changed.values();
                Version current = open.get(key);
                if (!Objects.equals(current == null ? null : current.row(), row)) {
                    VersionLayout layout = changed == null ? current.layout() : changed.layout;
                    if (current != null && timeline != null) {
                        timeline.remove(current);
                    }
                    if (current != null && current.validFrom().isBefore(effective)) {
                        // one write: the open version ends on the event's day, from the event's recording on
                        writes().end(
                                        layout,
                                        versionsCode(),
                                        key,
                                        current.validFrom(),
                                        current.recordedFrom(),
                                        effective,
                                        recorded);
                        if (timeline != null) {
                            timeline.put(current.endingOn(effective));
                        }
                    } else if (current != null) {
                        writes().close(
                                        layout,
                                        versionsCode(),
                                        key,
                                        current.validFrom(),
                                        null,
                                        current.recordedFrom(),
                                        recorded);
                    }
                    if (row != null) {
                        writes().insert(layout, versionsCode(), key, row, effective, null, recorded);
                    }
                    if (row == null) {
                        state.remove(table.getKey(), key);
                    } else {
                        Version opened = new Version(layout, effective, null, recorded, row);
                        state.put(table.getKey(), key, opened);
                        if (timeline != null) {
                            timeline.put(opened);
                        }
                    }
                }
            }
        }
        boolean later = state.foldedUntil == null || effective.isAfter(state.foldedUntil);
        if (later) {
            state.foldedUntil = effective;
        }
        if (timeline != null) {
            timeline.foldedUntil = state.foldedUntil;
        }
        setProgress(partition, state.foldedUntil, ((DomainEventMessage<?>) event).getSequenceNumber(), !state.stored);
        state.stored = true;
    }

    private OpenPartition openVersions(String partition, Progress progress) {
        writes().flush();
        OpenPartition state = new OpenPartition();
        state.foldedUntil = progress == null ? null : progress.foldedUntil;
        state.stored = progress != null;
        for (VersionedTable table : projection.versionedTables()) {
            VersionLayout layout = layout(table);
            Map<List<Object>, Version> byKey = new HashMap<>();
            org.springframework.jdbc.core.RowCallbackHandler open = rs -> {
                Version version = Version.read(rs, layout);
                if (version.validTo() == null) {
                    byKey.put(layout.key(version.row()), version);
                }
            };
            if (layout.partitionKeys != null) {
                // key by key through the versions index: the table has no index on the partition's current versions
                for (List<String> rest : layout.partitionKeys.under(jdbc, versionsCode(), partition)) {
                    Object[] args = new Object[rest.size() + 2];
                    args[0] = versionsCode();
                    args[1] = partition;
                    for (int i = 0; i < rest.size(); i++) {
                        args[i + 2] = rest.get(i);
                    }
                    jdbc.query(layout.latestCurrentSql, open, args);
                }
            } else {
                jdbc.query(layout.openSql, open, versionsCode(), layout.partitionArg(partition));
            }
            state.open.put(table.name(), byKey);
        }
        return state;
    }

    /** What the partition's head has folded: until which effective day, and up to which event of its aggregate. */
    private record Progress(LocalDate foldedUntil, long sequence) {}

    private Progress progress(String partition) {
        writes().flush();
        List<Progress> found = jdbc.query(
                "SELECT folded_until, last_sequence FROM projection_partition WHERE projection = ? "
                        + "AND slot = ? AND partition_id = ?",
                (rs, i) -> new Progress(rs.getObject(1, LocalDate.class), rs.getLong(2)),
                projection.name(),
                head.code(),
                partition);
        return found.isEmpty() ? null : found.get(0);
    }

    private void setProgress(String partition, LocalDate day, long sequence, boolean insert) {
        writes().progress(projection.name(), head.code(), partition, day, sequence, insert);
    }

    private String versionsCode() {
        return head.get().code();
    }

    private VersionLayout layout(VersionedTable table) {
        return layouts.computeIfAbsent(table.name(), name -> new VersionLayout(table));
    }
}
