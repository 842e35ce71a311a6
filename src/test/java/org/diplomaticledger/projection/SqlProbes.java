package org.diplomaticledger.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the tests of the reads' SQL helpers ask of a query: its rows as values, and its plan and what it read (H2's
 * {@code EXPLAIN ANALYZE} text, PostgreSQL's {@code EXPLAIN (ANALYZE, FORMAT JSON)}).
 */
final class SqlProbes {

    private SqlProbes() {}

    /**
     * Creates the tests' table {@code item (slot, owner_id, part_id, category, staff)} with its index on
     * {@code (slot, owner_id, part_id)} and {@code rows} rows of 200 owners in two slots (the same rows every time).
     */
    static void itemTable(JdbcTemplate jdbc, int rows) {
        jdbc.execute(
                "CREATE TABLE item (slot CHAR(1) NOT NULL, owner_id VARCHAR(64) NOT NULL, part_id VARCHAR(64) NOT NULL, "
                        + "category VARCHAR(32) NOT NULL, staff INTEGER NOT NULL)");
        jdbc.execute("CREATE INDEX ix_item_owner ON item (slot, owner_id, part_id)");
        java.util.Random random = new java.util.Random(11);
        List<Object[]> values = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            values.add(new Object[] {
                random.nextBoolean() ? "A" : "B",
                "O-" + random.nextInt(200),
                "P-" + random.nextInt(4),
                List.of("DIPLOMATIC", "SERVICE", "LOCAL_HIRE").get(random.nextInt(3)),
                random.nextInt(10)
            });
        }
        jdbc.batchUpdate("INSERT INTO item VALUES (?, ?, ?, ?, ?)", values);
        jdbc.execute("ANALYZE");
    }

    /** Every row the query answers, as its columns' values in order. */
    static List<List<Object>> rows(JdbcTemplate jdbc, Sql sql) {
        return jdbc.query(
                sql.text(),
                (rs, i) -> {
                    List<Object> row = new ArrayList<>();
                    for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                        row.add(rs.getObject(c));
                    }
                    return row;
                },
                sql.args());
    }

    /** H2's {@code EXPLAIN ANALYZE} of the query, its values bound. */
    static String explainAnalyze(JdbcTemplate jdbc, Sql sql) {
        return explained(jdbc, "EXPLAIN ANALYZE ", sql);
    }

    /** The first column of the first row of {@code explain} followed by the query, its values bound. */
    private static String explained(JdbcTemplate jdbc, String explain, Sql sql) {
        return jdbc.execute((ConnectionCallback<String>) connection -> {
            try (PreparedStatement statement = connection.prepareStatement(explain + sql.text())) {
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

    /** How PostgreSQL read one table in an executed plan: the node, its index if any, and the rows it read. */
    record Scan(String node, String index, long read) {}

    /**
     * PostgreSQL's scans of a table when it ran the query ({@code EXPLAIN (ANALYZE, FORMAT JSON)}): each node on the
     * table, with the rows it read over all its loops, those its filter removed included.
     */
    static List<Scan> scansOf(JdbcTemplate jdbc, Sql sql, String table) {
        String json = explained(jdbc, "EXPLAIN (ANALYZE, FORMAT JSON) ", sql);
        try {
            List<Scan> scans = new ArrayList<>();
            collect(new ObjectMapper().readTree(json).get(0).get("Plan"), table, scans);
            return scans;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not a plan: " + json, e);
        }
    }

    /** The index a scan read: its own, or for a bitmap heap scan the one its bitmap index scan read. */
    private static String indexOf(JsonNode node) {
        if (node.has("Index Name")) {
            return node.get("Index Name").asText();
        }
        for (JsonNode child : node.path("Plans")) {
            String index = indexOf(child);
            if (index != null) {
                return index;
            }
        }
        return null;
    }

    private static void collect(JsonNode node, String table, List<Scan> scans) {
        if (table.equals(node.path("Relation Name").asText())) {
            long loops = node.path("Actual Loops").asLong(1);
            long read = (node.path("Actual Rows").asLong()
                            + node.path("Rows Removed by Filter").asLong()
                            + node.path("Rows Removed by Index Recheck").asLong())
                    * loops;
            scans.add(new Scan(node.path("Node Type").asText(), indexOf(node), read));
        }
        for (JsonNode child : node.path("Plans")) {
            collect(child, table, scans);
        }
    }
}
