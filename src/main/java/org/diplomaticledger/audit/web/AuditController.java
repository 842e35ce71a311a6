package org.diplomaticledger.audit.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import org.diplomaticledger.audit.AuditExport;
import org.diplomaticledger.audit.ChainVerifier;
import org.diplomaticledger.audit.KeptDigests;
import org.diplomaticledger.audit.LedgerSigningKey;
import org.diplomaticledger.audit.SignedDigest;
import org.diplomaticledger.shared.InvalidValueException;
import org.diplomaticledger.shared.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** The tamper-evident chain over the ledger: verify it, take a digest of its head, prove a kept digest, export it. */
@RestController
@Tag(
        name = "Audit",
        description = "The hash chain over every event: verify, digests an auditor keeps, and exports verifiable "
                + "offline (AUDITOR or ADMIN)")
class AuditController {

    /** A break, as answered: the position, why (kebab-case) and a sentence. */
    record BreakView(long position, String reason, String detail) {}

    /**
     * A verdict; {@code signature} only when a signed digest was sent: {@code valid} (this ledger's key signed it),
     * {@code invalid} (its fields or signature were changed) or {@code other-key}.
     */
    record VerificationView(
            boolean valid,
            long events,
            long position,
            String hash,
            Instant checkedAt,
            BreakView firstBreak,
            String signature) {}

    record KeyView(String keyId, String algorithm, String publicKey) {}

    private static final String ROLES = "\n\nNeeds the role AUDITOR or ADMIN (HTTP Basic).";

    private final ChainVerifier verifier;
    private final KeptDigests keptDigests;
    private final AuditExport export;
    private final LedgerSigningKey key;
    private final Clock clock;

    AuditController(
            ChainVerifier verifier, KeptDigests keptDigests, AuditExport export, LedgerSigningKey key, Clock clock) {
        this.verifier = verifier;
        this.keptDigests = keptDigests;
        this.export = export;
        this.key = key;
        this.clock = clock;
    }

