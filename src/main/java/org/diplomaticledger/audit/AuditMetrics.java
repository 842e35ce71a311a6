package org.diplomaticledger.audit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/**
 * The audit chain's gauges (docs/operations.md): its head (last chained position, and events chained), and the
 * last whole verification on this node ({@code GET /api/v1/audit/verify}): 1 when the chain held, 0 when it broke,
 * absent (NaN) before the first; with the position it reached and when it ran (Unix seconds).
 */
@Component
class AuditMetrics implements MeterBinder {

    private final AuditChain chain;
    private final ChainVerifier verifier;

    AuditMetrics(AuditChain chain, ChainVerifier verifier) {
        this.chain = chain;
        this.verifier = verifier;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("ledger.audit.chain.head", chain, c -> c.head().position())
                .description("The last position chained into the audit chain")
                .register(registry);
        Gauge.builder("ledger.audit.chain.events", chain, c -> c.head().length())
                .description("The number of events chained")
                .register(registry);
        Gauge.builder(
                        "ledger.audit.verify.valid",
                        verifier,
                        v -> v.lastVerification()
                                .map(last -> last.result().valid() ? 1.0 : 0.0)
                                .orElse(Double.NaN))
                .description(
                        "Whether the last whole verification on this node found the chain intact (1) or broken (0)")
                .register(registry);
        Gauge.builder(
                        "ledger.audit.verify.position",
                        verifier,
                        v -> v.lastVerification()
                                .map(last -> (double) last.result().position())
                                .orElse(Double.NaN))
                .description("The position the last whole verification reached")
                .register(registry);
        Gauge.builder(
                        "ledger.audit.verify.time",
                        verifier,
                        v -> v.lastVerification()
                                .map(last -> last.at().toEpochMilli() / 1000.0)
                                .orElse(Double.NaN))
                .description("When the last whole verification ended")
                .baseUnit("seconds")
                .register(registry);
    }
}
