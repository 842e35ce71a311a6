-- A mission closed with a deadline to leave (consent withdrawn, VCDR Art. 2 / VCCR Art. 4) reads "closing" until
-- that day: the staffing projection keeps the deadline on the mission's row. The projection's rows go and it replays
-- from the events (it is disposable), so that missions closed before this change get their deadline too.
ALTER TABLE staffing_mission ADD COLUMN leave_by DATE;
DELETE FROM staffing_presence;
DELETE FROM staffing_mission;
DELETE FROM staffing_person;
DELETE FROM staffing_bucket;
DELETE FROM staffing_ceiling;
DELETE FROM staffing_expulsion;
DELETE FROM projection_partition WHERE projection = 'staffing';
DELETE FROM token_entry WHERE processor_name = 'staffing';
