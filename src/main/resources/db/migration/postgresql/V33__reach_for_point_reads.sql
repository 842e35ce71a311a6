-- Issue 12: a read of one presence at a point scanned every version of its key recorded up to that day (1,800 per
-- presence at 100,000 events, 18,000 at a million): the version valid on a day is the latest one starting on or
-- before it, but the ledger asked the database for all of them. Now such a read takes the key's versions from that day
-- backwards and stops at the first one the ledger believed at knownAt (projection/TimePoint#version), through an
-- index in that order. A read at a knownAt would still pass every version recorded after that instant, so each
-- version keeps a reach: an upper bound of the valid_from of every version of its key recorded by then
-- (projection/VersionWrites); the last version recorded by knownAt bounds the days to look at, in one more probe.
--
-- The versions stored so far have no reach: the staffing projection's rows go and replay from the events (they are
-- disposable), as a rebuild makes them.
ALTER TABLE staffing_presence ADD COLUMN reach DATE;
ALTER TABLE staffing_bucket ADD COLUMN reach DATE;
DROP INDEX ix_staffing_presence_versions;
DROP INDEX ix_staffing_bucket_versions;
CREATE INDEX ix_staffing_presence_versions ON staffing_presence (slot, presence_id, valid_from DESC);
CREATE INDEX ix_staffing_presence_reach ON staffing_presence (slot, presence_id, recorded_from DESC, reach DESC);
CREATE INDEX ix_staffing_bucket_versions ON staffing_bucket (slot, presence_id, mission_key, category, valid_from DESC);
CREATE INDEX ix_staffing_bucket_reach ON staffing_bucket (slot, presence_id, mission_key, category, recorded_from DESC, reach DESC);
DELETE FROM staffing_presence;
DELETE FROM staffing_mission;
DELETE FROM staffing_person;
DELETE FROM staffing_bucket;
DELETE FROM staffing_ceiling;
DELETE FROM staffing_expulsion;
DELETE FROM projection_partition WHERE projection = 'staffing';
DELETE FROM token_entry WHERE processor_name = 'staffing';
