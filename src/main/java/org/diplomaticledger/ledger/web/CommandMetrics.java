package org.diplomaticledger.ledger.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.diplomaticledger.ledger.CommandReceipt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * The write path's meters (docs/operations.md): {@code ledger.commands} counts each command written
 * ({@code outcome=accepted}) and each refused ({@code outcome=refused}, with the {@code rule} that refused it), by
 * {@code command}; {@code ledger.imports.commands} and {@code ledger.imports.bytes} give the size of each import
 * written. A replay of an Idempotency-Key writes nothing and counts nothing. Each also makes a DEBUG line, which
 * carries the request's correlation id, actor and command ({@link RequestLogContext}).
 */
@Component
class CommandMetrics {

    private static final Logger log = LoggerFactory.getLogger(CommandMetrics.class);
    static final String COMMANDS = "ledger.commands";

    private final MeterRegistry registry;
    private final DistributionSummary importCommands;
    private final DistributionSummary importBytes;

    CommandMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.importCommands = DistributionSummary.builder("ledger.imports.commands")
                .description("Commands per import written")
                .baseUnit("commands")
                .register(registry);
        this.importBytes = DistributionSummary.builder("ledger.imports.bytes")
                .description("Size of each import written")
                .baseUnit("bytes")
                .register(registry);
    }

    void accepted(List<CommandReceipt> receipts) {
        for (CommandReceipt receipt : receipts) {
            counter(receipt.command(), "accepted", "none").increment();
        }
        if (log.isDebugEnabled() && !receipts.isEmpty()) {
            log.debug(
                    "Wrote {} command(s) through position {}",
                    receipts.size(),
                    receipts.get(receipts.size() - 1).position());
        }
    }

    void imported(int commands, long bytes) {
        importCommands.record(commands);
        importBytes.record(bytes);
    }

    /** A command refused by the problem's rule ({@code rule} property, else its kind). */
    void refused(String command, ProblemDetail problem) {
        Object rule =
                problem.getProperties() == null ? null : problem.getProperties().get("rule");
        String kind = rule != null ? rule.toString() : kindOf(problem);
        counter(command == null ? "unknown" : command, "refused", kind).increment();
        log.debug("Refused {} by rule {}: {}", command, kind, problem.getDetail());
    }

    private static String kindOf(ProblemDetail problem) {
        String type = String.valueOf(problem.getType());
        return type.substring(type.lastIndexOf(':') + 1);
    }

    private Counter counter(String command, String outcome, String rule) {
        return Counter.builder(COMMANDS)
                .description("Commands written (accepted) or refused, by command and rule")
                .tag("command", command)
                .tag("outcome", outcome)
                .tag("rule", rule)
                .register(registry);
    }
}
