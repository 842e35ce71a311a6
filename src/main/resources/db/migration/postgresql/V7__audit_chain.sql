-- The tamper-evident chain over the ledger (see docs/audit.md). Plain SQL that runs on H2 and PostgreSQL alike.
-- One link per event, written in the transaction that appends the event: link = SHA-256 over the previous link and
-- the event's canonical bytes (position, ids, timestamp, payload and metadata bytes as stored).
-- No foreign key to domain_event_entry on purpose: a link must outlive a deleted event, so that verify can say so.
CREATE TABLE audit_chain (
    global_index     BIGINT       NOT NULL PRIMARY KEY,
    prev_index       BIGINT       NOT NULL,
    event_identifier VARCHAR(255) NOT NULL,
    payload_sha256   CHAR(64)     NOT NULL,
    metadata_sha256  CHAR(64)     NOT NULL,
    link             CHAR(64)     NOT NULL
);

-- The chain's head, a single row. Appenders lock it (SELECT ... FOR UPDATE) before inserting events, so that ledger
-- positions are allocated in chain order even with concurrent writers or several nodes on one database.
-- legacy_until: events stored before this migration (positions up to it) are chained by the application at startup,
-- or by the first append, whichever comes first; events after it are chained only as they are appended.
CREATE TABLE audit_chain_head (
    id           INTEGER     NOT NULL PRIMARY KEY,
    head_index   BIGINT      NOT NULL,
    link         CHAR(64)    NOT NULL,
    length       BIGINT      NOT NULL,
    legacy_until BIGINT      NOT NULL,
    CONSTRAINT ck_audit_chain_head_single CHECK (id = 1)
);

INSERT INTO audit_chain_head (id, head_index, link, length, legacy_until)
SELECT 1, 0, '0000000000000000000000000000000000000000000000000000000000000000', 0, COALESCE(MAX(global_index), 0)
FROM domain_event_entry;
