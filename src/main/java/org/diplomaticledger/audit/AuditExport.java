package org.diplomaticledger.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes the ledger, or a range of its positions, as NDJSON with the chain's links, a chunk of rows at a time: a
 * header line (the link before the range), one line per event, and a closing digest line. {@link ExportVerifier}
 * checks such a file without the ledger. The format is in docs/audit.md.
 */
@Component
public class AuditExport {

    public static final String FORMAT = "diplomatic-ledger-audit-export";

    private final JdbcTemplate jdbc;
    private final AuditChain chain;
    private final Clock clock;
    private final JsonFactory json = new JsonFactory();

    AuditExport(JdbcTemplate jdbc, AuditChain chain, Clock clock) {
        this.jdbc = jdbc;
        this.chain = chain;
        this.clock = clock;
    }

    /** The positions an export covers: from 1 (or {@code from}) up to the head (or {@code to}, if before it). */
    public record Range(long from, long to) {}

    public Range range(Long from, Long to) {
        long head = chain.head().position();
        return new Range(from == null ? 1 : from, to == null ? head : Math.min(to, head));
    }

    public void write(Range range, OutputStream out) throws IOException {
        try (JsonGenerator generator = json.createGenerator(out)) {
            generator.setRootValueSeparator(null);
            List<Object[]> before = jdbc.query(
                    "SELECT global_index, link FROM audit_chain WHERE global_index < ?"
                            + " ORDER BY global_index DESC LIMIT 1",
                    (rs, n) -> new Object[] {rs.getLong(1), rs.getString(2).trim()},
                    range.from());
            long previous = before.isEmpty() ? 0 : (Long) before.get(0)[0];
            String previousHash = before.isEmpty() ? ChainCodec.GENESIS : (String) before.get(0)[1];
            generator.writeStartObject();
            generator.writeStringField("kind", "header");
            generator.writeStringField("format", FORMAT);
            generator.writeNumberField("version", 1);
            generator.writeStringField("chain", ChainCodec.VERSION);
            generator.writeNumberField("from", range.from());
            generator.writeNumberField("to", range.to());
            generator.writeNumberField("prevPosition", previous);
            generator.writeStringField("prevHash", previousHash);
            generator.writeStringField("exportedAt", clock.instant().toString());
            generator.writeEndObject();
            newline(generator);
            long after = range.from() - 1;
            long count = 0;
            long last = previous;
            String lastHash = previousHash;
            while (true) {
                long[] seen = {after, 0};
                String[] hash = {lastHash};
                jdbc.query(
                        "SELECT e.global_index, e.event_identifier, e.aggregate_identifier, e.sequence_number, e.type,"
                                + " e.time_stamp, e.payload_type, e.payload_revision, e.payload, e.meta_data, c.prev_index, c.link"
                                + " FROM domain_event_entry e LEFT JOIN audit_chain c ON c.global_index = e.global_index"
                                + " WHERE e.global_index > ? AND e.global_index <= ? ORDER BY e.global_index LIMIT "
                                + AuditChain.CHUNK,
                        rs -> {
                            StoredEvent event = StoredEvent.read(rs);
                            long prev = rs.getLong(11);
                            boolean linked = !rs.wasNull();
                            String link = rs.getString(12);
                            try {
                                eventLine(generator, event, linked ? prev : null, link == null ? null : link.trim());
                            } catch (IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                            seen[0] = event.position();
                            seen[1]++;
                            hash[0] = link == null ? null : link.trim();
                        },
                        after,
                        range.to());
                if (seen[1] == 0) {
                    break;
                }
                count += seen[1];
                after = seen[0];
                last = seen[0];
                lastHash = hash[0];
                generator.flush();
            }
            generator.writeStartObject();
            generator.writeStringField("kind", "digest");
            generator.writeNumberField("position", last);
            generator.writeStringField("hash", lastHash);
            generator.writeNumberField("events", count);
            generator.writeStringField("time", clock.instant().toString());
            generator.writeEndObject();
            newline(generator);
        }
    }

    private static void eventLine(JsonGenerator generator, StoredEvent event, Long previous, String link)
            throws IOException {
        generator.writeStartObject();
        generator.writeStringField("kind", "event");
        generator.writeNumberField("position", event.position());
        if (previous != null) {
            generator.writeNumberField("prevPosition", previous);
        }
        generator.writeStringField("eventId", event.eventId());
        generator.writeStringField("aggregateId", event.aggregateId());
        generator.writeNumberField("sequenceNumber", event.sequenceNumber());
        generator.writeStringField("aggregateType", event.type());
        generator.writeStringField("timestamp", event.timestamp());
        generator.writeStringField("payloadType", event.payloadType());
        generator.writeStringField("payloadRevision", event.payloadRevision());
        bytes(generator, "payload", event.payload());
        bytes(generator, "metaData", event.metaData());
        generator.writeStringField("hash", link);
        generator.writeEndObject();
        newline(generator);
    }

    /** Bytes as text when they are UTF-8 (the JSON the ledger stores, readable as is), else as base64. */
    private static void bytes(JsonGenerator generator, String name, byte[] bytes) throws IOException {
        if (bytes == null) {
            generator.writeNullField(name);
            return;
        }
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            generator.writeStringField(name, text);
        } catch (CharacterCodingException notText) {
            generator.writeStringField(name + "Base64", Base64.getEncoder().encodeToString(bytes));
        }
    }

    private static void newline(JsonGenerator generator) throws IOException {
        generator.writeRaw('\n');
    }
}
