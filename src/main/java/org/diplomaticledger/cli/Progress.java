package org.diplomaticledger.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar on standard error: {@code [#######.......]  2,000/5,000 lines  40%  812 lines/s  ETA 0:04}. On a
 * terminal it redraws one line (at most ten times a second); otherwise (a log, a pipe, a test) it prints a line at
 * most every two seconds, and always the last one. The rate counts only what this run did (a resumed import starts
 * its bar where the last run stopped).
 */
final class Progress {

    private static final int WIDTH = 30;

    private final PrintStream err;
    private final String unit;
    private final boolean enabled;
    private final boolean redraw;
    private final long startNanos = System.nanoTime();
    private long total;
    private long initial = -1;
    private long lastPrinted;
    private int lastLength;

    Progress(PrintStream err, String unit, long total, boolean enabled) {
        this(err, unit, total, enabled, System.console() != null);
    }

    Progress(PrintStream err, String unit, long total, boolean enabled, boolean redraw) {
        this.err = err;
        this.unit = unit;
        this.total = total;
        this.enabled = enabled;
        this.redraw = redraw;
    }

    void total(long total) {
        this.total = total;
    }

    /** Where this run started (done before it), so the rate counts only this run's work. */
    void start(long done) {
        initial = done;
    }

    void update(long done, String note) {
        long now = System.nanoTime();
        if (!enabled || now - lastPrinted < (redraw ? 100_000_000L : 2_000_000_000L)) {
            return;
        }
        lastPrinted = now;
        print(done, note, false);
    }

    void finish(long done, String note) {
        if (enabled) {
            print(done, note, true);
        }
    }

    /** Ends the bar's line on a terminal, so that a message printed next starts on a line of its own. */
    void breakLine() {
        if (redraw && lastLength > 0) {
            err.println();
            lastLength = 0;
        }
    }

    private void print(long done, String note, boolean last) {
        String line = render(done, note);
        if (redraw) {
            String padded = line.length() < lastLength ? line + " ".repeat(lastLength - line.length()) : line;
            lastLength = line.length();
            err.print("\r" + padded + (last ? System.lineSeparator() : ""));
            err.flush();
            if (last) {
                lastLength = 0;
            }
        } else {
            err.println(line);
        }
    }

    String render(long done, String note) {
        if (initial < 0) {
            initial = 0;
        }
        double seconds = Math.max((System.nanoTime() - startNanos) / 1e9, 1e-3);
        double rate = (done - initial) / seconds;
        StringBuilder line = new StringBuilder();
        if (total > 0) {
            long shown = Math.min(done, total);
            int filled = (int) (WIDTH * shown / total);
            line.append('[')
                    .append("#".repeat(filled))
                    .append(".".repeat(WIDTH - filled))
                    .append("]  ")
                    .append(String.format(Locale.ROOT, "%,d/%,d %s  %d%%", done, total, unit, 100 * shown / total));
        } else {
            line.append(String.format(Locale.ROOT, "%,d %s", done, unit));
        }
        line.append(String.format(Locale.ROOT, "  %,.0f %s/s", rate, unit));
        if (total > 0 && rate > 0 && done < total) {
            long left = (long) ((total - done) / rate);
            line.append(String.format(Locale.ROOT, "  ETA %d:%02d", left / 60, left % 60));
        }
        if (note != null && !note.isEmpty()) {
            line.append("  ").append(note);
        }
        return line.toString();
    }
}
