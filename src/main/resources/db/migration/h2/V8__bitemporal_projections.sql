-- Bitemporal row versions for every projection (docs/time-travel.md).
--
-- Slots A and B now hold row VERSIONS: a row of a projection table is true in the world from valid_from (inclusive)
-- to valid_to (exclusive, null = open) and was believed by the ledger from recorded_from to recorded_to (null = still
-- believed). The lower-case slots 'a' and 'b' hold each slot's working HEAD copy: the rows after every known event
-- of a partition in effective order, without version columns; the projections' handlers fold into it unchanged.
-- A key (the old primary key less the slot) therefore has many rows, so the primary keys give way to indexes that
-- make "the versions of this key" and "what was valid on :asOf as known at :knownAt" index ranges.
--
-- Versions cannot be derived from the old rows, so every projection replays the ledger once after this migration:
-- its rows and its processor's token are removed.

-- Per partition (an aggregate: a presence such as RU-US, a talks id) of each projection and head slot, the latest
-- effective date folded into its head: an event dated on or after it is applied in order, an earlier one refolds.
CREATE TABLE projection_partition (
    projection   VARCHAR(100) NOT NULL,
    slot         CHAR(1)      NOT NULL,
    partition_id VARCHAR(200) NOT NULL,
    folded_until DATE         NOT NULL,
    PRIMARY KEY (projection, slot, partition_id)
);

DELETE FROM talks_board;
ALTER TABLE talks_board DROP PRIMARY KEY;
ALTER TABLE talks_board ADD COLUMN valid_from DATE;
ALTER TABLE talks_board ADD COLUMN valid_to DATE;
ALTER TABLE talks_board ADD COLUMN recorded_from TIMESTAMP WITH TIME ZONE;
ALTER TABLE talks_board ADD COLUMN recorded_to TIMESTAMP WITH TIME ZONE;
CREATE INDEX ix_talks_board_versions ON talks_board (slot, talks_id, valid_from);

DELETE FROM talks_delegation;
ALTER TABLE talks_delegation DROP PRIMARY KEY;
ALTER TABLE talks_delegation ADD COLUMN valid_from DATE;
ALTER TABLE talks_delegation ADD COLUMN valid_to DATE;
ALTER TABLE talks_delegation ADD COLUMN recorded_from TIMESTAMP WITH TIME ZONE;
ALTER TABLE talks_delegation ADD COLUMN recorded_to TIMESTAMP WITH TIME ZONE;
CREATE INDEX ix_talks_delegation_versions ON talks_delegation (slot, talks_id, state, valid_from);

DELETE FROM talks_status_history;
ALTER TABLE talks_status_history DROP PRIMARY KEY;
ALTER TABLE talks_status_history ADD COLUMN valid_from DATE;
ALTER TABLE talks_status_history ADD COLUMN valid_to DATE;
ALTER TABLE talks_status_history ADD COLUMN recorded_from TIMESTAMP WITH TIME ZONE;
ALTER TABLE talks_status_history ADD COLUMN recorded_to TIMESTAMP WITH TIME ZONE;
CREATE INDEX ix_talks_status_history_versions ON talks_status_history (slot, talks_id, seq, valid_from);

DELETE FROM staffing_presence;
ALTER TABLE staffing_presence DROP PRIMARY KEY;
ALTER TABLE staffing_presence ADD COLUMN valid_from DATE;
ALTER TABLE staffing_presence ADD COLUMN valid_to DATE;
ALTER TABLE staffing_presence ADD COLUMN recorded_from TIMESTAMP WITH TIME ZONE;
ALTER TABLE staffing_presence ADD COLUMN recorded_to TIMESTAMP WITH TIME ZONE;
CREATE INDEX ix_staffing_presence_versions ON staffing_presence (slot, presence_id, valid_from);

DELETE FROM staffing_mission;
ALTER TABLE staffing_mission DROP PRIMARY KEY;
ALTER TABLE staffing_mission ADD COLUMN valid_from DATE;
ALTER TABLE staffing_mission ADD COLUMN valid_to DATE;
ALTER TABLE staffing_mission ADD COLUMN recorded_from TIMESTAMP WITH TIME ZONE;
ALTER TABLE staffing_mission ADD COLUMN recorded_to TIMESTAMP WITH TIME ZONE;
CREATE INDEX ix_staffing_mission_versions ON staffing_mission (slot, presence_id, mission_id, valid_from);

