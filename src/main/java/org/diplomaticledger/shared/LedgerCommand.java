package org.diplomaticledger.shared;

import java.time.LocalDate;

/**
 * Every command the ledger accepts: a fact as a source reported it, with the day it took effect in the world.
 * The simple class name is the command's name in {@code POST /api/v1/commands/{CommandName}}.
 */
public interface LedgerCommand {

    /** The day the fact took effect in the world; the web layer fills in today when the client leaves it out. */
    LocalDate effectiveDate();

    /** Who reported the fact. */
    Provenance source();
}
