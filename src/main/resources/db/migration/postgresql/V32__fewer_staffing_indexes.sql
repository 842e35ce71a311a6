-- Issue 12: a staffing rebuild is bound by its writes (JFR at 100,000 events: inserts and the pages stored at each
-- commit were three fifths of it), and each index is one more B-tree to change and store per version. These five
-- repeat another index's leading columns: a key's versions are found by (slot, key…, valid_from) of its *_versions
-- index, which holds the key as its prefix for these tables, and a presence's missions by that of
-- ix_staffing_mission_versions. staffing_mission keeps ix_staffing_mission_current: its key, mission_id, is not a
-- prefix of its versions index.
DROP INDEX ix_staffing_mission_presence;
DROP INDEX ix_staffing_person_current;
DROP INDEX ix_staffing_bucket_current;
DROP INDEX ix_staffing_ceiling_current;
DROP INDEX ix_staffing_expulsion_current;
