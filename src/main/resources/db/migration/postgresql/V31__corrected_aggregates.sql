-- The aggregates that hold a correction or a retraction, whose snapshots are ignored (ledger/CorrectedAggregates).
-- Asking the events for them scanned an aggregate's whole stream on every load of a snapshot; this table is asked
-- by its key. The appending transaction adds an aggregate with its first correction; those stored before are here.
CREATE TABLE corrected_aggregate (
    aggregate_identifier VARCHAR(255) NOT NULL PRIMARY KEY
);
INSERT INTO corrected_aggregate (aggregate_identifier)
SELECT DISTINCT aggregate_identifier FROM domain_event_entry
WHERE payload_type IN ('org.diplomaticledger.history.api.EntryCorrected', 'org.diplomaticledger.history.api.EntryRetracted');
