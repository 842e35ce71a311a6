-- Issue 12 (R2): a staffing rebuild is bound by the index entries it writes, and staffing_bucket gets a version for
-- about every second event. Its index on a presence's current versions, (slot, presence_id, recorded_to, valid_to),
-- served one question only: a presence's open buckets, asked when the projector has not kept them in memory (the
-- first event of a presence in a batch). A presence has a few buckets with many versions each, so they are now found
-- key by key (VersionedTable.withFewKeys): the buckets through ix_staffing_bucket_versions (IndexKeys), each one's
-- latest current version by one probe of the same index. No read of the projection used the index.
DROP INDEX ix_staffing_bucket_partition_current;
