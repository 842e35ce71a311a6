package org.diplomaticledger.projection;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What a projection's handler folds events into: the rows, table by table, of the partition whose event is being
 * handled, held in memory by {@link TemporalProjector}. A handler reads and changes them through {@link #rows};
 * nothing it does touches the database. After the handler returns, the projector compares what changed with the
 * partition's rows before and writes the differences as row versions; if the handler throws, its changes are
 * dropped.
 */
public final class Head {

    private final Set<String> tables;
    private final Function<String, VersionLayout> layouts;
    private final Map<String, Rows> rows = new ConcurrentHashMap<>();
    private final ThreadLocal<State> current = new ThreadLocal<>();

    Head(Set<String> tables, Function<String, VersionLayout> layouts) {
        this.tables = Set.copyOf(tables);
        this.layouts = layouts;
    }

    /** The rows of a table of the projection (one of its {@link Projection#versionedTables()}). */
    public Rows rows(String table) {
        if (!tables.contains(table)) {
            throw new IllegalArgumentException("the projection has no table " + table + "; it has " + tables);
        }
        return rows.computeIfAbsent(table, name -> new Rows(this, layouts.apply(name)));
    }

    State state() {
        State state = current.get();
        if (state == null) {
            throw new IllegalStateException(
                    "a projection's rows can be read and changed only while it handles an event");
        }
        return state;
    }

    /** Runs the handler with {@code state} as the partition's rows. */
    void with(State state, Action action) throws Exception {
        current.set(state);
        try {
            action.run();
        } finally {
            current.remove();
        }
    }

    interface Action {
        void run() throws Exception;
    }

    /** Rows to start from, read only, and what the handler changed on top of them. */
    abstract static class State {
        /** Table, then key: the row put, or null for a row removed. */
        final Map<String, Map<List<Object>, Row>> changes = new HashMap<>();

        abstract Row base(VersionLayout layout, List<Object> key);

        abstract Collection<Row> base(VersionLayout layout);

        Row get(VersionLayout layout, List<Object> key) {
            Map<List<Object>, Row> changed = changes.get(layout.table);
            if (changed != null && changed.containsKey(key)) {
                return changed.get(key);
            }
            return base(layout, key);
        }

        Collection<Row> all(VersionLayout layout) {
            Map<List<Object>, Row> changed = changes.get(layout.table);
            if (changed == null || changed.isEmpty()) {
                return base(layout);
            }
            List<Row> all = new ArrayList<>();
            for (Row row : base(layout)) {
                if (!changed.containsKey(row.key())) {
                    all.add(row);
                }
            }
            for (Row row : changed.values()) {
                if (row != null) {
                    all.add(row);
                }
            }
            return all;
        }

        /** The rows to start from whose column holds the value; by default looked for among all of them. */
        Collection<Row> base(VersionLayout layout, String column, Object value) {
            List<Row> found = new ArrayList<>();
            for (Row row : base(layout)) {
                if (java.util.Objects.equals(row.get(column), value)) {
                    found.add(row);
                }
            }
            return found;
        }

        /** The rows whose column holds the value, with the changes on top. */
        List<Row> find(VersionLayout layout, String column, Object value) {
            Map<List<Object>, Row> changed = changes.get(layout.table);
            List<Row> found = new ArrayList<>();
            for (Row row : base(layout, column, value)) {
                if (changed == null || !changed.containsKey(row.key())) {
                    found.add(row);
                }
            }
            if (changed != null) {
                for (Row row : changed.values()) {
                    if (row != null && java.util.Objects.equals(row.get(column), value)) {
                        found.add(row);
                    }
                }
            }
            return found;
        }

        void put(VersionLayout layout, List<Object> key, Row row) {
            changes.computeIfAbsent(layout.table, table -> new LinkedHashMap<>())
                    .put(key, row);
        }
    }

    /** Rows kept as plain maps, table then key; changes are folded into them by {@link #commit()}. */
    static final class Rowset extends State {
        final Map<String, Map<List<Object>, Row>> tables = new HashMap<>();

        @Override
        Row base(VersionLayout layout, List<Object> key) {
            Map<List<Object>, Row> rows = tables.get(layout.table);
            return rows == null ? null : rows.get(key);
        }

        @Override
        Collection<Row> base(VersionLayout layout) {
            Map<List<Object>, Row> rows = tables.get(layout.table);
            return rows == null ? List.of() : rows.values();
        }

        void commit() {
            changes.forEach((table, changed) -> {
                Map<List<Object>, Row> rows = tables.computeIfAbsent(table, name -> new HashMap<>());
                changed.forEach((key, row) -> {
                    if (row == null) {
                        rows.remove(key);
                    } else {
                        rows.put(key, row);
                    }
                });
            });
            changes.clear();
        }

        /** The rows of one table by key, as values, a copy. */
        Map<List<Object>, List<Object>> values(String table) {
            Map<List<Object>, List<Object>> values = new HashMap<>();
            tables.getOrDefault(table, Map.of()).forEach((key, row) -> values.put(key, row.values()));
            return values;
        }
    }
}
