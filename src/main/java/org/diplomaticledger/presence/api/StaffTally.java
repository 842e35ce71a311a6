package org.diplomaticledger.presence.api;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A presence's staff at one moment, as both sides of the ledger count it: named staff on the staff by mission and
 * category, and counted (unnamed) staff in buckets — a mission or the presence as a whole (a source gave only a
 * total), a category or {@link StaffCategory#UNSPECIFIED}. The one place where a reported headcount, counted arrivals
 * and counted departures change the buckets, so that the rules the write side judges by and the headcounts the
 * staffing projection shows cannot drift apart.
 *
 * <p>Mutable and not thread-safe: the write side folds a presence's facts through one in effective order, the
 * projection builds one from its rows for each event.
 */
public final class StaffTally {

    /** A bucket of staff: a mission, or the presence as a whole ({@code missionId} null), and a category. */
    public record Bucket(String missionId, StaffCategory category) {}

    private final Map<Bucket, Integer> named = new HashMap<>();
    private final Map<Bucket, Integer> counted = new HashMap<>();
    private final Set<Bucket> touched = new LinkedHashSet<>();

    public StaffTally copy() {
        StaffTally copy = new StaffTally();
        copy.named.putAll(named);
        copy.counted.putAll(counted);
        return copy;
    }

    /** A named person joins ({@code +1}) or leaves ({@code -1}) the staff of a mission in a category. */
    public void named(String missionId, StaffCategory category, int change) {
        named.merge(new Bucket(missionId, category), change, (held, more) -> held + more == 0 ? null : held + more);
    }

    /** A counted bucket as recorded (the projection loads its rows with this); not {@link #touched}. */
    public void load(String missionId, StaffCategory category, int staff) {
        counted.put(new Bucket(missionId, category), staff);
    }

    public int counted(String missionId, StaffCategory category) {
        return counted.getOrDefault(new Bucket(missionId, category), 0);
    }

    /** The counted buckets, by bucket; a bucket at 0 is a count known to be 0. */
    public Map<Bucket, Integer> counted() {
        return Map.copyOf(counted);
    }

    /** The counted buckets the last {@link #change} or {@link #report} set, in the order it set them. */
    public Set<Bucket> touched() {
        return Set.copyOf(touched);
    }

    /**
     * Counted arrivals ({@code change} ≥ 0) go to their own bucket. Counted departures leave from the most specific
     * bucket that holds staff: the mission's category, the mission's unspecified staff, then the presence-wide count of
     * that category and the presence-wide unspecified count — sources often give totals for a presence and departures
     * per mission. No bucket goes below zero; departures beyond every count are a gap in knowledge.
     */
    public void change(String missionId, StaffCategory category, int change) {
        touched.clear();
        if (change >= 0) {
            set(new Bucket(missionId, category), counted(missionId, category) + change);
            return;
        }
        int remaining = -change;
        for (Bucket bucket : drawnFrom(missionId, category)) {
            remaining = take(bucket, remaining);
            if (remaining == 0) {
                return;
            }
        }
    }

    /**
     * A source reported {@code headcount} for a scope (a mission or the presence, a category or all): its bucket takes
     * up what the rest of the scope does not account for, never below zero. When a mission's count grows this way,
     * the staff it now accounts for come out of the presence-wide count of that category, then of the unspecified
     * one: a total reported for the presence already included them.
     */
    public void report(String missionId, StaffCategory category, int headcount) {
        touched.clear();
        Bucket own = new Bucket(missionId, category);
        int before = counted.getOrDefault(own, 0);
        int others = headcount(missionId, category == StaffCategory.UNSPECIFIED ? null : category) - before;
        int after = Math.max(0, headcount - others);
        set(own, after);
        if (missionId != null && after > before) {
            int remaining = after - before;
            remaining = take(new Bucket(null, category), remaining);
            if (category != StaffCategory.UNSPECIFIED) {
                take(new Bucket(null, StaffCategory.UNSPECIFIED), remaining);
            }
        }
    }

    /**
     * Staff within a scope: one mission or the whole presence ({@code missionId} null), one category or all of them
     * ({@code category} null). Counted staff of unspecified category count only towards all categories.
     */
    public int headcount(String missionId, StaffCategory category) {
        return sum(named, missionId, category) + sum(counted, missionId, category);
    }

    private static int sum(Map<Bucket, Integer> buckets, String missionId, StaffCategory category) {
        int count = 0;
        for (Map.Entry<Bucket, Integer> entry : buckets.entrySet()) {
            Bucket bucket = entry.getKey();
            if ((missionId == null || missionId.equals(bucket.missionId()))
                    && (category == null || category == bucket.category())) {
                count += entry.getValue();
            }
        }
        return count;
    }

    private static Iterable<Bucket> drawnFrom(String missionId, StaffCategory category) {
        Set<Bucket> order = new LinkedHashSet<>();
        order.add(new Bucket(missionId, category));
        order.add(new Bucket(missionId, StaffCategory.UNSPECIFIED));
        if (missionId != null) {
            order.add(new Bucket(null, category));
            order.add(new Bucket(null, StaffCategory.UNSPECIFIED));
        }
        return order;
    }

    /** Takes up to {@code wanted} staff from a bucket; answers how many are still wanted. */
    private int take(Bucket bucket, int wanted) {
        int held = counted.getOrDefault(bucket, 0);
        int taken = Math.min(held, wanted);
        if (taken > 0) {
            set(bucket, held - taken);
        }
        return wanted - taken;
    }

    private void set(Bucket bucket, int staff) {
        counted.put(bucket, staff);
        touched.add(bucket);
    }

    @Override
    public boolean equals(Object other) {
        return this == other
                || other instanceof StaffTally that && named.equals(that.named) && counted.equals(that.counted);
    }

    @Override
    public int hashCode() {
        return named.hashCode() * 31 + counted.hashCode();
    }
}
