-- Staffing (projection "staffing"): who a sending state has in a receiving state, per mission and per presence,
-- against which ceilings, with the expelled still due to leave, plus the rows the two trends are summed from.

-- One row per presence (sending state in receiving state) the ledger knows of.
CREATE TABLE staffing_presence (
    slot            CHAR(1)      NOT NULL,
    presence_id     CHAR(5)      NOT NULL,
    sending_state   CHAR(2)      NOT NULL,
    receiving_state CHAR(2)      NOT NULL,
    headcount       INTEGER      NOT NULL,
    reported_headcount INTEGER,
    reported_category  VARCHAR(30),
    reported_on     DATE,
    last_recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (slot, presence_id)
);
CREATE INDEX ix_staffing_presence_sending ON staffing_presence (slot, sending_state);
CREATE INDEX ix_staffing_presence_receiving ON staffing_presence (slot, receiving_state);

-- One row per mission; headcount is named + counted staff of every category, kept for sorting.
CREATE TABLE staffing_mission (
    slot            CHAR(1)      NOT NULL,
    mission_id      VARCHAR(200) NOT NULL,
    presence_id     CHAR(5)      NOT NULL,
    sending_state   CHAR(2)      NOT NULL,
    receiving_state CHAR(2)      NOT NULL,
    kind            VARCHAR(30)  NOT NULL,
    city            VARCHAR(100) NOT NULL,
    organisation    VARCHAR(100),
    name            VARCHAR(200),
    status          VARCHAR(20)  NOT NULL,
    status_since    DATE         NOT NULL,
    headcount       INTEGER      NOT NULL,
    reported_headcount INTEGER,
    reported_category  VARCHAR(30),
    reported_on     DATE,
    last_recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (slot, mission_id)
);
CREATE INDEX ix_staffing_mission_presence ON staffing_mission (slot, presence_id);
CREATE INDEX ix_staffing_mission_sending ON staffing_mission (slot, sending_state);
CREATE INDEX ix_staffing_mission_receiving ON staffing_mission (slot, receiving_state);
CREATE INDEX ix_staffing_mission_status ON staffing_mission (slot, status);

-- Named staff, one row per tenure (a departed person may be accredited again); departed_on is null while on staff.
CREATE TABLE staffing_person (
    slot            CHAR(1)      NOT NULL,
    presence_id     CHAR(5)      NOT NULL,
    person_id       VARCHAR(200) NOT NULL,
    tenure          INTEGER      NOT NULL,
    mission_id      VARCHAR(200) NOT NULL,
    name            VARCHAR(200) NOT NULL,
    person_rank     VARCHAR(100),
    category        VARCHAR(30)  NOT NULL,
    accredited_on   DATE         NOT NULL,
    expulsion_id    VARCHAR(200),
    departed        BOOLEAN      NOT NULL,
    departed_on     DATE,
    PRIMARY KEY (slot, presence_id, person_id, tenure)
);
CREATE INDEX ix_staffing_person_mission ON staffing_person (slot, mission_id);

-- Counted (unnamed) staff per bucket: a mission (mission_key) or the whole presence (mission_key ''), and a category.
CREATE TABLE staffing_bucket (
    slot            CHAR(1)      NOT NULL,
    presence_id     CHAR(5)      NOT NULL,
    mission_key     VARCHAR(200) NOT NULL,
    category        VARCHAR(30)  NOT NULL,
    staff           INTEGER      NOT NULL,
    PRIMARY KEY (slot, presence_id, mission_key, category)
);

-- Every ceiling imposed; in_force false once lifted, replaced or its mission closed.
CREATE TABLE staffing_ceiling (
    slot            CHAR(1)      NOT NULL,
    presence_id     CHAR(5)      NOT NULL,
    ceiling_id      VARCHAR(200) NOT NULL,
    mission_id      VARCHAR(200),
    category        VARCHAR(30),
    staff_limit     INTEGER      NOT NULL,
    since           DATE         NOT NULL,
    comply_by       DATE,
    headcount_at_imposition INTEGER NOT NULL,
    reason          VARCHAR(1000),
    in_force        BOOLEAN      NOT NULL,
    ended_on        DATE,
    ended_by        VARCHAR(20),
    PRIMARY KEY (slot, presence_id, ceiling_id)
);
CREATE INDEX ix_staffing_ceiling_mission ON staffing_ceiling (slot, mission_id);

-- Every expulsion; counted_due is what of its counted staff has not left yet (named ones are in staffing_person).
CREATE TABLE staffing_expulsion (
    slot            CHAR(1)      NOT NULL,
    presence_id     CHAR(5)      NOT NULL,
    expulsion_id    VARCHAR(200) NOT NULL,
    mission_id      VARCHAR(200),
    category        VARCHAR(30),
    counted         INTEGER      NOT NULL,
    counted_due     INTEGER      NOT NULL,
    named           INTEGER      NOT NULL,
    deadline        DATE         NOT NULL,
    declared_on     DATE         NOT NULL,
    answers_expulsion_id VARCHAR(200),
    PRIMARY KEY (slot, presence_id, expulsion_id)
);

-- The presence's headcount change of each event that changed it (seq: the event's sequence in its presence).
CREATE TABLE staffing_headcount_change (
    slot            CHAR(1)      NOT NULL,
    presence_id     CHAR(5)      NOT NULL,
    seq             BIGINT       NOT NULL,
    effective_date  DATE         NOT NULL,
    delta           INTEGER      NOT NULL,
    headcount_after INTEGER      NOT NULL,
    event_type      VARCHAR(100) NOT NULL,
    recorded_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (slot, presence_id, seq)
);
CREATE INDEX ix_staffing_headcount_change_date ON staffing_headcount_change (slot, presence_id, effective_date);

-- Each mission's status changes (OPEN, SUSPENDED, CLOSED) by effective date, for the open-missions trend.
CREATE TABLE staffing_mission_status_change (
    slot            CHAR(1)      NOT NULL,
    presence_id     CHAR(5)      NOT NULL,
    seq             BIGINT       NOT NULL,
    mission_id      VARCHAR(200) NOT NULL,
    sending_state   CHAR(2)      NOT NULL,
    receiving_state CHAR(2)      NOT NULL,
    status          VARCHAR(20)  NOT NULL,
    effective_date  DATE         NOT NULL,
    PRIMARY KEY (slot, presence_id, seq)
);
CREATE INDEX ix_staffing_mission_status_change_sending ON staffing_mission_status_change (slot, sending_state);
