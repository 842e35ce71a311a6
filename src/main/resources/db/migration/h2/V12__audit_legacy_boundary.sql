-- The boundary of the events stored before the chain existed, fixed once (see docs/audit.md, "Ledgers from before
-- the chain"). audit_chain_head.legacy_until is copied here as V7 left it; the application chains positions up to it
-- as legacy events only while the two agree, and refuses to start when they differ: resetting the head to
-- (0, zeros, 0, legacy_until = the last position) no longer makes the ledger re-chain, and so launder, edited rows.
-- Digests carry the boundary too (legacyUntil), so a kept or published digest also exposes a boundary moved in both
-- tables. Plain SQL that runs on H2 and PostgreSQL alike.
CREATE TABLE audit_chain_genesis (
    id           INTEGER NOT NULL PRIMARY KEY,
    legacy_until BIGINT  NOT NULL,
    CONSTRAINT ck_audit_chain_genesis_single CHECK (id = 1)
);

INSERT INTO audit_chain_genesis (id, legacy_until)
SELECT 1, legacy_until FROM audit_chain_head WHERE id = 1;
