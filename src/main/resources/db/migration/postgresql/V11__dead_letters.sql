-- PostgreSQL twin of h2/V11: BYTEA for the serialized payload, metadata, token and diagnostics.
-- Parked events (docs/projections/README.md#parked-events): Axon's sequenced dead-letter queue, kept by
-- JdbcSequencedDeadLetterQueue. An event a projection's handler failed on waits here, with the later events of the
-- same aggregate (its sequence) queued behind it, while the projection goes on with every other aggregate.
--
-- The layout is Axon's own (GenericDeadLetterTableFactory in axon-messaging 4.13: the same columns, types and
-- constraints) under snake_case names that the ledger's DeadLetterSchema maps; Axon's DDL is not run (H2 2.3 and
-- PostgreSQL each get their twin). Instants are ISO-8601 text, as Axon writes them.
CREATE TABLE dead_letter_entry (
    dead_letter_identifier VARCHAR(255)  NOT NULL,
    processing_group       VARCHAR(255)  NOT NULL,
    sequence_identifier    VARCHAR(255)  NOT NULL,
    sequence_index         BIGINT        NOT NULL,
    message_type           VARCHAR(255)  NOT NULL,
    event_identifier       VARCHAR(255)  NOT NULL,
    time_stamp             VARCHAR(255)  NOT NULL,
    payload_type           VARCHAR(255)  NOT NULL,
    payload_revision       VARCHAR(255),
    payload                BYTEA         NOT NULL,
    meta_data              BYTEA,
    type                   VARCHAR(255),
    aggregate_identifier   VARCHAR(255),
    sequence_number        BIGINT,
    token_type             VARCHAR(255),
    token                  BYTEA,
    enqueued_at            VARCHAR(255)  NOT NULL,
    last_touched           VARCHAR(255),
    processing_started     VARCHAR(255),
    cause_type             VARCHAR(255),
    cause_message          VARCHAR(1023),
    diagnostics            BYTEA,
    CONSTRAINT pk_dead_letter_entry PRIMARY KEY (dead_letter_identifier),
    CONSTRAINT uk_dead_letter_sequence_index UNIQUE (processing_group, sequence_identifier, sequence_index)
);

CREATE INDEX ix_dead_letter_event ON dead_letter_entry (event_identifier);
