package org.diplomaticledger.projection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One projection table's rows of the partition (the aggregate) whose event is being handled, as the handler sees
 * and changes them: the state after every earlier event of that partition folded in effective order. The handler
 * reads and writes only these; {@link TemporalProjector} keeps what changed as row versions.
 */
public final class Rows {

    private final Head head;
    private final VersionLayout layout;

    Rows(Head head, VersionLayout layout) {
        this.head = head;
        this.layout = layout;
    }

    /** The row with these key values (in the order of the table's key columns), or null. */
    public Row get(Object... key) {
        Object[] canonical = new Object[key.length];
        for (int i = 0; i < key.length; i++) {
            canonical[i] = Row.canonical(key[i]);
        }
        return head.state().get(layout, Collections.unmodifiableList(Arrays.asList(canonical)));
    }

    /** Every row of the partition in this table, in no particular order. */
    public List<Row> all() {
        return new ArrayList<>(head.state().all(layout));
    }

    /**
     * The rows of the partition in this table whose column holds the value, in no particular order: between events
     * the projector keeps them by value once asked, so that a handler finds them without looking through every row.
     */
    public List<Row> find(String column, Object value) {
        layout.index(column);
        return head.state().find(layout, column, Row.canonical(value));
    }

    /** A new row with every column null, to fill with {@link Row#with} and {@link #put}. */
    public Row create() {
        return new Row(layout, new Object[layout.columns.size()]);
    }

    /** Adds the row, or replaces the one with the same key. */
    public void put(Row row) {
        if (row.layout != layout) {
            throw new IllegalArgumentException("a row of " + row.layout.table + " put into " + layout.table);
        }
        head.state().put(layout, row.key(), row);
    }

    /** Removes the row with the same key, if there is one. */
    public void remove(Row row) {
        head.state().put(layout, row.key(), null);
    }
}
