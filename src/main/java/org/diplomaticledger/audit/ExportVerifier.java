package org.diplomaticledger.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;

/**
 * Checks an audit export without the ledger: recomputes every event's link from its line and the line before, and
 * checks the closing digest. Plain Java (no Spring, no database):
 * {@code java -jar diplomatic-ledger.jar verify-export ledger.ndjson [--digest POSITION:HASH | --digest DIGEST.json
 * --key PUBLIC.pem]} (a signed digest's signature is checked first, see {@link DigestVerifier}); exit code 0 when the
 * export holds, 1 when it does not (naming the first bad line), 2 when it cannot be read.
 */
public final class ExportVerifier {

    /** The verdict: whether the export holds, and a sentence saying why or where it breaks. */
    public record Outcome(boolean valid, String message, long events, long line) {}

    private ExportVerifier() {}

    /** The command line: prints the verdict and answers the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        boolean signed = args.length == 5 && args[1].equals("--digest") && args[3].equals("--key");
        if (args.length != 1 && !(args.length == 3 && args[1].equals("--digest")) && !signed) {
            err.println("usage: java -jar diplomatic-ledger.jar verify-export FILE.ndjson"
                    + " [--digest POSITION:HASH | --digest SIGNED-DIGEST.json --key PUBLIC-KEY.pem]");
            return 2;
        }
        Long position = null;
        String hash = null;
        String signedBy = null;
        if (signed) {
            try {
                SignedDigest digest = DigestVerifier.read(Path.of(args[2]));
                String verdict = DigestVerifier.verdict(digest, DigestVerifier.readKey(Path.of(args[4])));
                if (verdict != null) {
                    err.println("INVALID: " + args[2] + ": " + verdict);
                    return 1;
                }
                position = digest.position();
                hash = digest.hash();
                signedBy = digest.keyId();
            } catch (IOException | IllegalArgumentException e) {
                err.println("cannot read the signed digest or its key: " + e.getMessage());
                return 2;
            }
        } else if (args.length == 3) {
            String[] digest = args[2].split(":", 2);
            try {
                position = Long.parseLong(digest[0]);
            } catch (NumberFormatException e) {
                position = null;
            }
            hash = digest.length == 2 ? digest[1].trim().toLowerCase(java.util.Locale.ROOT) : null;
            if (position == null || !ChainCodec.isHash(hash)) {
                err.println(
                        "--digest must be POSITION:HASH, e.g. 90:3f2a… (the position and 64 hex digits of a kept digest),"
                                + " or a signed digest's file followed by --key PUBLIC-KEY.pem");
                return 2;
            }
        }
        try {
            Outcome outcome = verify(Path.of(args[0]), position, hash);
            (outcome.valid() ? out : err)
                    .println((outcome.valid() ? "VALID: " : "INVALID: ")
                            + outcome.message()
                            + (outcome.valid() && signedBy != null ? "; the digest is signed by " + signedBy : ""));
            return outcome.valid() ? 0 : 1;
        } catch (NoSuchFileException e) {
            err.println("cannot read " + args[0] + ": no such file");
            return 2;
        } catch (IOException e) {
            err.println("cannot read " + args[0] + ": " + e.getMessage());
            return 2;
        }
    }

    public static Outcome verify(Path file) throws IOException {
        return verify(file, null, null);
    }

    /**
     * Verifies the export; with a kept digest ({@code position}, {@code hash}), also that the event at that position
     * in the export carries that link.
     */
    public static Outcome verify(Path file, Long keptPosition, String keptHash) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            long lineNumber = 0;
            long previous = -1;
            String link = null;
            long events = 0;
            boolean keptFound = false;
            JsonNode digest = null;
            String text;
            while ((text = reader.readLine()) != null) {
                lineNumber++;
                if (text.isBlank()) {
                    continue;
                }
                JsonNode line;
                try {
                    line = mapper.readTree(text);
                } catch (IOException e) {
                    return bad(lineNumber, events, "not JSON");
                }
                String kind = line.path("kind").asText();
                if (digest != null) {
                    return bad(lineNumber, events, "a line after the closing digest");
                }
                if (lineNumber == 1 || link == null) {
                    if (!kind.equals("header")
                            || !AuditExport.FORMAT.equals(line.path("format").asText())) {
                        return bad(lineNumber, events, "not the header of a " + AuditExport.FORMAT);
                    }
                    if (!ChainCodec.VERSION.equals(line.path("chain").asText())) {
                        return bad(
                                lineNumber,
                                events,
                                "chain version " + line.path("chain").asText() + " is not " + ChainCodec.VERSION);
                    }
                    previous = line.path("prevPosition").asLong(-1);
                    link = line.path("prevHash").asText();
                    if (previous < 0 || !ChainCodec.isHash(link)) {
                        return bad(lineNumber, events, "the header lacks prevPosition or prevHash");
                    }
                    continue;
                }
                if (kind.equals("digest")) {
                    digest = line;
                    if (line.path("position").asLong(-1) != previous
                            || !link.equals(line.path("hash").asText())
                            || line.path("events").asLong(-1) != events) {
                        return bad(
                                lineNumber,
                                events,
                                "the closing digest (position "
                                        + line.path("position").asText()
                                        + ", " + line.path("events").asText()
                                        + " events) does not match the events above it (last position "
                                        + previous + ", " + events + " events, hash " + link + ")");
                    }
                    continue;
                }
                if (!kind.equals("event")) {
                    return bad(lineNumber, events, "unknown kind '" + kind + "'");
                }
                StoredEvent event;
                try {
                    event = event(line);
                } catch (IllegalArgumentException e) {
                    return bad(lineNumber, events, e.getMessage());
                }
                if (event.position() <= previous) {
                    return bad(
                            lineNumber,
                            events,
                            "position " + event.position() + " does not follow " + previous + ": lines were reordered");
                }
                if (!line.hasNonNull("prevPosition")
                        || line.path("prevPosition").asLong() != previous) {
                    return bad(
                            lineNumber,
                            events,
                            "the event at position " + event.position() + " was chained after position "
                                    + line.path("prevPosition").asText("(none)") + ", but the line before is position "
                                    + previous
                                    + ": an event is missing");
                }
                String computed = ChainCodec.link(link, event);
                if (!computed.equals(line.path("hash").asText())) {
                    return bad(
                            lineNumber,
                            events,
                            "the event at position " + event.position() + " (" + event.eventId()
                                    + ") does not hash to its link: the line was edited, or the ledger was altered before export");
                }
                if (keptPosition != null && keptPosition == event.position()) {
                    if (!computed.equals(keptHash)) {
                        return bad(
                                lineNumber,
                                events,
                                "the event at position " + keptPosition + " links to " + computed
                                        + ", not to the kept digest's hash");
                    }
                    keptFound = true;
                }
                link = computed;
                previous = event.position();
                events++;
            }
            if (link == null) {
                return bad(0, 0, "the file is empty");
            }
            if (digest == null) {
                return bad(lineNumber, events, "no closing digest line: the export is truncated");
            }
            if (keptPosition != null && !keptFound) {
                return new Outcome(
                        false, "the kept digest's position " + keptPosition + " is not in this export", events, 0);
            }
            return new Outcome(
                    true,
                    events + " events, chain holds; head position " + previous + ", hash " + link
                            + (keptFound ? "; the kept digest at position " + keptPosition + " matches" : ""),
                    events,
                    0);
        }
    }

    private static Outcome bad(long line, long events, String why) {
        return new Outcome(false, "line " + line + ": " + why, events, line);
    }

    private static StoredEvent event(JsonNode line) {
        for (String field :
                new String[] {"position", "eventId", "aggregateId", "sequenceNumber", "timestamp", "payloadType", "hash"
                }) {
            if (!line.hasNonNull(field)) {
                throw new IllegalArgumentException("the event line lacks '" + field + "'");
            }
        }
        return new StoredEvent(
                line.path("position").asLong(),
                line.path("eventId").asText(),
                line.path("aggregateId").asText(),
                line.path("sequenceNumber").asLong(),
                text(line, "aggregateType"),
                line.path("timestamp").asText(),
                line.path("payloadType").asText(),
                text(line, "payloadRevision"),
                bytes(line, "payload"),
                bytes(line, "metaData"));
    }

    private static String text(JsonNode line, String field) {
        return line.hasNonNull(field) ? line.get(field).asText() : null;
    }

    private static byte[] bytes(JsonNode line, String field) {
        if (line.hasNonNull(field)) {
            return line.get(field).asText().getBytes(StandardCharsets.UTF_8);
        }
        if (line.hasNonNull(field + "Base64")) {
            return Base64.getDecoder().decode(line.get(field + "Base64").asText());
        }
        return null;
    }
}
