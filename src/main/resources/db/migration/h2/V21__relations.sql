-- Relations (projection "relations"): per pair of states (partition RELATIONS-RU-US) the level of relations in force,
-- since when, who initiated it and which third states protect each side's interests (VCDR Art. 45), and every
-- change of level. Bitemporal like the other projections (docs/time-travel.md): each row is a version valid from
-- valid_from to valid_to (effective days) and believed from recorded_from to recorded_to (recorded instants).

CREATE TABLE relations_pair (
    slot                  CHAR(1)      NOT NULL,
    relations_id          VARCHAR(100) NOT NULL,
    state_a               CHAR(2)      NOT NULL,
    state_b               CHAR(2)      NOT NULL,
    relations_level       VARCHAR(20)  NOT NULL,
    level_since           DATE         NOT NULL,
    previous_level        VARCHAR(20),
    initiated_by          CHAR(2),
    reason                VARCHAR(1000),
    protecting_power_of_a CHAR(2),
    protecting_power_of_b CHAR(2),
    cameo_code            INTEGER,
    source                VARCHAR(500),
    source_url            VARCHAR(2000),
    changes               INTEGER      NOT NULL,
    last_recorded_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    valid_from            DATE,
    valid_to              DATE,
    recorded_from         TIMESTAMP WITH TIME ZONE,
    recorded_to           TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_relations_pair_versions ON relations_pair (slot, relations_id, valid_from);
CREATE INDEX ix_relations_pair_current ON relations_pair (slot, relations_id, recorded_to, valid_to);

CREATE TABLE relations_change (
    slot                  CHAR(1)      NOT NULL,
    relations_id          VARCHAR(100) NOT NULL,
    seq                   INTEGER      NOT NULL,
    effective_date        DATE         NOT NULL,
    relations_level       VARCHAR(20)  NOT NULL,
    previous_level        VARCHAR(20),
    initiated_by          CHAR(2),
    reason                VARCHAR(1000),
    protecting_power_of_a CHAR(2),
    protecting_power_of_b CHAR(2),
    cameo_code            INTEGER,
    source                VARCHAR(500),
    source_url            VARCHAR(2000),
    recorded_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    valid_from            DATE,
    valid_to              DATE,
    recorded_from         TIMESTAMP WITH TIME ZONE,
    recorded_to           TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_relations_change_versions ON relations_change (slot, relations_id, seq, valid_from);
CREATE INDEX ix_relations_change_current ON relations_change (slot, relations_id, seq, recorded_to, valid_to);
CREATE INDEX ix_relations_change_partition_current ON relations_change (slot, relations_id, recorded_to, valid_to);
