-- Imports written in the background (POST /api/v1/imports with "Prefer: respond-async", or larger than
-- ledger.imports.sync-max-lines): what GET /api/v1/imports/{id} answers. The state moves ACCEPTED -> VALIDATING ->
-- WRITING -> SUCCEEDED or FAILED; SUCCEEDED is written in the transaction that stores the import's events, so a
-- job never says it succeeded when its events are not there. A job left ACCEPTED, VALIDATING or WRITING by a node
-- that stopped (kill -9) is marked FAILED when the node starts again: its transaction never committed.
CREATE TABLE import_job (
    id              VARCHAR(36)    NOT NULL PRIMARY KEY,
    actor           VARCHAR(255)   NOT NULL,
    idempotency_key VARCHAR(255),
    request_hash    VARCHAR(64)    NOT NULL,
    correlation_id  VARCHAR(255)   NOT NULL,
    node_id         VARCHAR(255)   NOT NULL,
    state           VARCHAR(16)    NOT NULL,
    body_bytes      BIGINT         NOT NULL,
    lines_read      BIGINT         NOT NULL,
    lines_validated BIGINT         NOT NULL,
    lines_written   BIGINT         NOT NULL,
    commands        BIGINT         NOT NULL,
    events          BIGINT         NOT NULL,
    first_position  BIGINT,
    last_position   BIGINT,
    problem         CLOB,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at     TIMESTAMP WITH TIME ZONE
);
-- A retry with the same Idempotency-Key finds the job (a failed job gives its key up when a retry starts anew).
CREATE UNIQUE INDEX import_job_key ON import_job (actor, idempotency_key);
CREATE INDEX import_job_state ON import_job (state);
