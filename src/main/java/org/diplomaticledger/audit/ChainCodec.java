package org.diplomaticledger.audit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The chain's arithmetic, in plain Java so that the offline verifier shares it with the ledger:
 * <pre>
 * link(n) = SHA-256( "diplomatic-ledger/chain/v1" ‖ link(n-1) as 32 bytes (32 zero bytes before the first event)
 *                    ‖ f(position) ‖ f(event id) ‖ f(aggregate id) ‖ f(sequence number) ‖ f(aggregate type)
 *                    ‖ f(recorded timestamp) ‖ f(payload type) ‖ f(payload revision) ‖ f(payload) ‖ f(metadata) )
 * f(x)    = x's length as a 4-byte big-endian signed int, then x's bytes; a NULL column is length -1 and no bytes.
 * </pre>
 * Numbers are decimal ASCII, text is UTF-8, payload and metadata are the bytes exactly as stored. The length prefixes
 * keep fields from shifting into each other; the domain prefix keeps the hash from meaning anything else.
 */
public final class ChainCodec {

    public static final String VERSION = "diplomatic-ledger/chain/v1";
    public static final String GENESIS = "0".repeat(64);
    private static final byte[] DOMAIN = VERSION.getBytes(StandardCharsets.US_ASCII);
    private static final HexFormat HEX = HexFormat.of();

    private ChainCodec() {}

    /** The link of {@code event} after the link {@code previous} (hex). */
    public static String link(String previous, StoredEvent event) {
        MessageDigest sha = sha256();
        sha.update(DOMAIN);
        sha.update(HEX.parseHex(previous));
        sha.update(canonical(event));
        return HEX.formatHex(sha.digest());
    }

    /** The event's canonical bytes: its fields, each length-prefixed, in the documented order. */
    public static byte[] canonical(StoredEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + length(event.payload()) + length(event.metaData()));
        field(out, ascii(Long.toString(event.position())));
        field(out, utf8(event.eventId()));
        field(out, utf8(event.aggregateId()));
        field(out, ascii(Long.toString(event.sequenceNumber())));
        field(out, utf8(event.type()));
        field(out, utf8(event.timestamp()));
        field(out, utf8(event.payloadType()));
        field(out, utf8(event.payloadRevision()));
        field(out, event.payload());
        field(out, event.metaData());
        return out.toByteArray();
    }

    /** SHA-256 of some bytes, hex; of NULL, the hash of nothing. */
    public static String sha256Hex(byte[] bytes) {
        return HEX.formatHex(sha256().digest(bytes == null ? new byte[0] : bytes));
    }

    /** Whether {@code text} is a hash as the chain writes it: 64 lowercase hex digits. */
    public static boolean isHash(String text) {
        return text != null && text.matches("[0-9a-f]{64}");
    }

    private static void field(ByteArrayOutputStream out, byte[] bytes) {
        out.writeBytes(
                ByteBuffer.allocate(4).putInt(bytes == null ? -1 : bytes.length).array());
        if (bytes != null) {
            out.writeBytes(bytes);
        }
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }

    private static byte[] utf8(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
