-- A snapshot holds an aggregate's whole state, and an aggregate keeps every one of its entries for corrections: on
-- H2 a presence with a few thousand staff counts outgrew the 1,000,000 bytes of VARBINARY, so the H2 twin makes the
-- column a BLOB. BYTEA has no such limit; this twin only records why.
COMMENT ON COLUMN snapshot_event_entry.payload IS 'An aggregate''s state as a snapshot (JSON); BYTEA, no size limit';
