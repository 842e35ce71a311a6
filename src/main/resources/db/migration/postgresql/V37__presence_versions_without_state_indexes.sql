-- Issue 12: a staffing rebuild is bound by the index entries it writes (JFR of a rebuild of a million events: two
-- thirds of its time in H2 inserting index entries and marking each one committed), and staffing_presence gets a
-- version for nearly every event. Three of its five indexes go; a rebuild of the same million events took 97 s
-- instead of 138 s without them.
-- The states: a presence's id names them (RU-US), so a list of presences finds its presences by id, one probe each
-- of ix_staffing_presence_versions, and reads each one at the point (presence/projection/StaffingQueries).
DROP INDEX ix_staffing_presence_sending;
DROP INDEX ix_staffing_presence_receiving;
-- The current versions: a presence is its partition and has one row, so its open version is the latest of its key
-- in ix_staffing_presence_versions, and its current versions are the key's versions there.
DROP INDEX ix_staffing_presence_current;
