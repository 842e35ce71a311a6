package org.diplomaticledger.projection;

import java.util.Map;
import java.util.WeakHashMap;
import javax.sql.DataSource;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Which database a projection's SQL runs on, where H2 and PostgreSQL need different statements for the same plan
 * (an index range, a streamed result). Asked of the connection once per data source.
 */
final class DatabaseProduct {

    private static final Map<DataSource, Boolean> H2 = java.util.Collections.synchronizedMap(new WeakHashMap<>());

    private DatabaseProduct() {}

    /** Whether {@code jdbc} talks to H2 (otherwise: PostgreSQL). */
    static boolean isH2(JdbcTemplate jdbc) {
        DataSource source = jdbc.getDataSource();
        if (source == null) {
            return false;
        }
        return H2.computeIfAbsent(
                source,
                s -> Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) connection ->
                        connection.getMetaData().getDatabaseProductName().equals("H2"))));
    }
}
