package org.diplomaticledger.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The database a benchmark run measures: the ledger's store, and a sibling scratch database on the same engine, with
 * the same options and the same disk, where the raw-JDBC write baselines insert their rows (so that those rows do not
 * count in the ledger's own size, R4).
 */
interface BenchDatabase extends AutoCloseable {

    /** {@code h2} or {@code postgresql}. */
    String kind();

    /** Spring profiles the ledger starts with on this database. */
    List<String> profiles();

    /** Command-line properties that point the ledger at this database. */
    List<String> ledgerArguments(Path dataDir);

    /** A connection to the scratch database, given the ledger's own JDBC URL, user and password. */
    Connection scratch(String ledgerUrl, String user, String password) throws SQLException;

    /** The SQL type of a binary column such as {@code domain_event_entry.payload}. */
    String binaryType();

    /** The ledger database's size in bytes, once the ledger has stopped cleanly. */
    long sizeAfterStop(Path dataDir) throws Exception;

    /** What the size means (files, or pg_database_size). */
    String sizeMeaning();

    boolean isPostgres();

    @Override
    void close() throws Exception;
}
