-- Talks board (projection "talks"): one row per talks, their delegations and their status history.
CREATE TABLE talks_board (
    slot            CHAR(1)      NOT NULL,
    talks_id        VARCHAR(100) NOT NULL,
    title           VARCHAR(200),
    status          VARCHAR(20)  NOT NULL,
    talks_date      DATE,
    talks_time      TIME,
    venue_city      VARCHAR(100),
    venue_country   CHAR(2),
    venue_place     VARCHAR(200),
    third_location  BOOLEAN      NOT NULL,
    scope           VARCHAR(500),
    excluded_topics VARCHAR(20000),
    talks_format    VARCHAR(40),
    parties         VARCHAR(200) NOT NULL,
    held_on         DATE,
    end_date        DATE,
    concluded_on    DATE,
    outcome         VARCHAR(40),
    statement       VARCHAR(4000),
    follow_ups      VARCHAR(40000),
    cancelled_by    CHAR(2),
    status_since    DATE         NOT NULL,
    last_recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (slot, talks_id)
);
CREATE INDEX ix_talks_board_date ON talks_board (slot, talks_date);

CREATE TABLE talks_delegation (
    slot          CHAR(1)      NOT NULL,
    talks_id      VARCHAR(100) NOT NULL,
    state         CHAR(2)      NOT NULL,
    head_name     VARCHAR(100) NOT NULL,
    head_title    VARCHAR(200),
    head_diplomat BOOLEAN      NOT NULL,
    members       VARCHAR(40000) NOT NULL,
    named_on      DATE         NOT NULL,
    PRIMARY KEY (slot, talks_id, state)
);

CREATE TABLE talks_status_history (
    slot           CHAR(1)      NOT NULL,
    talks_id       VARCHAR(100) NOT NULL,
    seq            INTEGER      NOT NULL,
    status         VARCHAR(20)  NOT NULL,
    effective_date DATE         NOT NULL,
    recorded_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    event_type     VARCHAR(100) NOT NULL,
    note           VARCHAR(4000),
    source         VARCHAR(500),
    PRIMARY KEY (slot, talks_id, seq)
);
