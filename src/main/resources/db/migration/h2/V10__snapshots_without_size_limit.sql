-- A snapshot holds an aggregate's whole state, and an aggregate keeps every one of its entries for corrections: a
-- presence with a few thousand staff counts outgrew the 1,000,000 bytes of VARBINARY, and its snapshots failed.
-- A BLOB has no such limit (PostgreSQL's BYTEA never had one).
ALTER TABLE snapshot_event_entry ALTER COLUMN payload SET DATA TYPE BLOB;
