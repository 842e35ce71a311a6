-- The register of states (docs/states.md) names states by codes longer than ISO's two letters: the ISO 3166-3 forms
-- (CSHH, CSXX) and the ledger's own codes (X and three to seven letters, e.g. XBAV). The projections' state columns
-- held two characters and their presence ids five ("RU-US"): they now hold up to 8 and 17 ("XBAV-CSHH" and longer).
ALTER TABLE talks_board ALTER COLUMN venue_country TYPE VARCHAR(8);
ALTER TABLE talks_board ALTER COLUMN cancelled_by TYPE VARCHAR(8);
ALTER TABLE talks_delegation ALTER COLUMN state TYPE VARCHAR(8);
ALTER TABLE staffing_presence ALTER COLUMN presence_id TYPE VARCHAR(17);
ALTER TABLE staffing_presence ALTER COLUMN sending_state TYPE VARCHAR(8);
ALTER TABLE staffing_presence ALTER COLUMN receiving_state TYPE VARCHAR(8);
ALTER TABLE staffing_mission ALTER COLUMN presence_id TYPE VARCHAR(17);
ALTER TABLE staffing_mission ALTER COLUMN sending_state TYPE VARCHAR(8);
ALTER TABLE staffing_mission ALTER COLUMN receiving_state TYPE VARCHAR(8);
ALTER TABLE staffing_person ALTER COLUMN presence_id TYPE VARCHAR(17);
ALTER TABLE staffing_bucket ALTER COLUMN presence_id TYPE VARCHAR(17);
ALTER TABLE staffing_ceiling ALTER COLUMN presence_id TYPE VARCHAR(17);
ALTER TABLE staffing_expulsion ALTER COLUMN presence_id TYPE VARCHAR(17);
ALTER TABLE heads_of_mission_post ALTER COLUMN sending_state TYPE VARCHAR(8);
ALTER TABLE heads_of_mission_post ALTER COLUMN receiving_state TYPE VARCHAR(8);
ALTER TABLE heads_of_mission_tenure ALTER COLUMN sending_state TYPE VARCHAR(8);
ALTER TABLE heads_of_mission_tenure ALTER COLUMN receiving_state TYPE VARCHAR(8);
ALTER TABLE expulsions_expulsion ALTER COLUMN presence_id TYPE VARCHAR(17);
ALTER TABLE expulsions_expulsion ALTER COLUMN declared_by TYPE VARCHAR(8);
ALTER TABLE expulsions_expulsion ALTER COLUMN against TYPE VARCHAR(8);
ALTER TABLE expulsions_person ALTER COLUMN presence_id TYPE VARCHAR(17);
ALTER TABLE expulsions_departure ALTER COLUMN presence_id TYPE VARCHAR(17);
ALTER TABLE relations_pair ALTER COLUMN state_a TYPE VARCHAR(8);
ALTER TABLE relations_pair ALTER COLUMN state_b TYPE VARCHAR(8);
ALTER TABLE relations_pair ALTER COLUMN initiated_by TYPE VARCHAR(8);
ALTER TABLE relations_pair ALTER COLUMN protecting_power_of_a TYPE VARCHAR(8);
ALTER TABLE relations_pair ALTER COLUMN protecting_power_of_b TYPE VARCHAR(8);
ALTER TABLE relations_change ALTER COLUMN initiated_by TYPE VARCHAR(8);
ALTER TABLE relations_change ALTER COLUMN protecting_power_of_a TYPE VARCHAR(8);
ALTER TABLE relations_change ALTER COLUMN protecting_power_of_b TYPE VARCHAR(8);
