package org.diplomaticledger.ledger;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.diplomaticledger.shared.LedgerCommand;
import org.diplomaticledger.shared.RuleViolation;

/**
 * The lines of an import refused by their own rule where they stand, and how they are tried again once every other
 * line ran, so that an import is judged as a whole whatever the order of its lines (docs/events.md, "An import is
 * judged as a whole"). {@link LedgerWriter} defers them as it dispatches an import's commands; it and
 * {@link LedgerImport} try them again here.
 */
final class WaitingLines {

    private WaitingLines() {}

    /**
     * A command of an import refused by its own rule, waiting to be tried again: its index in its write (or chunk),
     * its line, the day it is tried at ({@code placedOn}: its effective date, or for a command without one, that of
     * the last dated command before it) and why it was refused last.
     */
    record Deferred(int index, int line, LedgerCommand command, LocalDate placedOn, Throwable failure) {

        /** Tried again by day, then in the order of the file. */
        static final Comparator<Deferred> IN_EFFECTIVE_ORDER = Comparator.comparing(
                        Deferred::placedOn, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparingInt(Deferred::line);
    }

    /** The most passes over the deferred commands of one import ({@link #retry}). */
    static final int MAX_RETRY_PASSES = 10;

    /**
     * Tries the deferred commands of an import again, in passes, until a pass accepts none of those still refused
     * or {@link #MAX_RETRY_PASSES} passes ran. Each pass runs them by effective date (a file written newest first
     * then needs one pass), with {@code pass} (which answers the write it ran, its still-refused commands in
     * {@code deferred}); {@code accepted} is told each command accepted, with its message. Answers the commands
     * still refused, in the order of the file, each with its last refusal.
     *
     * <p>Why retry rather than sort the import by date first: an import is streamed in chunks and never held whole,
     * and an import in date order (the usual case) must not pay for sorting; a retry costs nothing until a line is
     * refused. Date order alone would not do either: some facts come first whatever their dates (the announcement of
     * talks stands before the reports of its delegations, which sources often date earlier), and a retry finds such
     * orders where a sort by date cannot.
     */
    static List<Deferred> retry(
            List<Deferred> deferred,
            BiFunction<List<LedgerCommand>, List<Integer>, LedgerWriter.Write> pass,
            BiConsumer<Deferred, CommandMessage<?>> accepted) {
        List<Deferred> waiting = new ArrayList<>(deferred);
        for (int passes = 0; passes < MAX_RETRY_PASSES && !waiting.isEmpty(); passes++) {
            waiting.sort(Deferred.IN_EFFECTIVE_ORDER);
            List<LedgerCommand> commands = new ArrayList<>(waiting.size());
            List<Integer> lines = new ArrayList<>(waiting.size());
            for (Deferred line : waiting) {
                commands.add(line.command());
                lines.add(line.line());
            }
            LedgerWriter.Write ran = pass.apply(commands, lines);
            List<Deferred> still = new ArrayList<>(ran.deferred.size());
            boolean[] refused = new boolean[waiting.size()];
            for (Deferred again : ran.deferred) {
                Deferred was = waiting.get(again.index());
                refused[again.index()] = true;
                still.add(new Deferred(was.index(), was.line(), was.command(), was.placedOn(), again.failure()));
            }
            for (int i = 0; i < waiting.size(); i++) {
                if (!refused[i]) {
                    accepted.accept(waiting.get(i), ran.messages.get(i));
                }
            }
            boolean progress = still.size() < waiting.size();
            waiting = still;
            if (!progress) {
                break;
            }
        }
        waiting.sort(Comparator.comparingInt(Deferred::line));
        return waiting;
    }

    /**
     * Whether a refusal may go away once later lines of the import ran: a rule of the ledger (the mission is not open
     * yet on that day) or a record the ledger does not hold yet. Invalid input and failures of the store may not.
     */
    static boolean deferrable(Throwable failure) {
        return failure instanceof RuleViolation || failure instanceof AggregateNotFoundException;
    }
}
