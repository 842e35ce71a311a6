package org.diplomaticledger.projection;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * How the queries of a projection read its rows: Spring's {@link JdbcTemplate} for queries whose slot a
 * {@link ReadView} bound. A query is an {@link Sql}, its text and values built together; it is run only if one of its
 * pieces came from a view with the slot bound ({@link ReadView#rows}, {@link ReadView#knownRows},
 * {@link ReadView#typedRows}, {@link KeyVersion#of}, {@link Where}), else refused before it reaches the database.
 * So a query cannot forget the slot (and read both slots' rows, a rebuild's half-made one among them), nor bind it in
 * the wrong place: no query writes {@code slot = ?} and binds the slot itself.
 *
 * <p>Named parameters ({@code NamedParameterJdbcTemplate}) were weighed and not taken: a read joins the same piece
 * many times with other values (one key's version per mission, {@code UNION ALL}, {@link OneOf}), which positional
 * values built with their text ({@link Sql}) join without renaming anything.
 */
@Component
public final class SlotJdbc {

    private final JdbcTemplate jdbc;

    public SlotJdbc(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public <T> List<T> query(Sql sql, RowMapper<T> rows) {
        return jdbc.query(checked(sql).text(), rows, sql.args());
    }

    public void query(Sql sql, RowCallbackHandler each) {
        jdbc.query(checked(sql).text(), each, sql.args());
    }

    /** The one value the query answers (a count). */
    public <T> T queryForObject(Sql sql, Class<T> type) {
        return jdbc.queryForObject(checked(sql).text(), type, sql.args());
    }

    /** The one row the query answers, by column. */
    public Map<String, Object> queryForMap(Sql sql) {
        return jdbc.queryForMap(checked(sql).text(), sql.args());
    }

    /**
     * The versions of many keys, one execution of one prepared statement per key (whose plan H2 keeps: it keeps no
     * union's), each key's values in the order of the key's columns.
     */
    public void each(KeyVersion query, Collection<? extends List<?>> keys, RowCallbackHandler each) {
        if (keys.isEmpty()) {
            return;
        }
        List<Object[]> args =
                keys.stream().map(key -> query.args(key.toArray())).toList();
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            try (PreparedStatement statement = connection.prepareStatement(query.sql())) {
                for (Object[] values : args) {
                    for (int i = 0; i < values.length; i++) {
                        statement.setObject(i + 1, values[i]);
                    }
                    try (ResultSet rs = statement.executeQuery()) {
                        while (rs.next()) {
                            each.processRow(rs);
                        }
                    }
                }
            }
            return null;
        });
    }

    /** For the index probes of {@link IndexKeys}, which bind the view's slot themselves. */
    JdbcTemplate jdbc() {
        return jdbc;
    }

    private static Sql checked(Sql sql) {
        if (!sql.bindsSlot()) {
            throw new IllegalArgumentException(
                    "a query of a projection reads one slot, bound by a ReadView (rows, knownRows, "
                            + "typedRows, KeyVersion.of, Where): " + sql.text());
        }
        return sql;
    }
}
