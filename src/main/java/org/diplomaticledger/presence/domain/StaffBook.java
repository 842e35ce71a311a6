package org.diplomaticledger.presence.domain;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.diplomaticledger.presence.api.ExpelledPerson;
import org.diplomaticledger.presence.api.StaffCategory;
import org.diplomaticledger.shared.RuleViolation;

import java.time.LocalDate;
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

    /** Persons by personId as they stand after their last fact in effective time; departed ones stay. */
    Map<String, Person> persons = new LinkedHashMap<>();
    /** Each person's facts in effective time, which the rules on named persons judge by ({@link Careers}). */
    Careers careers = new Careers();
    /** Unnamed staff by bucket key ({@code missionId|CATEGORY}, missionId empty for the presence as a whole). */
    Map<String, Integer> unnamed = new HashMap<>();

    static String bucket(String missionId, StaffCategory category) {
        return (missionId == null ? "" : missionId) + "|" + category.name();
    }

    /** A recorded fact of a named person ({@code eventId}, {@code sequence}: the event's) placed in their career. */
    void record(String personId, Careers.PersonFact fact, Object event, String eventId, long sequence, LocalDate on,
                String presenceId) {
        Person now = careers.record(personId, eventId, event, on, sequence, fact, presenceId);
        if (now == null) {
            persons.remove(personId); // a history recorded under the old rules may depart someone never accredited
        } else {
            persons.put(personId, now);
        }
    }

    /** A person is accredited at one mission at a time: not on the staff on the day, nor made so for a later fact. */
    void requireAccreditable(String personId, String missionId, String name, StaffCategory category, LocalDate on,
                             String presenceId) {
        careers.requireFits(personId, "DiplomatAccredited", on, new Careers.PersonFact(Careers.Move.ACCREDITED,
                missionId, name, category, null), presenceId);
    }

    /**
     * A person leaving a mission on a day: who they were then, the expulsion of that stint (if any, whatever its
     * day), and the contradiction of a later recorded fact the departure would cause, left to settle
     * ({@link Careers#settle}) once the expulsion's own rules were checked.
     */
    record Departing(Person person, String stintExpulsion, RuleViolation contradiction) {
    }

    /** The person who leaves a mission on a day: on its staff then, and not departed already (thrown). */
    Departing departing(String personId, String missionId, LocalDate on) {
        RuleViolation contradiction = careers.judge(personId, "DiplomatDeparted", on, new Careers.PersonFact(
                Careers.Move.DEPARTED, missionId, null, null, null));
        return new Departing(careers.on(personId, on), careers.expulsionOfStintOn(personId, on), contradiction);
    }

    /** The persons an expulsion names on its day, as it records them, each {@link #expellable expellable}. */
    List<ExpelledPerson> expellable(List<String> personIds, String missionId, String expulsionId, LocalDate on,
                                    String presenceId) {
        List<ExpelledPerson> expelled = new ArrayList<>();
        for (int i = 0; i < personIds.size(); i++) {
            expelled.add(expellable(personIds, i, missionId, expulsionId, on, presenceId));
        }
        return expelled;
    }

    /**
     * The i-th person an expulsion names, as the expulsion records them: on the staff on its day (at its mission, if it
     * names one), not expelled already in that stint, and named once. The field of a refusal is {@code personIds[i]}.
     */
    private ExpelledPerson expellable(List<String> personIds, int i, String missionId, String expulsionId,
                                      LocalDate on, String presenceId) {
        String personId = personIds.get(i);
        try {
            careers.requireFits(personId, "DiplomatExpelled", on, new Careers.PersonFact(Careers.Move.EXPELLED,
                    missionId, null, null, expulsionId), presenceId);
        } catch (RuleViolation refused) {
            throw new RuleViolation(refused.rule(), "personIds[" + i + "]", refused.getMessage()
                    + ("not-accredited".equals(refused.rule()) ? " (" + presenceId + ")" : ""), refused.details());
        }
        if (personIds.indexOf(personId) != i) {
            throw new RuleViolation("named-twice", "personIds[" + i + "]", personId + " is named twice");
        }
        Person person = careers.on(personId, on);
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
