package org.diplomaticledger.presence.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import org.diplomaticledger.support.LedgerClient.Response;
import org.diplomaticledger.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * A list of one state's expulsions in the default order, newest first, is read in that order through the indexes
 * of a state's two sides, from the point's day backwards, and counted from them (ExpulsionsInOrder). Whatever the
 * point, its pages hold the expulsions valid there in that order, and its total counts them. The Central African
 * Republic (CF) expels staff of Burundi (BI) and Congo (CG) and they expel CF's, 2010–2013, with BI and CG expelling
 * each other besides: several on a day, recorded out of effective order, some with a departure recorded under them
 * (a second version, from a later day), then one moved later, one moved earlier and one retracted.
 */
class ExpulsionsInOrderHttpTest extends LedgerIntegrationTest {

    private static final String SRC = "\"source\": \"Ministry of Foreign Affairs statement\"";
    private static final LocalDate FIRST = LocalDate.of(2010, 1, 1);
    private static final String[][] PAIRS = {{"CF", "BI"}, {"BI", "CF"}, {"CF", "CG"}, {"CG", "CF"}, {"BI", "CG"}};

    /** An expulsion as recorded so far: who declared it against whose staff, its id and its effective date. */
    private record Fact(String by, String against, String id, LocalDate date) {
        String presence() {
            return against + "-" + by;
        }

        String key() {
            return presence() + "/" + id;
        }
    }

    /** The facts recorded by an instant, the reads' knownAt (null: the latest, no knownAt). */
    private record KnownAt(String instant, List<Fact> facts) {}

    private final Map<String, Fact> recorded = new LinkedHashMap<>();
    private final List<KnownAt> points = new ArrayList<>();
    private long position;

    @Test
    void pagesOfOneStateHoldItsExpulsionsValidAtThePointNewestFirst() {
        for (String[] pair : new String[][] {{"CF", "BI"}, {"CF", "CG"}, {"BI", "CF"}, {"CG", "CF"}}) {
            ledger.accepted("OpenMission", """
                    {"sendingState": "%s", "receivingState": "%s", "kind": "EMBASSY", "city": "Capital",
                     "effectiveDate": "2000-01-01", %s}""".formatted(pair[0], pair[1], SRC));
        }
        List<Fact> facts = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            String[] pair = PAIRS[i % PAIRS.length];
            // two by two on one day, so that the page's ties are ordered by presence (and by id within one)
            LocalDate day = FIRST.plusDays((i / 2) * 89L % 1400);
            facts.add(new Fact(pair[0], pair[1], "IO-%02d".formatted(i), day));
        }
        facts.add(new Fact("BI", "CF", "IO-26", facts.get(25).date())); // the same presence and day as IO-25
        List<Fact> shuffled = new ArrayList<>(facts);
        Collections.shuffle(shuffled, new Random(12));
        Map<String, String> eventIds = new LinkedHashMap<>();
        for (int i = 0; i < shuffled.size(); i++) {
            eventIds.put(shuffled.get(i).id(), expel(shuffled.get(i)));
            if (i == shuffled.size() / 2) {
                knownNow();
            }
        }
        knownNow();
        for (String id : List.of("IO-01", "IO-03", "IO-05", "IO-08")) {
            Fact fact = recorded.values().stream()
                    .filter(f -> f.id().equals(id))
                    .findFirst()
                    .orElseThrow();
            position = ledger.accepted("RecordDeparture", """
                    {"missionId": "%s-%s-EMBASSY-CAPITAL", "count": 1, "expulsionId": "%s", "effectiveDate": "%s", %s}""".formatted(
                                    fact.against(), fact.by(), id, fact.date().plusDays(3), SRC))
                    .path("position")
                    .asLong();
        }
        knownNow();
        correct(eventIds, "IO-02", LocalDate.of(2013, 11, 30));
        correct(eventIds, "IO-21", LocalDate.of(2009, 12, 31));
        position = ledger.accepted("RetractEntry", """
                {"eventId": "%s", "reason": "never happened", %s}""".formatted(eventIds.get("IO-11"), SRC))
                .path("position")
                .asLong();
        recorded.remove(facts.get(11).key());
        knownNow();
        points.add(new KnownAt(null, List.copyOf(recorded.values())));

