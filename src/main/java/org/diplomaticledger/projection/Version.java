package org.diplomaticledger.projection;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A row version of a {@link TemporalProjector} as read or written: the row's values, valid from {@code validFrom} to
 * {@code validTo} (null: open) in effective time, believed from {@code recordedFrom} on. Its row as the handler reads
 * it is made once: a handler that looks through all of a partition's rows (a mission's tenures) asks for each of them
 * at every event of the partition.
 */
record Version(
        VersionLayout layout,
        LocalDate validFrom,
        LocalDate validTo,
        Instant recordedFrom,
        List<Object> row,
        Row asRow) {

    Version(VersionLayout layout, LocalDate validFrom, LocalDate validTo, Instant recordedFrom, List<Object> row) {
        this(layout, validFrom, validTo, recordedFrom, row, new Row(layout, row.toArray()));
    }

    Row toRow() {
        return asRow;
    }

    /** The same version ended on {@code day}. */
    Version endingOn(LocalDate day) {
        return new Version(layout, validFrom, day, recordedFrom, row, asRow);
    }

    /** Whether it is valid on {@code day}. */
    boolean validOn(LocalDate day) {
        return !validFrom.isAfter(day) && (validTo == null || validTo.isAfter(day));
    }

    /** The version in the current row of a query that selects the layout's columns, then valid_from, valid_to, recorded_from. */
    static Version read(ResultSet rs, VersionLayout layout) throws SQLException {
        int n = layout.columns.size();
        List<Object> row = new ArrayList<>(n); // may hold nulls: not List.copyOf
        for (int i = 1; i <= n; i++) {
            row.add(Row.canonical(rs.getObject(i)));
        }
        return new Version(
                layout,
                rs.getObject(n + 1, LocalDate.class),
                rs.getObject(n + 2, LocalDate.class),
                rs.getObject(n + 3, OffsetDateTime.class).toInstant(),
                row);
    }
}
