-- Heads of mission (projection "heads-of-mission"): every embassy and permanent mission with its current head,
-- the tenures of its heads, its chargés d'affaires a.i. and its vacancies.

-- One row per embassy or permanent mission. head_tenure_no, charge_seq and vacancy_seq point at the head in
-- functions, the acting chargé and the open vacancy; the current_* columns are derived from them.
CREATE TABLE heads_of_mission_post (
    slot                 CHAR(1)      NOT NULL,
    mission_id           VARCHAR(200) NOT NULL,
    sending_state        CHAR(2)      NOT NULL,
    receiving_state      CHAR(2)      NOT NULL,
    kind                 VARCHAR(30)  NOT NULL,
    city                 VARCHAR(100),
    organisation         VARCHAR(100),
    mission_name         VARCHAR(200),
    mission_status       VARCHAR(20)  NOT NULL,
    mission_status_since DATE         NOT NULL,
    head_tenure_no       INTEGER,
    charge_seq           INTEGER,
    vacancy_seq          INTEGER,
    current_person_id    VARCHAR(200),
    current_name         VARCHAR(200),
    current_class        VARCHAR(40),
    current_since        DATE,
    current_status       VARCHAR(40),
    acting_for_person_id VARCHAR(200),
    vacant               BOOLEAN      NOT NULL,
    vacant_since         DATE,
    last_recorded_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (slot, mission_id)
);
CREATE INDEX ix_heads_of_mission_post_sending ON heads_of_mission_post (slot, sending_state);
CREATE INDEX ix_heads_of_mission_post_receiving ON heads_of_mission_post (slot, receiving_state);

-- One row per tenure: a person's headship of a mission from agrément or appointment to its end. A person
-- appointed again after an ended tenure gets a new row.
CREATE TABLE heads_of_mission_tenure (
    slot                     CHAR(1)      NOT NULL,
    mission_id               VARCHAR(200) NOT NULL,
    tenure_no                INTEGER      NOT NULL,
    sending_state            CHAR(2)      NOT NULL,
    receiving_state          CHAR(2)      NOT NULL,
    person_id                VARCHAR(200) NOT NULL,
    name                     VARCHAR(200),
    head_class               VARCHAR(40),
    agrement                 VARCHAR(20)  NOT NULL,
    agrement_requested_on    DATE,
    agrement_granted_on      DATE,
    agrement_refused_on      DATE,
    agrement_refusal_reason  VARCHAR(1000),
    request_reported         BOOLEAN,
    agrement_reported        BOOLEAN,
    appointed_on             DATE,
    appointment_reported     BOOLEAN,
    copy_presented_on        DATE,
    credentials_presented_on DATE,
    functions_started_on     DATE,
    recall_kind              VARCHAR(30),
    recalled_on              DATE,
    ended                    BOOLEAN      NOT NULL,
    ended_on                 DATE,
    ended_how                VARCHAR(40),
    end_reason               VARCHAR(1000),
    successor_person_id      VARCHAR(200),
    PRIMARY KEY (slot, mission_id, tenure_no)
);
CREATE INDEX ix_heads_of_mission_tenure_person ON heads_of_mission_tenure (slot, mission_id, person_id);
CREATE INDEX ix_heads_of_mission_tenure_person_any ON heads_of_mission_tenure (slot, person_id);
CREATE INDEX ix_heads_of_mission_tenure_sending ON heads_of_mission_tenure (slot, sending_state);
CREATE INDEX ix_heads_of_mission_tenure_receiving ON heads_of_mission_tenure (slot, receiving_state);
CREATE INDEX ix_heads_of_mission_tenure_functions ON heads_of_mission_tenure (slot, functions_started_on);

-- Every recall of a head, with the return when there was one.
CREATE TABLE heads_of_mission_recall (
    slot        CHAR(1)      NOT NULL,
    mission_id  VARCHAR(200) NOT NULL,
    tenure_no   INTEGER      NOT NULL,
    seq         INTEGER      NOT NULL,
    kind        VARCHAR(30)  NOT NULL,
    recalled_on DATE         NOT NULL,
    reason      VARCHAR(1000),
    returned_on DATE,
    PRIMARY KEY (slot, mission_id, tenure_no, seq)
);

-- Chargés d'affaires ad interim (VCDR Art. 19) and the period each acted.
CREATE TABLE heads_of_mission_charge (
    slot                 CHAR(1)      NOT NULL,
    mission_id           VARCHAR(200) NOT NULL,
    seq                  INTEGER      NOT NULL,
    person_id            VARCHAR(200) NOT NULL,
    name                 VARCHAR(200),
    charge_rank          VARCHAR(100),
    acting_for_person_id VARCHAR(200),
    from_date            DATE         NOT NULL,
    to_date              DATE,
    ended_by             VARCHAR(40),
    ended_by_person_id   VARCHAR(200),
    vacancy_seq          INTEGER,
    PRIMARY KEY (slot, mission_id, seq)
);

-- Vacancies: from a head's reported end to the next head taking up functions (or the mission's closure).
CREATE TABLE heads_of_mission_vacancy (
    slot            CHAR(1)      NOT NULL,
    mission_id      VARCHAR(200) NOT NULL,
    seq             INTEGER      NOT NULL,
    from_date       DATE         NOT NULL,
    after_person_id VARCHAR(200) NOT NULL,
    after_name      VARCHAR(200),
    to_date         DATE,
    next_person_id  VARCHAR(200),
    next_name       VARCHAR(200),
    ended_by        VARCHAR(40),
    PRIMARY KEY (slot, mission_id, seq)
);
