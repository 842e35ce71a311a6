package org.diplomaticledger.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * The {@code auditChain} health component (docs/operations.md): the chain's head ({@code head}, its last chained
 * position, and {@code events} chained) and the last whole verification on this node ({@code GET /api/v1/audit/verify})
 * with its result, how far it reached and when it ended. {@code UP} while that verification found the chain intact, or
 * before the first; {@code DEGRADED} (HTTP 200, like parked events) once it found a break, until a verification finds
 * it intact again. Not {@code DOWN}: the chain lives in the database every node shares, so every node that verified
 * would report it, and a load balancer pointed at {@code /actuator/health} would take the whole ledger out of service
 * for a finding that a restart or rerouting cannot mend; the probes leave it out. The same figures are the
 * {@code ledger_audit_*} gauges ({@link AuditMetrics}).
 */
@Component
class AuditChainHealthIndicator implements HealthIndicator {

    static final Status DEGRADED =
            new Status("DEGRADED", "the last verification found the audit chain broken: see GET /api/v1/audit/verify");

    private final AuditChain chain;
    private final ChainVerifier verifier;

    AuditChainHealthIndicator(AuditChain chain, ChainVerifier verifier) {
        this.chain = chain;
        this.verifier = verifier;
    }

    @Override
    public Health health() {
        AuditChain.Head head = chain.head();
        Health.Builder health = Health.up().withDetail("head", head.position()).withDetail("events", head.length());
        return verifier.lastVerification()
                .map(last -> {
                    ChainVerifier.Result result = last.result();
                    Map<String, Object> verification = new LinkedHashMap<>();
                    verification.put("valid", result.valid());
                    verification.put("position", result.position());
                    verification.put("events", result.events());
                    verification.put("at", last.at().toString());
                    if (result.firstBreak() != null) {
                        verification.put(
                                "firstBreak",
                                Map.of(
                                        "position",
                                        result.firstBreak().position(),
                                        "reason",
                                        result.firstBreak().reason().code()));
                    }
                    return health.status(result.valid() ? Status.UP : DEGRADED)
                            .withDetail("lastVerification", verification)
                            .build();
                })
                .orElseGet(() -> health.withDetail("lastVerification", "none on this node since it started")
                        .build());
    }
}
