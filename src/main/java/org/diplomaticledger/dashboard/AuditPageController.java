package org.diplomaticledger.dashboard;

import io.swagger.v3.oas.annotations.Hidden;
import org.diplomaticledger.audit.AuditChain;
import org.diplomaticledger.audit.ChainVerifier;
import org.diplomaticledger.projection.ReadPosition;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Instant;

/**
 * The audit page (AUDITOR, ADMIN; docs/dashboard.md): the audit chain's head and the verdict of its last whole
 * verification on this node, and a button that verifies the whole chain now (a POST: it is work, and it records the
 * verdict the metrics report). The same {@link ChainVerifier} as {@code GET /api/v1/audit/verify}.
 */
@Hidden
@Controller
class AuditPageController {

    private final ChainVerifier verifier;
    private final Clock clock;

    AuditPageController(ChainVerifier verifier, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
    }

    /** A verdict as the page shows it. */
    record Verdict(boolean valid, long events, long position, String hash, String breakText, Instant at) {
        static Verdict of(ChainVerifier.Result result, Instant at) {
            ChainVerifier.Break first = result.firstBreak();
            return new Verdict(result.valid(), result.events(), result.position(), result.hash(),
                    first == null ? null : "position " + first.position() + ": " + Labels.words(first.reason().name())
                            + (first.detail() == null ? "" : " (" + first.detail() + ")"), at);
        }
    }

    @GetMapping("/audit")
    String audit(ReadPosition read, Model model) {
        return page(read, model, verifier.lastVerification().map(v -> Verdict.of(v.result(), v.at())).orElse(null));
    }

    @PostMapping("/audit/verify")
    String verify(ReadPosition read, Model model) {
        return page(read, model, Verdict.of(verifier.verifyAll(), clock.instant()));
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