DELETE FROM staffing_person;
ALTER TABLE staffing_person DROP PRIMARY KEY;
ALTER TABLE staffing_person ADD COLUMN valid_from DATE;
ALTER TABLE staffing_person ADD COLUMN valid_to DATE;
ALTER TABLE staffing_person ADD COLUMN recorded_from TIMESTAMP WITH TIME ZONE;
ALTER TABLE staffing_person ADD COLUMN recorded_to TIMESTAMP WITH TIME ZONE;
CREATE INDEX ix_staffing_person_versions ON staffing_person (slot, presence_id, person_id, tenure, valid_from);

DELETE FROM staffing_bucket;
ALTER TABLE staffing_bucket DROP PRIMARY KEY;
ALTER TABLE staffing_bucket ADD COLUMN valid_from DATE;
ALTER TABLE staffing_bucket ADD COLUMN valid_to DATE;
ALTER TABLE staffing_bucket ADD COLUMN recorded_from TIMESTAMP WITH TIME ZONE;
ALTER TABLE staffing_bucket ADD COLUMN recorded_to TIMESTAMP WITH TIME ZONE;
CREATE INDEX ix_staffing_bucket_versions ON staffing_bucket (slot, presence_id, mission_key, category, valid_from);

DELETE FROM staffing_ceiling;
ALTER TABLE staffing_ceiling DROP PRIMARY KEY;
ALTER TABLE staffing_ceiling ADD COLUMN valid_from DATE;
ALTER TABLE staffing_ceiling ADD COLUMN valid_to DATE;
ALTER TABLE staffing_ceiling ADD COLUMN recorded_from TIMESTAMP WITH TIME ZONE;
ALTER TABLE staffing_ceiling ADD COLUMN recorded_to TIMESTAMP WITH TIME ZONE;
CREATE INDEX ix_staffing_ceiling_versions ON staffing_ceiling (slot, presence_id, ceiling_id, valid_from);

DELETE FROM staffing_expulsion;
ALTER TABLE staffing_expulsion DROP PRIMARY KEY;
ALTER TABLE staffing_expulsion ADD COLUMN valid_from DATE;
ALTER TABLE staffing_expulsion ADD COLUMN valid_to DATE;
ALTER TABLE staffing_expulsion ADD COLUMN recorded_from TIMESTAMP WITH TIME ZONE;
ALTER TABLE staffing_expulsion ADD COLUMN recorded_to TIMESTAMP WITH TIME ZONE;
CREATE INDEX ix_staffing_expulsion_versions ON staffing_expulsion (slot, presence_id, expulsion_id, valid_from);

DELETE FROM staffing_headcount_change;
ALTER TABLE staffing_headcount_change DROP PRIMARY KEY;
ALTER TABLE staffing_headcount_change ADD COLUMN valid_from DATE;
ALTER TABLE staffing_headcount_change ADD COLUMN valid_to DATE;
ALTER TABLE staffing_headcount_change ADD COLUMN recorded_from TIMESTAMP WITH TIME ZONE;
ALTER TABLE staffing_headcount_change ADD COLUMN recorded_to TIMESTAMP WITH TIME ZONE;
CREATE INDEX ix_staffing_headcount_change_versions ON staffing_headcount_change (slot, presence_id, seq, valid_from);

DELETE FROM staffing_mission_status_change;
ALTER TABLE staffing_mission_status_change DROP PRIMARY KEY;
ALTER TABLE staffing_mission_status_change ADD COLUMN valid_from DATE;
ALTER TABLE staffing_mission_status_change ADD COLUMN valid_to DATE;
ALTER TABLE staffing_mission_status_change ADD COLUMN recorded_from TIMESTAMP WITH TIME ZONE;
ALTER TABLE staffing_mission_status_change ADD COLUMN recorded_to TIMESTAMP WITH TIME ZONE;
CREATE INDEX ix_staffing_mission_status_change_versions ON staffing_mission_status_change (slot, presence_id, seq, valid_from);

DELETE FROM heads_of_mission_post;
ALTER TABLE heads_of_mission_post DROP PRIMARY KEY;
ALTER TABLE heads_of_mission_post ADD COLUMN valid_from DATE;
ALTER TABLE heads_of_mission_post ADD COLUMN valid_to DATE;
ALTER TABLE heads_of_mission_post ADD COLUMN recorded_from TIMESTAMP WITH TIME ZONE;
ALTER TABLE heads_of_mission_post ADD COLUMN recorded_to TIMESTAMP WITH TIME ZONE;
CREATE INDEX ix_heads_of_mission_post_versions ON heads_of_mission_post (slot, mission_id, valid_from);

