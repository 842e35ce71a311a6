-- Issue 12: a presence's read tallies, for each of its missions, the staff its expulsions still owe
-- (StaffingQueries.missionViews: staffing_expulsion WHERE mission_id IN (...)). With no index on mission_id the
-- query read every expulsion of the slot: at 1,000,000 events, 50,000 versions for each presence read, which is
-- where the 1M run's presence reads spent their time (jstack). With this index it reads the mission's own.
CREATE INDEX ix_staffing_expulsion_mission ON staffing_expulsion (slot, mission_id);
