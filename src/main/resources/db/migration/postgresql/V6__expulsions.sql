-- Expulsions and reciprocity (projection "expulsions"): one row per expulsion with its departure tallies, the
-- named persons it declared persona non grata, and every departure recorded under it. Reciprocity links that are
-- inferred (not stated by the command) are computed when queried, from these rows, so that late facts count.
-- An expulsion id is unique within its presence only, so the presence is part of every key.
CREATE TABLE expulsions_expulsion (
    slot               CHAR(1)      NOT NULL,
    presence_id        VARCHAR(5)   NOT NULL,
    expulsion_id       VARCHAR(200) NOT NULL,
    declared_by        CHAR(2)      NOT NULL,
    against            CHAR(2)      NOT NULL,
    mission_id         VARCHAR(200),
    named_count        INTEGER      NOT NULL,
    counted            INTEGER,
    counted_category   VARCHAR(40),
    total_expelled     INTEGER      NOT NULL,
    effective_date     DATE         NOT NULL,
    departure_deadline DATE         NOT NULL,
    answers_id         VARCHAR(200),
    reason             VARCHAR(1000),
    source             VARCHAR(500),
    source_url         VARCHAR(2000),
    recorded_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    named_departed     INTEGER      NOT NULL,
    counted_departed   INTEGER      NOT NULL,
    still_due          INTEGER      NOT NULL,
    late_departures    INTEGER      NOT NULL,
    last_departure_on  DATE,
    PRIMARY KEY (slot, presence_id, expulsion_id)
);
CREATE INDEX ix_expulsions_expulsion_id ON expulsions_expulsion (slot, expulsion_id);
CREATE INDEX ix_expulsions_expulsion_pair ON expulsions_expulsion (slot, declared_by, against, effective_date);
CREATE INDEX ix_expulsions_expulsion_against ON expulsions_expulsion (slot, against, effective_date);
CREATE INDEX ix_expulsions_expulsion_date ON expulsions_expulsion (slot, effective_date);
CREATE INDEX ix_expulsions_expulsion_mission ON expulsions_expulsion (slot, mission_id);
CREATE INDEX ix_expulsions_expulsion_answers ON expulsions_expulsion (slot, answers_id);

CREATE TABLE expulsions_person (
    slot           CHAR(1)      NOT NULL,
    presence_id    VARCHAR(5)   NOT NULL,
    expulsion_id   VARCHAR(200) NOT NULL,
    person_id      VARCHAR(200) NOT NULL,
    position       INTEGER      NOT NULL,
    name           VARCHAR(200),
    mission_id     VARCHAR(200),
    category       VARCHAR(40),
    departed_on    DATE,
    departed_late  BOOLEAN      NOT NULL,
    PRIMARY KEY (slot, presence_id, expulsion_id, person_id)
);
CREATE INDEX ix_expulsions_person_mission ON expulsions_person (slot, mission_id);

CREATE TABLE expulsions_departure (
    slot           CHAR(1)      NOT NULL,
    presence_id    VARCHAR(5)   NOT NULL,
    expulsion_id   VARCHAR(200) NOT NULL,
    seq            INTEGER      NOT NULL,
    person_id      VARCHAR(200),
    departed       INTEGER      NOT NULL,
    category       VARCHAR(40),
    mission_id     VARCHAR(200),
    effective_date DATE         NOT NULL,
    late           BOOLEAN      NOT NULL,
    recorded_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    source         VARCHAR(500),
    PRIMARY KEY (slot, presence_id, expulsion_id, seq)
);
