-- Nothing to do on PostgreSQL: this version widens the cache of H2's position sequence only (see the H2 twin).
-- PostgreSQL's sequence caches are per session, which would hand out positions out of the audit chain's order, so
-- its sequence keeps a cache of 1. The file keeps both databases at the same schema version.
SELECT 1;
