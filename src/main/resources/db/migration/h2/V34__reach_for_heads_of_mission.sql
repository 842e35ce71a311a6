-- Issue 12: as V33 for a presence, a read of the heads of a sending state's missions at a point read every version of
-- their posts (two more every time an ambassador comes or goes). Now it finds the state's missions one index probe
-- after another (ix_heads_of_mission_post_sending, now with the mission id) and each post at the point in a few
-- probes through its reach (projection/TimePoint#version).
--
-- The versions stored so far have no reach: the projection's rows go and replay from the events (they are
-- disposable), as a rebuild makes them.
ALTER TABLE heads_of_mission_post ADD COLUMN reach DATE;
DROP INDEX ix_heads_of_mission_post_versions;
DROP INDEX ix_heads_of_mission_post_sending;
CREATE INDEX ix_heads_of_mission_post_versions ON heads_of_mission_post (slot, mission_id, valid_from DESC);
CREATE INDEX ix_heads_of_mission_post_reach ON heads_of_mission_post (slot, mission_id, recorded_from DESC, reach DESC);
CREATE INDEX ix_heads_of_mission_post_sending ON heads_of_mission_post (slot, sending_state, mission_id);
DELETE FROM heads_of_mission_post;
DELETE FROM heads_of_mission_tenure;
DELETE FROM heads_of_mission_recall;
DELETE FROM heads_of_mission_charge;
DELETE FROM heads_of_mission_vacancy;
DELETE FROM projection_partition WHERE projection = 'heads-of-mission';
DELETE FROM token_entry WHERE processor_name = 'heads-of-mission';
