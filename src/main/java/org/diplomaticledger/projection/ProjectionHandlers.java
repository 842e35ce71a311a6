package org.diplomaticledger.projection;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The live handler of every projection and the slot it writes into, which is also the slot queries read.
 * The active slot is kept in {@code projection_state}, so that it survives restarts.
 */
public class ProjectionHandlers {

    /** A projection, its live handler and the slot that handler writes into. */
    public record Live(Projection projection, SlotRef slot, TemporalProjector handler) {}

    private final Map<String, Live> live = new LinkedHashMap<>();
    private final JdbcTemplate jdbc;
    private final Supplier<EventStorageEngine> store;
    private final ObjectMapper eventMapper;
    private final int cachedEvents;

    ProjectionHandlers(
            List<Projection> projections,
            JdbcTemplate jdbc,
            Supplier<EventStorageEngine> store,
            ObjectMapper eventMapper,
            int cachedEvents) {
        this.jdbc = jdbc;
        this.store = store;
        this.eventMapper = eventMapper;
        this.cachedEvents = cachedEvents;
        for (Projection projection : projections) {
            if (!projection.name().matches("[a-z][a-z0-9-]{0,60}")) {
                throw new IllegalStateException(
                        "A projection's name is lower case letters, digits and '-': " + projection.name());
            }
            // a migration that drifted from the columns the projection declares fails the start, not the first write
            projection.versionedTables().forEach(table -> VersionLayout.check(jdbc, table));
            SlotRef slot = new SlotRef(storedSlot(projection.name()));
            Live previous = live.put(projection.name(), new Live(projection, slot, projector(projection, slot, false)));
            if (previous != null) {
                throw new IllegalStateException("Two projections are named " + projection.name());
            }
        }
    }

    /**
     * The projection's handler writing bitemporal versions into the slot; {@code exclusive} for a rebuild's, which
     * alone writes its slot and holds its writes until it flushes them.
     */
    TemporalProjector projector(Projection projection, SlotRef slot, boolean exclusive) {
        return new TemporalProjector(projection, slot, jdbc, store, eventMapper, cachedEvents, exclusive);
    }

    private Slot storedSlot(String name) {
        List<String> stored =
                jdbc.queryForList("SELECT active_slot FROM projection_state WHERE projection = ?", String.class, name);
        if (stored.isEmpty()) {
            jdbc.update(
                    "INSERT INTO projection_state (projection, active_slot, switched_at) VALUES (?, ?, ?)",
                    name,
                    Slot.A.code(),
                    Timestamp.from(Instant.now()));
            return Slot.A;
        }
        return Slot.valueOf(stored.get(0).trim());
    }

    public List<Live> all() {
        return Collections.unmodifiableList(new ArrayList<>(live.values()));
    }

    public Optional<Live> find(String name) {
        return Optional.ofNullable(live.get(name));
    }

    public Live get(String name) {
        return find(name).orElseThrow(() -> new UnknownProjection(name, live.keySet()));
    }

    /** The slot queries of the projection read now. */
    public Slot activeSlot(String name) {
        return get(name).slot().get();
    }

    /** Makes {@code slot} the one the live handler writes and queries read; called inside the switching transaction. */
    void activate(String name, Slot slot) {
        jdbc.update(
                "UPDATE projection_state SET active_slot = ?, switched_at = ? WHERE projection = ?",
                slot.code(),
                Timestamp.from(Instant.now()),
                name);
        get(name).slot().set(slot);
    }

    /** A projection name the ledger does not have. */
    public static class UnknownProjection extends RuntimeException {
        public UnknownProjection(String name, java.util.Collection<String> known) {
            super("no projection '" + name + "'; projections: " + String.join(", ", known));
        }
    }
}
