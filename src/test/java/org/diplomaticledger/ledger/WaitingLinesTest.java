package org.diplomaticledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.diplomaticledger.presence.api.CloseMission;
import org.diplomaticledger.presence.api.ClosureReason;
import org.diplomaticledger.shared.LedgerCommand;
import org.diplomaticledger.shared.Provenance;
import org.diplomaticledger.shared.RuleViolation;
import org.junit.jupiter.api.Test;

/** How the lines of an import refused where they stand are tried again: by date, in passes, while one gets through. */
class WaitingLinesTest {

    /** A fact of a chain, the closure of a mission on a day: here it fits once the fact of the day before is in. */
    private static LedgerCommand fact(LocalDate day) {
        return new CloseMission(
                "RU-US-EMBASSY-WASHINGTON", ClosureReason.OTHER, null, null, null, day, new Provenance("test", null));
    }

    private static LocalDate needs(LedgerCommand fact) {
        return fact.effectiveDate().minusDays(1);
    }

    private final Set<LocalDate> in = new HashSet<>();
    private int passes;

    private static LocalDate day(int n) {
        return LocalDate.of(1900, 1, 1).plusDays(n);
    }

    /** Waiting lines 1..n, newest first: line k holds the fact of day n-k, which needs the one of the day before. */
    private static List<WaitingLines.Deferred> newestFirst(int n) {
        List<WaitingLines.Deferred> waiting = new ArrayList<>();
        for (int line = 1; line <= n; line++) {
            int d = n - line + 1;
            LedgerCommand fact = fact(day(d));
            waiting.add(new WaitingLines.Deferred(
                    line - 1, line, fact, fact.effectiveDate(), new RuleViolation("not-yet", "first")));
        }
        return waiting;
    }

    /** Runs a pass: each fact accepted if {@code fits}, else waiting again with a refusal naming the pass. */
    private List<WaitingLines.Deferred> retry(
            List<WaitingLines.Deferred> waiting,
            BiPredicate<LedgerCommand, Set<LocalDate>> fits,
            List<Integer> accepted) {
        return WaitingLines.retry(
                waiting,
                (commands, lines) -> {
                    passes++;
                    LedgerWriter.Write write =
                            new LedgerWriter.Write(commands, new LedgerWriter.Context("test", "test"), null, null);
                    write.lines = lines;
                    write.deferred = new ArrayList<>();
                    write.messages = new ArrayList<>();
                    for (int i = 0; i < commands.size(); i++) {
                        LedgerCommand fact = commands.get(i);
                        if (fits.test(fact, in)) {
                            in.add(fact.effectiveDate());
                            write.messages.add(GenericCommandMessage.asCommandMessage(fact));
                        } else {
                            write.messages.add(null);
                            write.deferred.add(new WaitingLines.Deferred(
                                    i,
                                    lines.get(i),
                                    fact,
                                    fact.effectiveDate(),
                                    new RuleViolation("not-yet", "pass " + passes)));
                        }
                    }
                    return write;
                },
                (line, message) -> accepted.add(line.line()));
    }

    @Test
    void aFileNewestFirstNeedsOnePass() {
        in.add(day(0));
        List<Integer> accepted = new ArrayList<>();
        List<WaitingLines.Deferred> refused = retry(newestFirst(30), (fact, in) -> in.contains(needs(fact)), accepted);
        assertThat(refused).isEmpty();
        assertThat(passes).isEqualTo(1);
        // Tried by date: the last line of the file (the oldest fact) first.
        assertThat(accepted.get(0)).isEqualTo(30);
        assertThat(accepted).hasSize(30);
    }

    @Test
    void aLineThatNeverFitsIsAnsweredWithItsLastRefusalOnceAPassAcceptsNothing() {
        in.add(day(0));
        List<WaitingLines.Deferred> refused = retry(
                newestFirst(5),
                (fact, in) -> in.contains(needs(fact)) && !fact.effectiveDate().equals(day(3)),
                new ArrayList<>());
        // Days 4 and 5 (lines 2 and 1) wait for day 3 (line 3), which never fits: the second pass accepts nothing.
        assertThat(passes).isEqualTo(2);
        assertThat(refused).extracting(WaitingLines.Deferred::line).containsExactly(1, 2, 3);
        assertThat(refused.get(0).failure()).hasMessage("pass 2");
        assertThat(refused.get(0).index()).isZero();
    }

    @Test
    void thePassesAreBounded() {
        // Only one fact gets in per pass, whatever its order.
        int[] perPass = {-1};
        List<WaitingLines.Deferred> refused = retry(
                newestFirst(15),
                (fact, in) -> {
                    if (perPass[0] != passes) {
                        perPass[0] = passes;
                        return true;
                    }
                    return false;
                },
                new ArrayList<>());
        assertThat(passes).isEqualTo(WaitingLines.MAX_RETRY_PASSES);
        assertThat(refused).hasSize(15 - WaitingLines.MAX_RETRY_PASSES);
    }
}
