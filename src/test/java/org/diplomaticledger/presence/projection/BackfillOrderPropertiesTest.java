package org.diplomaticledger.presence.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.diplomaticledger.ledger.LedgerWriter;
import org.diplomaticledger.presence.api.MissionKind;
import org.diplomaticledger.presence.api.OpenMission;
import org.diplomaticledger.presence.api.PresenceIds;
import org.diplomaticledger.presence.api.RecordStaffChange;
import org.diplomaticledger.presence.api.RecordStaffCount;
import org.diplomaticledger.presence.api.StaffCategory;
import org.diplomaticledger.presence.projection.StaffingViews.MissionStaffingView;
import org.diplomaticledger.presence.projection.StaffingViews.PresenceStaffingView;
import org.diplomaticledger.projection.ReadPosition;
import org.diplomaticledger.projection.ReadView;
import org.diplomaticledger.projection.Reads;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.LedgerCommand;
import org.diplomaticledger.shared.Provenance;
import org.diplomaticledger.support.LedgerApp;

/**
 * The same staff facts back-filled in date order, in a random order and newest first, each on a presence of its
 * own: the staffing projection must answer the same on every day, whatever order the facts were recorded in (the
 * projection places late facts where they fall in effective time, and stops refolding where the timeline no longer
 * changes).
 */
class BackfillOrderPropertiesTest {

    private static final Provenance SOURCE = new Provenance("order property", null);
    private static final LocalDate OPENED = LocalDate.of(2000, 1, 1);
    private static final List<String> CODES = List.of(
            "AD", "AG", "BB", "BZ", "DM", "FJ", "GD", "KM", "KN", "LC", "MH", "FM", "MV", "SB", "SC", "SM", "ST", "SR",
            "VC", "VU", "CV", "GW", "LR", "MC", "LI", "NU", "CK", "PG");

    /** One staff fact: a count or a change, presence-wide or at one of two missions, on a day. */
    record Fact(boolean count, int mission, StaffCategory category, int figure, int day) {
        LedgerCommand on(CountryCode sending, CountryCode receiving, List<String> missions) {
            String missionId = mission < 0 ? null : missions.get(mission);
            LocalDate date = OPENED.plusDays(day);
            return count
                    ? new RecordStaffCount(sending, receiving, missionId, category, figure, date, SOURCE)
                    : new RecordStaffChange(
                            sending, receiving, missionId, category, figure == 0 ? 1 : figure, null, date, SOURCE);
        }
    }

    @Property(tries = 12)
    void anyRecordingOrderGivesTheSameAnswers(@ForAll("histories") List<Fact> facts, @ForAll long seed) {
        LedgerApp app = LedgerApp.get();
        List<Fact> inOrder = new ArrayList<>(facts);
        inOrder.sort(java.util.Comparator.comparingInt(Fact::day));
        List<Fact> shuffled = new ArrayList<>(facts);
        Collections.shuffle(shuffled, new Random(seed));
        List<Fact> newestFirst = new ArrayList<>(inOrder);
        Collections.reverse(newestFirst);

        List<String> presences = new ArrayList<>();
        List<List<String>> missions = new ArrayList<>();
        for (List<Fact> order : List.of(inOrder, shuffled, newestFirst)) {
            CountryCode[] pair = freshPair(app);
            List<String> ids = List.of(
                    PresenceIds.mission(pair[0], pair[1], MissionKind.EMBASSY, "Capital", null),
                    PresenceIds.mission(pair[0], pair[1], MissionKind.CONSULATE_GENERAL, "Port", null));
            app.send(new OpenMission(pair[0], pair[1], MissionKind.EMBASSY, "Capital", null, null, OPENED, SOURCE));
            app.send(new OpenMission(
                    pair[0], pair[1], MissionKind.CONSULATE_GENERAL, "Port", null, null, OPENED, SOURCE));
            // one import, as an archive is back-filled: every fact in one batch, in the order given
            app.bean(LedgerWriter.class)
                    .write(
                            order.stream()
                                    .map(fact -> fact.on(pair[0], pair[1], ids))
                                    .toList(),
                            new LedgerWriter.Context("order-property", "order-" + LedgerApp.unique()),
                            null,
                            null);
            presences.add(pair[0].value() + "-" + pair[1].value());
            missions.add(ids);
        }
        app.awaitProjection(StaffingProjection.NAME);

        StaffingQueries queries = app.bean(StaffingQueries.class);
        TreeSet<LocalDate> days = new TreeSet<>();
        for (Fact fact : facts) {
            days.add(OPENED.plusDays(fact.day()));
            days.add(OPENED.plusDays(fact.day()).minusDays(1));
        }
        days.add(OPENED.plusDays(400));
        for (LocalDate day : days) {
            ReadView view = app.bean(Reads.class).await(StaffingProjection.NAME, new ReadPosition(null, day, null));
            List<String> expected = answers(queries, view, presences.get(0), missions.get(0), day);
            assertThat(answers(queries, view, presences.get(1), missions.get(1), day))
                    .as("shuffled, on " + day)
                    .isEqualTo(expected);
            assertThat(answers(queries, view, presences.get(2), missions.get(2), day))
                    .as("newest first, on " + day)
                    .isEqualTo(expected);
        }
    }

    /** What the staffing reads say of the presence and its missions on the day, without its ids. */
    private static List<String> answers(
            StaffingQueries queries, ReadView view, String presenceId, List<String> missionIds, LocalDate day) {
        List<String> answers = new ArrayList<>();
        var found = queries.presence(view, presenceId, day);
        if (found.isEmpty()) {
            return List.of("no presence yet");
        }
        PresenceStaffingView presence = found.get().presence();
        answers.add("presence " + presence.headcount() + " counted " + presence.counted() + " wide "
                + presence.presenceWide() + " reported " + presence.reported());
        for (String missionId : missionIds) {
            MissionStaffingView mission =
                    queries.mission(view, missionId, day).map(m -> m.mission()).orElse(null);
            if (mission == null) {
                answers.add("no mission " + missionIds.indexOf(missionId));
                continue;
            }
            answers.add("mission " + mission.headcount() + " counted " + mission.counted() + " reported "
                    + mission.reported());
        }
        return answers;
    }

    @Provide
    Arbitrary<List<Fact>> histories() {
        Arbitrary<Fact> fact = Combinators.combine(
                        Arbitraries.of(true, false),
                        Arbitraries.integers().between(-1, 1),
                        Arbitraries.of(StaffCategory.DIPLOMATIC, StaffCategory.SERVICE, StaffCategory.UNSPECIFIED),
                        Arbitraries.integers().between(-6, 12),
                        Arbitraries.integers().between(0, 365))
                .as((count, mission, category, figure, day) ->
                        new Fact(count, mission, category, count ? Math.abs(figure) : figure, day));
        // one fact a day: facts of the same day fold in recording order, which is the one thing an order may change
        return fact.list().uniqueElements(Fact::day).ofMinSize(2).ofMaxSize(30);
    }

    private static CountryCode[] freshPair(LedgerApp app) {
        while (true) {
            int k = LedgerApp.unique();
            String sending = CODES.get(k % CODES.size());
            String receiving = CODES.get((k + 1 + k / CODES.size()) % CODES.size());
            if (!sending.equals(receiving)
                    && app.events(sending + "-" + receiving).isEmpty()) {
                return new CountryCode[] {CountryCode.of(sending), CountryCode.of(receiving)};
            }
        }
    }
}
