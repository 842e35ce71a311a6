-- Which slot of each projection queries read; the other slot is where a rebuild writes.
CREATE TABLE projection_state (
    projection  VARCHAR(100) NOT NULL PRIMARY KEY,
    active_slot CHAR(1)      NOT NULL,
    switched_at TIMESTAMP WITH TIME ZONE
);
