package org.diplomaticledger.presence.projection;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.diplomaticledger.presence.projection.StaffingViews.ExpelledDue;

/**
 * The expelled staff of each scope (a mission or a presence, by key) as they stand on one day, {@code on}, by the
 * rule the staffing views apply (docs/projections/staffing.md): staff expelled and not recorded as departed are due
 * to leave; once their deadline passed before {@code on} they are overdue; a named person overdue is no longer a
 * member of the mission (VCDR Art. 9), so no longer counted in its headcount, but listed as departure not recorded.
 * Counted (unnamed) staff still due keep counting in their buckets until a departure takes them out.
 */
final class ExpelledTally {

    private final LocalDate on;
    /** Per key: {due, overdue}. */
    private final Map<String, int[]> due = new HashMap<>();
    /** Per key and category: named persons past their deadline without a recorded departure. */
    private final Map<String, Map<String, Integer>> gone = new HashMap<>();
    /** Per key: the earliest deadline passed with someone still due. */
    private final Map<String, LocalDate> overdueSince = new HashMap<>();

    ExpelledTally(LocalDate on) {
        this.on = on;
    }

    /** A named person of the category, expelled with the deadline, not recorded as departed. */
    void named(String key, String category, LocalDate deadline) {
        add(key, 1, deadline);
        if (passed(deadline)) {
            gone.computeIfAbsent(key, k -> new HashMap<>()).merge(category, 1, Integer::sum);
        }
    }

    /** Counted staff still due under an expulsion with the deadline. */
    void counted(String key, int count, LocalDate deadline) {
        add(key, count, deadline);
    }

    /** The named staff per category (not departed) less those no longer members: past their deadline. */
    Map<String, Integer> stillMembers(String key, Map<String, Integer> named) {
        Map<String, Integer> out = gone.get(key);
        if (named == null || out == null) {
            return named;
        }
        Map<String, Integer> left = new HashMap<>(named);
        out.forEach((category, count) -> left.merge(category, -count, (a, b) -> Math.max(0, a + b)));
        return left;
    }

    /** What the views say of the scope's expelled. */
    ExpelledDue of(String key) {
        int[] counts = due.getOrDefault(key, new int[2]);
        Map<String, Integer> out = gone.get(key);
        int notRecorded = out == null
                ? 0
                : out.values().stream().mapToInt(Integer::intValue).sum();
        LocalDate since = overdueSince.get(key);
        return new ExpelledDue(
                counts[0],
                counts[1],
                on,
                notRecorded,
                since,
                since == null ? null : ChronoUnit.DAYS.between(since, on));
    }

    private void add(String key, int count, LocalDate deadline) {
        int[] counts = due.computeIfAbsent(key, k -> new int[2]);
        counts[0] += count;
        if (passed(deadline)) {
            counts[1] += count;
            overdueSince.merge(key, deadline, (a, b) -> a.isBefore(b) ? a : b);
        }
    }

    private boolean passed(LocalDate deadline) {
        return deadline.isBefore(on);
    }
}
