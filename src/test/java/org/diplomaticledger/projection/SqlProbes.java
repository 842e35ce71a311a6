package org.diplomaticledger.projection;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the tests of the reads' SQL helpers ask of a query: its rows as values, and on H2 its plan and what it read. */
final class SqlProbes {

    private SqlProbes() {
    }

    /** Every row the query answers, as its columns' values in order. */
    static List<List<Object>> rows(JdbcTemplate jdbc, Sql sql) {
        return jdbc.query(sql.text(), (rs, i) -> {
            List<Object> row = new ArrayList<>();
            for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                row.add(rs.getObject(c));
            }
            return row;
        }, sql.args());
    }

    /** H2's {@code EXPLAIN ANALYZE} of the query, its values bound. */
    static String explainAnalyze(JdbcTemplate jdbc, Sql sql) {
        return jdbc.execute((ConnectionCallback<String>) connection -> {
            try (PreparedStatement statement = connection.prepareStatement("EXPLAIN ANALYZE " + sql.text())) {
                Object[] args = sql.args();
                for (int i = 0; i < args.length; i++) {
                    statement.setObject(i + 1, args[i]);
                }
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
    }

    /** The rows H2 says it read, over every scan of the plan ({@code scanCount}). */
    static long scanned(String plan) {
        Matcher counts = Pattern.compile("scanCount: (\\d+)").matcher(plan);
        long total = 0;
        while (counts.find()) {
            total += Long.parseLong(counts.group(1));
        }
        return total;
    }
}
