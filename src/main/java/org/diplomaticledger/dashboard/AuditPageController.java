package org.diplomaticledger.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Hidden;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import org.diplomaticledger.audit.AuditChain;
import org.diplomaticledger.audit.AuditExport;
import org.diplomaticledger.audit.ChainVerifier;
import org.diplomaticledger.audit.KeptDigests;
import org.diplomaticledger.audit.LedgerSigningKey;
import org.diplomaticledger.audit.SignedDigest;
import org.diplomaticledger.projection.ReadPosition;
import org.diplomaticledger.shared.InvalidValueException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The audit page (AUDITOR, ADMIN; docs/dashboard.md): the audit chain's head and the verdict of its last whole
 * verification on this node, a button that verifies the whole chain now (a POST: it is work, and it records the
 * verdict the metrics report), a signed digest to download and keep, a kept digest to check, and the export to
 * download. The same services as {@code /api/v1/audit/verify}, {@code /digest}, {@code /digest/verify} and
 * {@code /export}.
 */
@Hidden
@Controller
class AuditPageController {

    private final ChainVerifier verifier;
    private final KeptDigests keptDigests;
    private final LedgerSigningKey key;
    private final AuditExport export;
    private final ObjectMapper json;
    private final Clock clock;

    AuditPageController(
            ChainVerifier verifier,
            KeptDigests keptDigests,
            LedgerSigningKey key,
            AuditExport export,
            ObjectMapper json,
            Clock clock) {
        this.verifier = verifier;
        this.keptDigests = keptDigests;
        this.key = key;
        this.export = export;
        this.json = json;
        this.clock = clock;
    }

    /** A verdict as the page shows it. */
    record Verdict(boolean valid, long events, long position, String hash, String breakText, Instant at) {
        static Verdict of(ChainVerifier.Result result, Instant at) {
            ChainVerifier.Break first = result.firstBreak();
            return new Verdict(
                    result.valid(),
                    result.events(),
                    result.position(),
                    result.hash(),
                    first == null
                            ? null
                            : "position " + first.position() + ": "
                                    + Labels.words(first.reason().name())
                                    + (first.detail() == null ? "" : " (" + first.detail() + ")"),
                    at);
        }
    }

    /** The verdict on a kept digest: on the chain up to its position, and on its signature (null when unsigned). */
    record DigestVerdict(Verdict chain, String signature) {
        public String signatureText() {
            if (signature == null) {
                return "The digest carries no signature: only its position and hash were checked.";
            }
            return switch (signature) {
                case "valid" -> "Its signature is this ledger's.";
                case "other-key" -> "It was signed by another key than this ledger's.";
                default -> "Its signature does not match: the digest was altered, or not signed by this ledger.";
            };
        }
    }

    @GetMapping("/audit")
    String audit(ReadPosition read, Model model) {
        return page(
                read,
                model,
                verifier.lastVerification()
                        .map(v -> Verdict.of(v.result(), v.at()))
                        .orElse(null));
    }

    @PostMapping("/audit/verify")
    String verify(ReadPosition read, Model model) {
        return page(read, model, Verdict.of(verifier.verifyAll(), clock.instant()));
    }

    /** The chain's head signed now, as a file to keep outside the ledger. */
    @GetMapping("/audit/digest")
    ResponseEntity<SignedDigest> digest() {
        SignedDigest digest = key.sign(verifier.head(), clock.instant());
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"ledger-digest-" + digest.position() + ".json\"")
                .body(digest);
    }

    /** A kept digest, pasted as JSON, checked against the ledger as it is now. */
    @PostMapping("/audit/digest/check")
    String checkDigest(@RequestParam(name = "digest", required = false) String digest, ReadPosition read, Model model) {
        model.addAttribute("keptDigest", digest);
        JsonNode body;
        try {
            body = digest == null || digest.isBlank() ? null : json.readTree(digest);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            model.addAttribute(
                    "digestProblem",
                    "not JSON: paste the digest as it was downloaded (" + e.getOriginalMessage() + ")");
            return page(read, model, lastVerdict());
        }
        try {
            KeptDigests.Checked checked = keptDigests.check(body);
            model.addAttribute(
                    "digestVerdict",
                    new DigestVerdict(Verdict.of(checked.result(), clock.instant()), checked.signature()));
        } catch (InvalidValueException e) {
            model.addAttribute("digestProblem", e.field() + ": " + e.getMessage());
        }
        return page(read, model, lastVerdict());
    }

    /** The whole ledger with its links, as NDJSON to check offline ({@code verify-export}). */
    @GetMapping("/audit/export")
    ResponseEntity<StreamingResponseBody> export() {
        AuditExport.Range range = export.range(null, null);
        StreamingResponseBody body = out -> export.write(range, out);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/x-ndjson"))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"ledger-" + range.from() + "-" + range.to() + ".ndjson\"")
                .body(body);
    }

    private Verdict lastVerdict() {
        return verifier.lastVerification()
                .map(v -> Verdict.of(v.result(), v.at()))
                .orElse(null);
    }

    private String page(ReadPosition read, Model model, Verdict verdict) {
        AuditChain.Head head = verifier.head();
        LocalDate today = LocalDate.now(clock);
        model.addAttribute("time", TimeControls.of(read, today, today.getYear() - 10));
        model.addAttribute("head", head);
        model.addAttribute("verdict", verdict);
        return "audit";
    }
}
