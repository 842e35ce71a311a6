-- Issue 18, 9(d): a value that comes from a corrected event is marked in the views that show it. The projection's
-- row keeps the mark of the event's latest correction as JSON text (at, by, reason, source, eventId,
-- correctsEventId; see projection/CorrectionMark), null when the event stands as recorded. The projections' rows
-- go and they replay from the events (they are disposable), so that corrections recorded before this change are
-- marked too, in the versions recorded from each correction on, as a rebuild makes them.
ALTER TABLE expulsions_expulsion ADD COLUMN correction VARCHAR(10000);
DELETE FROM expulsions_expulsion;
DELETE FROM expulsions_person;
DELETE FROM expulsions_departure;
DELETE FROM projection_partition WHERE projection = 'expulsions';
DELETE FROM token_entry WHERE processor_name = 'expulsions';
-- The staffing projection's reported headcount (a mission's, a presence's) keeps its source, as corrected, and the
-- mark of the report's correction.
ALTER TABLE staffing_mission ADD COLUMN reported_source VARCHAR(500);
ALTER TABLE staffing_mission ADD COLUMN reported_source_url VARCHAR(2000);
ALTER TABLE staffing_mission ADD COLUMN reported_correction VARCHAR(10000);
ALTER TABLE staffing_presence ADD COLUMN reported_source VARCHAR(500);
ALTER TABLE staffing_presence ADD COLUMN reported_source_url VARCHAR(2000);
ALTER TABLE staffing_presence ADD COLUMN reported_correction VARCHAR(10000);
DELETE FROM staffing_presence;
DELETE FROM staffing_mission;
DELETE FROM staffing_person;
DELETE FROM staffing_bucket;
DELETE FROM staffing_ceiling;
DELETE FROM staffing_expulsion;
DELETE FROM projection_partition WHERE projection = 'staffing';
DELETE FROM token_entry WHERE processor_name = 'staffing';
-- The heads-of-mission projection's tenures keep the mark of the latest correction among their events.
ALTER TABLE heads_of_mission_tenure ADD COLUMN correction VARCHAR(10000);
DELETE FROM heads_of_mission_post;
DELETE FROM heads_of_mission_tenure;
DELETE FROM heads_of_mission_recall;
DELETE FROM heads_of_mission_charge;
DELETE FROM heads_of_mission_vacancy;
DELETE FROM projection_partition WHERE projection = 'heads-of-mission';
DELETE FROM token_entry WHERE processor_name = 'heads-of-mission';
-- The relations projection: a pair's level and each change of level keep the mark of the change's correction.
ALTER TABLE relations_pair ADD COLUMN correction VARCHAR(10000);
ALTER TABLE relations_change ADD COLUMN correction VARCHAR(10000);
DELETE FROM relations_pair;
DELETE FROM relations_change;
DELETE FROM projection_partition WHERE projection = 'relations';
DELETE FROM token_entry WHERE processor_name = 'relations';
