package org.diplomaticledger.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** The ledger's default store: H2 files in the run's data directory, with the URL options of application.properties. */
final class H2BenchDatabase implements BenchDatabase {

    private Connection scratch;

    @Override
    public String kind() {
        return "h2";
    }

    @Override
    public List<String> profiles() {
        return List.of();
    }

    @Override
    public List<String> ledgerArguments(Path dataDir) {
        return List.of();
    }

    /** {@code jdbc:h2:file:DIR/ledger;OPTIONS} becomes {@code jdbc:h2:file:DIR/bench-scratch;OPTIONS}. */
    @Override
    public Connection scratch(String ledgerUrl, String user, String password) throws SQLException {
        int options = ledgerUrl.indexOf(';');
        String path = options < 0 ? ledgerUrl : ledgerUrl.substring(0, options);
        String rest = options < 0 ? "" : ledgerUrl.substring(options);
        String url = path.substring(0, path.lastIndexOf('/') + 1) + "bench-scratch" + rest;
        if (scratch == null) {
            // Held open until the end, so that H2 opens the scratch database once, not at every baseline.
            scratch = DriverManager.getConnection(url, user, password);
        }
        return DriverManager.getConnection(url, user, password);
    }

    @Override
    public String binaryType() {
        return "VARBINARY(1000000)";
    }

    @Override
    public long sizeAfterStop(Path dataDir) throws Exception {
        Path file = dataDir.resolve("ledger.mv.db");
        return Files.exists(file) ? Files.size(file) : 0;
    }

    @Override
    public String sizeMeaning() {
        return "size of ledger.mv.db after the ledger stopped";
    }

    @Override
    public boolean isPostgres() {
        return false;
    }

    /** Closes the scratch database (the last connection closes an H2 database opened with DB_CLOSE_ON_EXIT=FALSE). */
    @Override
    public void close() throws Exception {
        if (scratch != null && !scratch.isClosed()) {
            try (Statement statement = scratch.createStatement()) {
                statement.execute("SHUTDOWN");
            } catch (SQLException alreadyClosed) {
                // nothing left to close
            }
            scratch.close();
        }
    }
}
