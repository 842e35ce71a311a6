package org.diplomaticledger.audit;

/**
 * One row of the event table exactly as stored: the fields the chain covers. {@code type} (the aggregate type),
 * {@code payloadRevision} and {@code metaData} may be null.
 */
public record StoredEvent(
        long position,
        String eventId,
        String aggregateId,
        long sequenceNumber,
        String type,
        String timestamp,
        String payloadType,
        String payloadRevision,
        byte[] payload,
        byte[] metaData) {

    static final String COLUMNS =
            "global_index, event_identifier, aggregate_identifier, sequence_number, type, time_stamp, "
                    + "payload_type, payload_revision, payload, meta_data";

    static StoredEvent read(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new StoredEvent(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getLong(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getBytes(9),
                rs.getBytes(10));
    }
}