        List<LocalDate> days = new ArrayList<>(List.of(
                LocalDate.of(2009, 12, 30),
                LocalDate.of(2009, 12, 31),
                facts.get(6).date(),
                facts.get(1).date().plusDays(1),
                facts.get(1).date().plusDays(3),
                LocalDate.of(2012, 2, 29),
                LocalDate.of(2013, 12, 31)));
        for (KnownAt point : points) {
            for (LocalDate asOf : days) {
                String at = "&asOf=" + asOf + (point.instant() == null ? "" : "&knownAt=" + point.instant());
                List<Fact> valid = point.facts().stream()
                        .filter(f -> !f.date().isAfter(asOf))
                        .sorted(Comparator.comparing(Fact::date)
                                .reversed()
                                .thenComparing(Fact::presence)
                                .thenComparing(Fact::id))
                        .toList();
                String what = asOf + " known at " + point.instant();
                assertList(
                        "state=CF" + at,
                        valid,
                        f -> f.by().equals("CF") || f.against().equals("CF"),
                        what);
                assertList("by=CF" + at, valid, f -> f.by().equals("CF"), what);
                assertList("against=CF" + at, valid, f -> f.against().equals("CF"), what);
                assertList(
                        "by=BI&against=CF" + at,
                        valid,
                        f -> f.by().equals("BI") && f.against().equals("CF"),
                        what);
                assertList(
                        "state=CF&by=BI" + at,
                        valid,
                        f -> f.by().equals("BI") && f.against().equals("CF"),
                        what);
                assertList(
                        "state=CF&from=2010-06-01&to=2011-12-31" + at,
                        valid,
                        f -> (f.by().equals("CF") || f.against().equals("CF"))
                                && !f.date().isBefore(LocalDate.of(2010, 6, 1))
                                && !f.date().isAfter(LocalDate.of(2011, 12, 31)),
                        what);
                List<String> expected = valid.stream()
                        .filter(f -> f.by().equals("CF") || f.against().equals("CF"))
                        .map(Fact::key)
                        .toList();
                for (int page = 0; page * 4 <= expected.size(); page++) {
                    JsonNode answer = list("state=CF&size=4&page=" + page + at);
                    assertThat(keys(answer))
                            .as(what + " page " + page)
                            .isEqualTo(expected.subList(page * 4, Math.min(expected.size(), page * 4 + 4)));
                    assertThat(answer.path("total").asLong()).as(what).isEqualTo(expected.size());
                    // the same items, links and tallies as the list sorted by the database (the other read)
                    assertThat(answer.path("items"))
                            .as(what + " page " + page)
                            .isEqualTo(list("state=CF&size=4&sort=effectiveDate,desc&page=" + page + at)
                                    .path("items"));
                }
            }
        }
    }

    private void assertList(String query, List<Fact> valid, Predicate<Fact> filter, String what) {
        JsonNode answer = list(query + "&size=1000");
        List<String> expected = valid.stream().filter(filter).map(Fact::key).toList();
        assertThat(keys(answer)).as(query + ": " + what).isEqualTo(expected);
        assertThat(answer.path("total").asLong()).as(query + ": " + what).isEqualTo(expected.size());
    }

    private JsonNode list(String query) {
        Response response = ledger.get("analyst", "/api/v1/expulsions?atLeast=" + position + "&" + query);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static List<String> keys(JsonNode page) {
        List<String> keys = new ArrayList<>();
        page.path("items")
                .forEach(item -> keys.add(item.path("presenceId").asText() + "/"
                        + item.path("expulsionId").asText()));
        return keys;
    }

    /** Records the expulsion: two unnamed staff, a week to leave; its event's id. */
    private String expel(Fact fact) {
        JsonNode accepted = ledger.accepted("ExpelDiplomat", """
                {"sendingState": "%s", "receivingState": "%s", "count": 2, "expulsionId": "%s",
                 "departureDeadline": "%s", "effectiveDate": "%s", %s}""".formatted(
                        fact.against(), fact.by(), fact.id(), fact.date().plusDays(7), fact.date(), SRC));
        position = accepted.path("position").asLong();
        recorded.put(fact.key(), fact);
        return accepted.path("events").get(0).path("eventId").asText();
    }

    private void correct(Map<String, String> eventIds, String id, LocalDate day) {
        position = ledger.accepted("CorrectEntry", """
                {"eventId": "%s", "corrections": {"effectiveDate": "%s", "departureDeadline": "%s"}, "reason": "misdated",
                 %s}""".formatted(eventIds.get(id), day, day.plusDays(7), SRC))
                .path("position")
                .asLong();
        recorded.replaceAll((key, fact) -> fact.id().equals(id) ? new Fact(fact.by(), fact.against(), id, day) : fact);
    }

    /** The instant the ledger reads at now, after the writes so far: what it had recorded by then. */
    private void knownNow() {
        Response response = ledger.get("analyst", "/api/v1/expulsions?state=CF&size=1&atLeast=" + position);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        points.add(new KnownAt(response.header("X-Ledger-Known-At"), List.copyOf(recorded.values())));
    }
}
