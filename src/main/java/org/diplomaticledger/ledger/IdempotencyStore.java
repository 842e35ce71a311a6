package org.diplomaticledger.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * First answers to requests that carried an {@code Idempotency-Key}, per actor. The answer is stored in the
 * same transaction as the events, so either both exist or neither does.
 */
@Component
public class IdempotencyStore {

    /** A request as its key and the SHA-256 of what was asked (method, path and body). */
    public record Request(String actor, String key, String requestHash) {}

    /** The first answer given to a key. */
    public record Answer(String requestHash, int status, String body) {}

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public IdempotencyStore(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<Answer> find(String actor, String key) {
        return jdbc
                .query(
                        "SELECT request_hash, response_status, response_body FROM command_idempotency "
                                + "WHERE actor = ? AND idempotency_key = ?",
                        (rs, i) -> new Answer(rs.getString(1), rs.getInt(2), rs.getString(3)),
                        actor,
                        key)
                .stream()
                .findFirst();
    }

    private static final String INSERT = "INSERT INTO command_idempotency (actor, idempotency_key, request_hash,"
            + " response_status, response_body, recorded_at) VALUES (?, ?, ?, ?, ?, ?)";

    void save(Request request, int status, String body) {
        jdbc.update(INSERT, row(request, status, body));
    }

    /** The row {@link #saveAll} stores for a request's first answer. */
    Object[] row(Request request, int status, String body) {
        return new Object[] {
            request.actor(), request.key(), request.requestHash(), status, body, Timestamp.from(clock.instant())
        };
    }

    /** Stores several first answers in one batch (a group commit's), in the caller's transaction. */
    void saveAll(List<Object[]> rows) {
        if (rows.size() == 1) {
            jdbc.update(INSERT, rows.get(0));
        } else if (!rows.isEmpty()) {
            jdbc.batchUpdate(INSERT, rows);
        }
    }

    /**
     * Forgets at most {@code limit} answers recorded before {@code cutoff}, in a transaction of its own (a short
     * one, so that writers never wait long behind it); a key forgotten runs its request again. The number forgotten.
     */
    int forgetBefore(java.time.Instant cutoff, int limit) {
        return jdbc.update(
                "DELETE FROM command_idempotency WHERE (actor, idempotency_key) IN (SELECT actor, idempotency_key"
                        + " FROM command_idempotency WHERE recorded_at < ? FETCH FIRST " + limit + " ROWS ONLY)",
                Timestamp.from(cutoff));
    }

    public static String hash(String method, String path, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((method + " " + path + "\n").getBytes(StandardCharsets.UTF_8));
            digest.update(body == null ? new byte[0] : body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
