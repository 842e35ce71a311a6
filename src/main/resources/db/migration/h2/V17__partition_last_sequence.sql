-- The aggregate sequence number of the last event each projection slot applied to a partition. A projector keeps a
-- partition's open versions in memory between its events and trusts them only while this number is the one it
-- wrote last: a rolled-back batch, a savepoint rolled back around a failed event, or another node that processed the
-- partition in between all leave a different number, and the projector reads the partition again.
ALTER TABLE projection_partition ADD COLUMN last_sequence BIGINT DEFAULT -1 NOT NULL;
