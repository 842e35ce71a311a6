-- Idempotency-Key answers are forgotten after ledger.idempotency.retention, oldest first, a small batch per
-- transaction (IdempotencyRetention): the purge finds them by the time they were recorded, without reading the table.
CREATE INDEX command_idempotency_recorded_at ON command_idempotency (recorded_at);