    @Operation(
            operationId = "verifyChain",
            summary = "Recompute the whole chain and say whether it holds",
            description = """
            Reads every event and its link in position order, a chunk at a time, recomputes each link (SHA-256 over the \
            previous link and the event's canonical bytes, see docs/audit.md) and answers whether the chain holds, how \
            many events it covers, its head, and otherwise the first position where it breaks and why: payload-altered, \
            metadata-altered, event-altered, event-missing, order-changed, event-unchained or link-altered.""" + ROLES,
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            description = "The verdict (200 whether or not the chain holds)",
                            content = @Content(mediaType = "application/json")))
    @GetMapping("/api/v1/audit/verify")
    VerificationView verify() {
        return view(verifier.verifyAll(), null);
    }

    @Operation(
            operationId = "auditDigest",
            summary = "The chain's head, signed by the ledger's key, for an auditor to keep",
            description = """
                    The last chained position, its link (64 hex digits), the number of events chained, the boundary of the \
                    events stored before the chain (legacyUntil), the time, and an Ed25519 signature over them by the \
                    ledger's key (keyId; the public key is GET /api/v1/audit/key). Keep it outside the ledger; later POST it \
                    to /api/v1/audit/digest/verify to prove the ledger up to that position is unchanged, or check it \
                    offline: `java -jar diplomatic-ledger.jar verify-digest digest.json --key ledger-key.pem`.""" + ROLES,
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            description = "The signed digest",
                            content = @Content(mediaType = "application/json")))
    @GetMapping("/api/v1/audit/digest")
    SignedDigest digest() {
        return key.sign(verifier.head(), clock.instant());
    }

    @Operation(
            operationId = "auditKey",
            summary = "The ledger's public key, which signs its digests",
            description = """
            The Ed25519 public key (PEM, X.509 SubjectPublicKeyInfo) and its id, as signed digests name it. Keep it \
            with the digests: it is what proves a digest came from this ledger.""" + ROLES,
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            description = "The public key",
                            content = @Content(mediaType = "application/json")))
    @GetMapping("/api/v1/audit/key")
    KeyView publicKey() {
        return new KeyView(key.keyId(), SignedDigest.ALGORITHM, key.publicKeyPem());
    }

    @Operation(
            operationId = "verifyDigest",
            summary = "Prove that the ledger up to a kept digest is unchanged",
            description = """
            Send a digest kept from GET /api/v1/audit/digest ({"position": …, "hash": …}). The chain is recomputed from \
            the first event up to that position; it holds when every link checks and the link at the position is the \
            kept hash. Events appended since do not matter; any change before or at the position does. A digest beyond \
            the chain's head answers valid false with reason truncated: the ledger lost the events after its head. Send \
            the whole signed digest (as GET /api/v1/audit/digest answers it) and the verdict also says whether this \
            ledger's key signed it, and checks its legacyUntil. A malformed digest is a 400 problem naming the \
            field.""" + ROLES,
            responses = {
                @ApiResponse(
                        responseCode = "200",
                        description = "The verdict",
                        content =
                                @Content(
                                        mediaType = "application/json",
                                        schema = @Schema(implementation = VerificationView.class))),
                @ApiResponse(
                        responseCode = "400",
                        description = "A field of the digest is missing or malformed",
                        content = @Content(mediaType = "application/problem+json"))
            })
    @PostMapping("/api/v1/audit/digest/verify")
    ResponseEntity<?> verifyDigest(@RequestBody(required = false) JsonNode body, HttpServletRequest request) {
        KeptDigests.Checked checked;
        try {
            checked = keptDigests.check(body);
        } catch (InvalidValueException e) {
            return invalid(request, e.field(), e.getMessage());
        }
        return ResponseEntity.ok(view(checked.result(), checked.signature()));
    }

    @Operation(
            operationId = "auditExport",
            summary = "The ledger with its links, as NDJSON verifiable offline",
            description = """
            Streams a header line (the link before the range), one line per event (position, ids, timestamp, types, \
            payload and metadata exactly as stored, and its link) and a closing digest line. Check it without the \
            ledger: `java -jar diplomatic-ledger.jar verify-export ledger.ndjson` (exit code 0 when it holds, 1 naming \
            the first bad line). Optional from and to bound the positions.""" + ROLES,
            parameters = {
                @Parameter(name = "from", description = "First position to export (default 1)", example = "1"),
                @Parameter(name = "to", description = "Last position to export (default the head)", example = "89")
            },
            responses = {
                @ApiResponse(
                        responseCode = "200",
                        description = "NDJSON",
                        content = @Content(mediaType = "application/x-ndjson")),
                @ApiResponse(
                        responseCode = "400",
                        description = "from or to is not a position, or from is after to",
                        content = @Content(mediaType = "application/problem+json"))
            })
    @GetMapping(value = "/api/v1/audit/export")
    ResponseEntity<StreamingResponseBody> export(
            @RequestParam(name = "from", required = false) String from,
            @RequestParam(name = "to", required = false) String to) {
        Long first = position("from", from);
        Long last = position("to", to);
        if (first != null && last != null && first > last) {
            throw new BadField("from", "from (" + first + ") is after to (" + last + ")");
        }
        AuditExport.Range range = export.range(first, last);
        StreamingResponseBody body = out -> export.write(range, out);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/x-ndjson"))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"ledger-" + range.from() + "-" + range.to() + ".ndjson\"")
                .body(body);
    }

    private static Long position(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            long value = Long.parseLong(text.trim());
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadField(field, field + " must be a ledger position (a whole number, 1 or more), not '" + text + "'");
    }

    /** A request parameter that cannot be what it names. */
    static final class BadField extends RuntimeException {
        private final String field;

        BadField(String field, String message) {
            super(message);
            this.field = field;
        }
    }

    @org.springframework.web.bind.annotation.ExceptionHandler(BadField.class)
    ResponseEntity<ProblemDetail> badField(BadField e, HttpServletRequest request) {
        return invalid(request, e.field, e.getMessage());
    }

    private VerificationView view(ChainVerifier.Result result, String signature) {
        BreakView firstBreak = result.firstBreak() == null
                ? null
                : new BreakView(
                        result.firstBreak().position(),
                        result.firstBreak().reason().code(),
                        result.firstBreak().detail());
        return new VerificationView(
                result.valid(),
                result.events(),
                result.position(),
                result.hash(),
                clock.instant(),
                firstBreak,
                signature);
    }

    private static ResponseEntity<ProblemDetail> invalid(HttpServletRequest request, String field, String detail) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input", detail, request);
        problem.setProperty("field", field);
        return Problems.response(problem);
    }
}
