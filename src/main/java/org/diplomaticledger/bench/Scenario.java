package org.diplomaticledger.bench;

/**
 * One benchmark scenario, selectable by {@link #name()} with {@code --only}. A scenario measures the ledger and a
 * baseline on the same database in the same run and adds {@link Figure}s (and any details) to its result. Add a
 * scenario by writing a class and listing it in {@link Scenarios#ALL}.
 */
interface Scenario {

    /** The short name users select it by: R1, R2, …, BUILD, W1. */
    String name();

    /** One line on what it measures. */
    String title();

    /** Measures, with the ledger running. */
    void run(BenchContext context, ScenarioResult result) throws Exception;

    /** Measures what needs every scenario done but the ledger still running (what the ledger holds in the end). */
    default void beforeLedgerStops(BenchContext context, ScenarioResult result) throws Exception {}

    /** Measures what needs the ledger stopped (the database's size after a clean shutdown); most scenarios need nothing. */
    default void afterLedgerStopped(BenchContext context, ScenarioResult result) throws Exception {}
}
