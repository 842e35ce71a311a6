package org.diplomaticledger.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import org.diplomaticledger.shared.InvalidValueException;
import org.springframework.stereotype.Component;

/**
 * Checks a digest an auditor kept against the ledger as it is now: the chain is recomputed up to the digest's position
 * and its link there compared with the kept hash; a whole signed digest also has its signature checked against this
 * ledger's key. The API ({@code POST /api/v1/audit/digest/verify}) and the dashboard's audit page use the same check.
 */
@Component
public class KeptDigests {

    private final ChainVerifier verifier;
    private final LedgerSigningKey key;

    KeptDigests(ChainVerifier verifier, LedgerSigningKey key) {
        this.verifier = verifier;
        this.key = key;
    }

    /**
     * The verdict on a kept digest, and on its signature: {@code valid}, {@code invalid}, {@code other-key}, or null for
     * a digest sent without one.
     */
    public record Checked(ChainVerifier.Result result, String signature) {}

    /**
     * Checks the digest sent, as GET /api/v1/audit/digest answered it or as {@code {"position", "hash"}} alone.
     *
     * @throws InvalidValueException naming the field that is missing or malformed (nothing is checked then)
     */
    public Checked check(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidValueException(
                    "body", "send the kept digest as a JSON object: {\"position\": 89, \"hash\": \"…\"}");
        }
        JsonNode position = body.get("position");
        if (position == null || position.isNull()) {
            throw new InvalidValueException("position", "position is required: the digest's ledger position");
        }
        if (!position.canConvertToLong() || !position.isIntegralNumber() || position.asLong() < 0) {
            throw new InvalidValueException("position", "position must be a whole number, 0 or more");
        }
        JsonNode hash = body.get("hash");
        if (hash == null || hash.isNull()) {
            throw new InvalidValueException("hash", "hash is required: the digest's 64 hexadecimal digits");
        }
        String hex = hash.asText().trim().toLowerCase(Locale.ROOT);
        if (!hash.isTextual() || !ChainCodec.isHash(hex)) {
            throw new InvalidValueException(
                    "hash", "hash must be 64 hexadecimal digits (SHA-256), as GET /api/v1/audit/digest answers it");
        }
        JsonNode legacy = body.get("legacyUntil");
        if (legacy != null
                && !legacy.isNull()
                && (!legacy.isIntegralNumber() || !legacy.canConvertToLong() || legacy.asLong() < 0)) {
            throw new InvalidValueException(
                    "legacyUntil", "legacyUntil must be a whole number, 0 or more, as the digest carries it");
        }
        Long legacyUntil = legacy == null || legacy.isNull() ? null : legacy.asLong();
        String signature = null;
        if (body.hasNonNull("signature")) {
            if (!body.hasNonNull("time")
                    || !body.hasNonNull("keyId")
                    || legacyUntil == null
                    || !body.path("events").canConvertToLong()) {
                throw new InvalidValueException(
                        "signature",
                        "a signed digest is verified whole: send it as GET /api/v1/audit/digest"
                                + " answered it (chain, position, hash, events, legacyUntil, time, keyId, algorithm, signature)");
            }
            SignedDigest sent = new SignedDigest(
                    body.path("chain").asText(ChainCodec.VERSION),
                    position.asLong(),
                    hex,
                    body.path("events").asLong(),
                    legacyUntil,
                    body.path("time").asText(),
                    body.path("keyId").asText(),
                    body.path("algorithm").asText(SignedDigest.ALGORITHM),
                    body.path("signature").asText());
            signature = !sent.keyId().equals(key.keyId())
                    ? "other-key"
                    : sent.verifies(key.publicKey()) ? "valid" : "invalid";
        }
        return new Checked(verifier.verifyDigest(position.asLong(), hex, legacyUntil), signature);
    }
}