DELETE FROM heads_of_mission_tenure;
ALTER TABLE heads_of_mission_tenure DROP PRIMARY KEY;
ALTER TABLE heads_of_mission_tenure ADD COLUMN valid_from DATE;
ALTER TABLE heads_of_mission_tenure ADD COLUMN valid_to DATE;
ALTER TABLE heads_of_mission_tenure ADD COLUMN recorded_from TIMESTAMP WITH TIME ZONE;
ALTER TABLE heads_of_mission_tenure ADD COLUMN recorded_to TIMESTAMP WITH TIME ZONE;
CREATE INDEX ix_heads_of_mission_tenure_versions ON heads_of_mission_tenure (slot, mission_id, tenure_no, valid_from);

DELETE FROM heads_of_mission_recall;
ALTER TABLE heads_of_mission_recall DROP PRIMARY KEY;
ALTER TABLE heads_of_mission_recall ADD COLUMN valid_from DATE;
ALTER TABLE heads_of_mission_recall ADD COLUMN valid_to DATE;
ALTER TABLE heads_of_mission_recall ADD COLUMN recorded_from TIMESTAMP WITH TIME ZONE;
ALTER TABLE heads_of_mission_recall ADD COLUMN recorded_to TIMESTAMP WITH TIME ZONE;
CREATE INDEX ix_heads_of_mission_recall_versions ON heads_of_mission_recall (slot, mission_id, tenure_no, seq, valid_from);

DELETE FROM heads_of_mission_charge;
ALTER TABLE heads_of_mission_charge DROP PRIMARY KEY;
ALTER TABLE heads_of_mission_charge ADD COLUMN valid_from DATE;
ALTER TABLE heads_of_mission_charge ADD COLUMN valid_to DATE;
ALTER TABLE heads_of_mission_charge ADD COLUMN recorded_from TIMESTAMP WITH TIME ZONE;
ALTER TABLE heads_of_mission_charge ADD COLUMN recorded_to TIMESTAMP WITH TIME ZONE;
CREATE INDEX ix_heads_of_mission_charge_versions ON heads_of_mission_charge (slot, mission_id, seq, valid_from);

DELETE FROM heads_of_mission_vacancy;
ALTER TABLE heads_of_mission_vacancy DROP PRIMARY KEY;
ALTER TABLE heads_of_mission_vacancy ADD COLUMN valid_from DATE;
ALTER TABLE heads_of_mission_vacancy ADD COLUMN valid_to DATE;
ALTER TABLE heads_of_mission_vacancy ADD COLUMN recorded_from TIMESTAMP WITH TIME ZONE;
ALTER TABLE heads_of_mission_vacancy ADD COLUMN recorded_to TIMESTAMP WITH TIME ZONE;
CREATE INDEX ix_heads_of_mission_vacancy_versions ON heads_of_mission_vacancy (slot, mission_id, seq, valid_from);

DELETE FROM expulsions_expulsion;
ALTER TABLE expulsions_expulsion DROP PRIMARY KEY;
ALTER TABLE expulsions_expulsion ADD COLUMN valid_from DATE;
ALTER TABLE expulsions_expulsion ADD COLUMN valid_to DATE;
ALTER TABLE expulsions_expulsion ADD COLUMN recorded_from TIMESTAMP WITH TIME ZONE;
ALTER TABLE expulsions_expulsion ADD COLUMN recorded_to TIMESTAMP WITH TIME ZONE;
CREATE INDEX ix_expulsions_expulsion_versions ON expulsions_expulsion (slot, presence_id, expulsion_id, valid_from);

DELETE FROM expulsions_person;
ALTER TABLE expulsions_person DROP PRIMARY KEY;
ALTER TABLE expulsions_person ADD COLUMN valid_from DATE;
ALTER TABLE expulsions_person ADD COLUMN valid_to DATE;
ALTER TABLE expulsions_person ADD COLUMN recorded_from TIMESTAMP WITH TIME ZONE;
ALTER TABLE expulsions_person ADD COLUMN recorded_to TIMESTAMP WITH TIME ZONE;
CREATE INDEX ix_expulsions_person_versions ON expulsions_person (slot, presence_id, expulsion_id, person_id, valid_from);

DELETE FROM expulsions_departure;
ALTER TABLE expulsions_departure DROP PRIMARY KEY;
ALTER TABLE expulsions_departure ADD COLUMN valid_from DATE;
ALTER TABLE expulsions_departure ADD COLUMN valid_to DATE;
ALTER TABLE expulsions_departure ADD COLUMN recorded_from TIMESTAMP WITH TIME ZONE;
ALTER TABLE expulsions_departure ADD COLUMN recorded_to TIMESTAMP WITH TIME ZONE;
CREATE INDEX ix_expulsions_departure_versions ON expulsions_departure (slot, presence_id, expulsion_id, seq, valid_from);

DELETE FROM token_entry WHERE processor_name IN ('talks', 'staffing', 'heads-of-mission', 'expulsions');
