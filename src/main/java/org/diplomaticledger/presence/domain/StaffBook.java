package org.diplomaticledger.presence.domain;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.diplomaticledger.presence.api.ExpelledPerson;
import org.diplomaticledger.presence.api.StaffCategory;
import org.diplomaticledger.shared.RuleViolation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who is on a presence's staff: named persons, and counted unnamed staff per bucket (a mission, or the presence
 * as a whole when a source gave only a total; a category, or UNSPECIFIED). A reported headcount sets a bucket's
 * unnamed staff to what the report leaves after everyone else already counted in its scope.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
class StaffBook {

    /** A named person on the staff; replaced, not changed, when the person departs or is expelled. */
    record Person(String missionId, String name, StaffCategory category, boolean departed, String expulsionId) {

        Person departedNow() {
            return new Person(missionId, name, category, true, expulsionId);
        }

        Person expelledBy(String expulsion) {
            return new Person(missionId, name, category, departed, expulsion);
        }
    }

    /** Persons by personId; departed ones stay, so that a second departure is recognised. */
    Map<String, Person> persons = new LinkedHashMap<>();
    /** Unnamed staff by bucket key ({@code missionId|CATEGORY}, missionId empty for the presence as a whole). */
    Map<String, Integer> unnamed = new HashMap<>();

    static String bucket(String missionId, StaffCategory category) {
        return (missionId == null ? "" : missionId) + "|" + category.name();
    }

    void accredit(String personId, String missionId, String name, StaffCategory category) {
        persons.put(personId, new Person(missionId, name, category, false, null));
    }

    /** A person is accredited at one mission at a time. */
    void requireNotOnStaff(String personId) {
        Person person = persons.get(personId);
        if (person != null && !person.departed()) {
            throw new RuleViolation("already-accredited", "personId", personId + " is already accredited at "
                    + person.missionId());
        }
    }

    /** The person who leaves a mission: on its staff, and not departed already. */
    Person departing(String personId, String missionId) {
        Person person = persons.get(personId);
        if (person == null || !person.missionId().equals(missionId)) {
            throw new RuleViolation("not-accredited", "personId", personId + " is not accredited at " + missionId);
        }
        if (person.departed()) {
            throw new RuleViolation("already-departed", "personId", personId + " has already departed");
        }
        return person;
    }

    void depart(String personId) {
        persons.put(personId, persons.get(personId).departedNow());
    }

    void expel(String personId, String expulsionId) {
        persons.put(personId, persons.get(personId).expelledBy(expulsionId));
    }

    /** The persons an expulsion names, as it records them, each {@link #expellable expellable}. */
    List<ExpelledPerson> expellable(List<String> personIds, String missionId, String presenceId) {
        List<ExpelledPerson> expelled = new ArrayList<>();
        for (int i = 0; i < personIds.size(); i++) {
            expelled.add(expellable(personIds, i, missionId, presenceId));
        }
        return expelled;
    }

    /**
     * The i-th person an expulsion names, as the expulsion records them: on the staff (at its mission, if it names
     * one), not expelled already, and named once. The field of a refusal is {@code personIds[i]}.
     */
    private ExpelledPerson expellable(List<String> personIds, int i, String missionId, String presenceId) {
        String personId = personIds.get(i);
        Person person = persons.get(personId);
        if (person == null || person.departed()) {
            throw new RuleViolation("not-accredited", "personIds[" + i + "]", personId + " is not on the staff of "
                    + presenceId + (person == null ? "" : " any more: departed already"));
        }
        if (missionId != null && !missionId.equals(person.missionId())) {
            throw new RuleViolation("not-at-mission", "personIds[" + i + "]", personId + " is accredited at "
                    + person.missionId() + ", not at " + missionId);
        }
        if (person.expulsionId() != null) {
            throw new RuleViolation("already-expelled", "personIds[" + i + "]", personId
                    + " was already expelled by " + person.expulsionId());
        }
        if (personIds.indexOf(personId) != i) {
            throw new RuleViolation("named-twice", "personIds[" + i + "]", personId + " is named twice");
        }
        return new ExpelledPerson(personId, person.name(), person.missionId(), person.category());
    }

    /**
     * Counted arrivals go to their own bucket. Counted departures leave from the most specific bucket that holds
     * staff: the mission's category, the mission's unspecified staff, then the presence-wide count of that
     * category and the presence-wide unspecified count — sources often give totals for a presence and departures
     * per mission. No bucket goes below zero; departures beyond every count are a gap in knowledge.
     */
    void addUnnamed(String missionId, StaffCategory category, int change) {
        if (change >= 0) {
            unnamed.merge(bucket(missionId, category), change, Integer::sum);
            return;
        }
        int remaining = -change;
        List<String> buckets = new ArrayList<>();
        buckets.add(bucket(missionId, category));
        if (category != StaffCategory.UNSPECIFIED) {
            buckets.add(bucket(missionId, StaffCategory.UNSPECIFIED));
        }
        if (missionId != null) {
            buckets.add(bucket(null, category));
            if (category != StaffCategory.UNSPECIFIED) {
                buckets.add(bucket(null, StaffCategory.UNSPECIFIED));
            }
        }
        for (String key : buckets) {
            int held = unnamed.getOrDefault(key, 0);
            int taken = Math.min(held, remaining);
            if (taken > 0) {
                unnamed.put(key, held - taken);
                remaining -= taken;
            }
            if (remaining == 0) {
                return;
            }
        }
    }

    /**
     * A source reported {@code headcount} for the scope: its unnamed bucket takes up what the others do not account
     * for. When a mission's count grows this way, the staff it now accounts for come out of the presence-wide count
     * of unattributed staff (of that category, then of unspecified category): a total reported for the presence
     * already included them.
     */
    void report(String missionId, StaffCategory category, int headcount) {
        String key = bucket(missionId, category);
        int before = unnamed.getOrDefault(key, 0);
        int others = headcount(missionId, category == StaffCategory.UNSPECIFIED ? null : category) - before;
        int after = Math.max(0, headcount - others);
        unnamed.put(key, after);
        if (missionId != null && after > before) {
            int remaining = after - before;
            List<String> pools = new ArrayList<>();
            pools.add(bucket(null, category));
            if (category != StaffCategory.UNSPECIFIED) {
                pools.add(bucket(null, StaffCategory.UNSPECIFIED));
            }
            for (String pool : pools) {
                int held = unnamed.getOrDefault(pool, 0);
                int taken = Math.min(held, remaining);
                if (taken > 0) {
                    unnamed.put(pool, held - taken);
                    remaining -= taken;
                }
            }
        }
    }

    /**
     * Staff within a scope: one mission or the whole presence (missionId null), one category or all of them
     * (category null). Unnamed staff of unspecified category count only towards all categories.
     */
    int headcount(String missionId, StaffCategory category) {
        int count = 0;
        for (Person person : persons.values()) {
            if (!person.departed() && (missionId == null || missionId.equals(person.missionId()))
                    && (category == null || category == person.category())) {
                count++;
            }
        }
        for (Map.Entry<String, Integer> entry : unnamed.entrySet()) {
            int bar = entry.getKey().indexOf('|');
            String bucketMission = entry.getKey().substring(0, bar);
            StaffCategory bucketCategory = StaffCategory.valueOf(entry.getKey().substring(bar + 1));
            boolean missionMatches = missionId == null || missionId.equals(bucketMission);
            boolean categoryMatches = category == null || category == bucketCategory;
            if (missionMatches && categoryMatches) {
                count += entry.getValue();
            }
        }
        return count;
    }
}
