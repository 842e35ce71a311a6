package org.diplomaticledger.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.DefaultDeadLetterStatementFactory;
import org.axonframework.serialization.Serializer;

/**
 * Axon's statements for the dead-letter table, but for the page of claimable sequences. Axon 4.13 binds the page's
 * offset as a lower bound of the letters' sequence index instead of skipping rows, so a search for one sequence
 * ({@code process(filter)}, which releases one aggregate) saw only the first page of ten sequences. Here the page
 * skips {@code offset} rows, as the paging iterator that asks for it expects.
 */
final class PagedDeadLetterStatements extends DefaultDeadLetterStatementFactory<EventMessage<?>> {

    private final DeadLetterSchema schema;

    private PagedDeadLetterStatements(Builder<EventMessage<?>> builder, DeadLetterSchema schema) {
        super(builder);
        this.schema = schema;
    }

    static PagedDeadLetterStatements create(
            DeadLetterSchema schema, Serializer genericSerializer, Serializer eventSerializer) {
        Builder<EventMessage<?>> builder = DefaultDeadLetterStatementFactory.<EventMessage<?>>builder()
                .schema(schema)
                .genericSerializer(genericSerializer)
                .eventSerializer(eventSerializer);
        return new PagedDeadLetterStatements(builder, schema);
    }

    @Override
    public PreparedStatement claimableSequencesStatement(
            Connection connection, String processingGroup, Instant processingStartedLimit, int offset, int maxSize)
            throws SQLException {
        String table = schema.deadLetterTable();
        String sql = "SELECT * FROM " + table + " dl"
                + " WHERE dl." + schema.processingGroupColumn() + " = ?"
                + " AND dl." + schema.sequenceIndexColumn() + " = (SELECT MIN(dl2." + schema.sequenceIndexColumn()
                + ") FROM "
                + table + " dl2 WHERE dl2." + schema.processingGroupColumn() + " = dl." + schema.processingGroupColumn()
                + " AND dl2." + schema.sequenceIdentifierColumn() + " = dl." + schema.sequenceIdentifierColumn() + ")"
                + " AND (dl." + schema.processingStartedColumn() + " IS NULL OR dl." + schema.processingStartedColumn()
                + " < ?)"
                + " ORDER BY dl." + schema.lastTouchedColumn() + " ASC, dl." + schema.sequenceIdentifierColumn()
                + " ASC"
                + " LIMIT ? OFFSET ?";
        PreparedStatement statement =
                connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        statement.setString(1, processingGroup);
        statement.setString(2, DateTimeUtils.formatInstant(processingStartedLimit));
        statement.setInt(3, maxSize);
        statement.setInt(4, offset);
        return statement;
    }
}
