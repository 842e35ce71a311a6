-- Projections now fold each partition's rows in memory (TemporalProjector and Head): the working head copies
-- (slot codes a and b) are no longer written or read. Their rows go; the versions (A and B) stay.
DELETE FROM talks_board WHERE slot IN ('a', 'b');
DELETE FROM talks_delegation WHERE slot IN ('a', 'b');
DELETE FROM talks_status_history WHERE slot IN ('a', 'b');
DELETE FROM staffing_presence WHERE slot IN ('a', 'b');
DELETE FROM staffing_mission WHERE slot IN ('a', 'b');
DELETE FROM staffing_person WHERE slot IN ('a', 'b');
DELETE FROM staffing_bucket WHERE slot IN ('a', 'b');
DELETE FROM staffing_ceiling WHERE slot IN ('a', 'b');
DELETE FROM staffing_expulsion WHERE slot IN ('a', 'b');
DELETE FROM heads_of_mission_post WHERE slot IN ('a', 'b');
DELETE FROM heads_of_mission_tenure WHERE slot IN ('a', 'b');
DELETE FROM heads_of_mission_recall WHERE slot IN ('a', 'b');
DELETE FROM heads_of_mission_charge WHERE slot IN ('a', 'b');
DELETE FROM heads_of_mission_vacancy WHERE slot IN ('a', 'b');
DELETE FROM expulsions_expulsion WHERE slot IN ('a', 'b');
DELETE FROM expulsions_person WHERE slot IN ('a', 'b');
DELETE FROM expulsions_departure WHERE slot IN ('a', 'b');
