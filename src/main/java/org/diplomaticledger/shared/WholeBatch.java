package org.diplomaticledger.shared;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A batch of commands judged as a whole (an import, a write of several commands): a rule that compares a fact with
 * facts recorded for later days may wait for the end of the batch, so that lines which fit together are accepted
 * though one alone would not (the earlier life of a mission, opened in 1900 and closed in 1941, back-filled before a
 * recorded reopening in 1990: the opening alone would leave the mission open twice). The writer opens the batch on
 * its thread, says which command runs ({@link #at}), and verifies it before the commit; a rule defers its check with
 * {@link #defer}, keyed by what it judges, and judges at once when no batch is open.
 *
 * <p>Work that follows from the batch as a whole (a succession's closure of a mission the batch opened, which must
 * see every line about that mission first) waits for its end too: {@link #atTheEnd}, done by {@link #finish} before
 * the checks, or at once when no batch is open.
 *
 * <p>A command of the batch refused by its own rule may be tried again later in the batch (an import tries such lines
 * again after the others, see {@code ledger.LedgerWriter}): {@link #withdraw} then takes back what that attempt
 * deferred or refreshed, so that a refused attempt leaves no check behind.
 *
 * <p>Written here, not taken from Axon: Axon's unit of work ends with each chunk of an import, and the check must
 * span the whole import, whose chunks share one database transaction.
 */
public final class WholeBatch implements AutoCloseable {

    private static final ThreadLocal<WholeBatch> CURRENT = new ThreadLocal<>();

    /** Where a command of the batch is: its line (in an import) or number, its index in its chunk, its name. */
    public record Where(long line, int index, String command) {}

    private static final class Check {
        final Object baseline;
        final Where where;
        Function<Object, RuleViolation> judge;

        Check(Object baseline, Where where, Function<Object, RuleViolation> judge) {
            this.baseline = baseline;
            this.where = where;
            this.judge = judge;
        }
    }

    private final Map<String, Check> checks = new LinkedHashMap<>();
    /** The work waiting for the end of the batch, by key, with the command that asked for it. */
    private final Map<String, Map.Entry<Where, Runnable>> atTheEnd = new LinkedHashMap<>();
    /** How to take back what the command now running deferred or refreshed, newest last. */
    private final List<Runnable> undo = new ArrayList<>();

    private Where at = new Where(0, 0, null);

    private WholeBatch() {}

    /** Opens a batch on this thread; close it when the batch ends, committed or not. */
    public static WholeBatch open() {
        if (CURRENT.get() != null) {
            throw new IllegalStateException("a batch is already being judged on this thread");
        }
        WholeBatch batch = new WholeBatch();
        CURRENT.set(batch);
        return batch;
    }

    /** The command about to run, for a refusal at the end to name it. */
    public static void at(long line, int index, String command) {
        WholeBatch batch = CURRENT.get();
        if (batch != null) {
            batch.at = new Where(line, index, command);
            batch.undo.clear();
        }
    }

    /**
     * Takes back what the command now running (since the last {@link #at}) deferred or refreshed: it was refused, and
     * nothing of it may stay. Checks it added are dropped; checks it pointed at another state read the one before.
     */
    public static void withdraw() {
        WholeBatch batch = CURRENT.get();
        if (batch != null) {
            for (int i = batch.undo.size() - 1; i >= 0; i--) {
                batch.undo.get(i).run();
            }
            batch.undo.clear();
        }
    }

    /** The keys of the checks waiting for the end of the batch (for tests). */
    public List<String> waiting() {
        return List.copyOf(checks.keySet());
    }

    /**
     * Defers a check to the end of the open batch, or answers false when none is open (then the caller judges now).
     * The first {@code baseline} given for a key is kept (what held before the batch touched it); {@code judge} is
     * given it at the end and answers the violation, or null. A later defer or {@link #refresh} of the key replaces
     * {@code judge} (the state it reads may have been loaded again).
     */
    public static boolean defer(String key, Object baseline, Function<Object, RuleViolation> judge) {
        WholeBatch batch = CURRENT.get();
        if (batch == null) {
            return false;
        }
        Check known = batch.checks.get(key);
        if (known == null) {
            batch.checks.put(key, new Check(baseline, batch.at, judge));
            batch.undo.add(() -> batch.checks.remove(key));
        } else {
            batch.replace(known, judge);
        }
        return true;
    }

    /**
     * Puts off work to the end of the open batch, or answers false when none is open (then the caller does it now).
     * A key asked for again keeps the first request, and the command that made it. The work runs in
     * {@link #finish}, inside the write, with that command as the one running: a refusal names it.
     */
    public static boolean atTheEnd(String key, Runnable work) {
        WholeBatch batch = CURRENT.get();
        if (batch == null) {
            return false;
        }
        if (!batch.atTheEnd.containsKey(key)) {
            batch.atTheEnd.put(key, Map.entry(batch.at, work));
            batch.undo.add(() -> batch.atTheEnd.remove(key));
        }
        return true;
    }

    /** Whether work waits for the end of the batch ({@link #atTheEnd}). */
    public boolean hasWorkAtTheEnd() {
        return !atTheEnd.isEmpty();
    }

    /**
     * Does the work put off to the end of the batch, in the order it was asked for, each as the command that asked
     * for it ({@link #at}); call it once every command ran, before {@link #verify}. A rule the work breaks refuses
     * the batch, naming that command.
     */
    public void finish() {
        List<Map.Entry<Where, Runnable>> work = new ArrayList<>(atTheEnd.values());
        atTheEnd.clear();
        for (Map.Entry<Where, Runnable> each : work) {
            at = each.getKey();
            undo.clear();
            try {
                each.getValue().run();
            } catch (RuleViolation violation) {
                throw new Refused(each.getKey(), violation);
            }
        }
    }

    /** Points a deferred check at the state it must read now, if the key has one. */
    public static void refresh(String key, Function<Object, RuleViolation> judge) {
        WholeBatch batch = CURRENT.get();
        if (batch != null) {
            Check known = batch.checks.get(key);
            if (known != null) {
                batch.replace(known, judge);
            }
        }
    }

    private void replace(Check check, Function<Object, RuleViolation> judge) {
        Function<Object, RuleViolation> before = check.judge;
        check.judge = judge;
        undo.add(() -> check.judge = before);
    }

    /** Runs the deferred checks; the first that fails refuses the batch, naming the command that deferred it. */
    public void verify() {
        for (Check check : checks.values()) {
            RuleViolation violation = check.judge.apply(check.baseline);
            if (violation != null) {
                throw new Refused(check.where, violation);
            }
        }
    }

    @Override
    public void close() {
        CURRENT.remove();
    }

    /** The batch as a whole breaks a rule; {@code where} is the command whose check was deferred. */
    public static final class Refused extends RuntimeException {
        private final Where where;
        private final RuleViolation violation;

        Refused(Where where, RuleViolation violation) {
            super(violation.getMessage(), violation);
            this.where = where;
            this.violation = violation;
        }

        public Where where() {
            return where;
        }

        public RuleViolation violation() {
            return violation;
        }
    }
}
