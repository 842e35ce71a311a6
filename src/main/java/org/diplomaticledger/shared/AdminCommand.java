package org.diplomaticledger.shared;

/**
 * A command only ADMIN may send, alone, to {@code POST /api/v1/commands/{CommandName}} (the register of states'
 * {@code RegisterState}): an import never holds one, since an import is a CLERK's.
 */
public interface AdminCommand extends LedgerCommand {}
