package org.diplomaticledger.presence.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.diplomaticledger.presence.api.MissionKind;
import org.diplomaticledger.presence.api.OpenMission;
import org.diplomaticledger.presence.api.RecordStaffCount;
import org.diplomaticledger.presence.api.StaffCategory;
import org.diplomaticledger.presence.projection.StaffingQueries.PresenceFilter;
import org.diplomaticledger.presence.projection.StaffingViews.PresenceStaffingView;
import org.diplomaticledger.projection.Page;
import org.diplomaticledger.projection.PageQuery;
import org.diplomaticledger.projection.ReadPosition;
import org.diplomaticledger.projection.ReadView;
import org.diplomaticledger.projection.Reads;
import org.diplomaticledger.projection.TimePoint;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.Provenance;
import org.diplomaticledger.support.LedgerApp;
import org.junit.jupiter.api.Test;

/**
 * The list of presences read one probe per presence answers what a read of every version of the slot answers: the
 * same presences, counts, order and pages, for every filter, order, page and point (day and {@code knownAt}); and each
 * presence of a list is what reading that presence alone answers.
 */
class PresenceListTest {

    private static final Provenance SOURCE = new Provenance("presence list test", null);
    private static final List<String> CODES = List.of("KI", "NR", "TV", "WS", "TO");
    private static final LocalDate DAY = LocalDate.of(2019, 3, 1);

    @Test
    void probingEachPresenceAnswersAsReadingEveryVersion() {
        LedgerApp app = LedgerApp.get();
        Random random = new Random(7);
        List<String> created = new ArrayList<>();
        Instant between = null;
        for (int s = 0; s < CODES.size(); s++) {
            for (int r = 0; r < CODES.size(); r++) {
                if (s == r
                        || (s + r) % 4 == 0
                        || !app.events(CODES.get(s) + "-" + CODES.get(r)).isEmpty()) {
                    continue;
                }
                CountryCode sending = CountryCode.of(CODES.get(s));
                CountryCode receiving = CountryCode.of(CODES.get(r));
                LocalDate opened = DAY.plusDays(40L * created.size());
                app.send(new OpenMission(
                        sending, receiving, MissionKind.EMBASSY, "Capital", null, null, opened, SOURCE));
                for (int i = 0; i < 4; i++) {
                    app.send(new RecordStaffCount(
                            sending,
                            receiving,
                            null,
                            StaffCategory.DIPLOMATIC,
                            random.nextInt(30),
                            opened.plusDays(random.nextInt(600)),
                            SOURCE));
                }
                created.add(sending.value() + "-" + receiving.value());
                if (created.size() == 6) {
                    between = Instant.now();
                }
            }
        }
        app.awaitProjection(StaffingProjection.NAME);
        assertThat(created).as("presences written by this test").hasSizeGreaterThan(6);

        StaffingQueries queries = app.bean(StaffingQueries.class);
        ReadView now = app.bean(Reads.class).await(StaffingProjection.NAME, ReadPosition.any());
        List<TimePoint> points = List.of(
                now.point(),
                new TimePoint(DAY.minusDays(1), Instant.now()),
                new TimePoint(DAY.plusDays(100), Instant.now()),
                new TimePoint(DAY.plusDays(700), Instant.now()),
                new TimePoint(DAY.plusDays(700), between),
                new TimePoint(LocalDate.now(), between));
        List<PresenceFilter> filters = new ArrayList<>(List.of(new PresenceFilter(null, null, null)));
        for (String code : CODES) {
            CountryCode state = CountryCode.of(code);
            filters.add(new PresenceFilter(state, null, null));
            filters.add(new PresenceFilter(null, state, null));
            filters.add(new PresenceFilter(null, null, state));
        }
        filters.add(new PresenceFilter(CountryCode.of("KI"), CountryCode.of("NR"), null));
        List<String> orders = List.of(
                "presence_id",
                "headcount DESC NULLS LAST, presence_id",
                "receiving_state ASC NULLS FIRST, headcount ASC NULLS FIRST, presence_id");
        int compared = 0;
        for (TimePoint point : points) {
            ReadView view = new ReadView(now.projection(), now.slot(), now.position(), point);
            for (PresenceFilter filter : filters) {
                for (String order : orders) {
                    for (int page = 0; page < 3; page++) {
                        PageQuery query = new PageQuery(page, 3, order);
                        Page<PresenceStaffingView> probed =
                                queries.presences(view, filter, query, point.asOf(), Integer.MAX_VALUE);
                        Page<PresenceStaffingView> scanned = queries.presences(view, filter, query, point.asOf(), 0);
                        assertThat(probed)
                                .as("%s %s %s page %d", point, filter, order, page)
                                .isEqualTo(scanned);
                        compared += probed.items().size();
                    }
                }
            }
        }
        assertThat(compared).as("presences compared").isGreaterThan(200);
        // each presence of a list (its counted staff read bucket by bucket for all of them) is what reading it alone
        // says
        int checked = 0;
        for (TimePoint point : points) {
            ReadView view = new ReadView(now.projection(), now.slot(), now.position(), point);
            List<PresenceStaffingView> listed = queries.presences(
                            view,
                            new PresenceFilter(null, null, null),
                            new PageQuery(0, 1000, "presence_id"),
                            point.asOf())
                    .items();
            checked += listed.size();
            for (PresenceStaffingView item : listed) {
                assertThat(item)
                        .as("%s at %s", item.presenceId(), point)
                        .isEqualTo(queries.presence(view, item.presenceId(), point.asOf())
                                .orElseThrow()
                                .presence());
            }
        }
        assertThat(checked)
                .as("listed presences checked against their own reads")
                .isGreaterThan(2 * created.size());
        // the list found this test's presences, and only from the day each was opened
        ReadView late = new ReadView(
                now.projection(), now.slot(), now.position(), new TimePoint(DAY.plusDays(700), Instant.now()));
        Page<PresenceStaffingView> ki = queries.presences(
                late,
                new PresenceFilter(null, null, CountryCode.of("KI")),
                new PageQuery(0, 50, "presence_id"),
                DAY.plusDays(700));
        assertThat(ki.items())
                .extracting(PresenceStaffingView::presenceId)
                .containsAll(created.stream().filter(id -> id.contains("KI")).toList());
        ReadView early = new ReadView(
                now.projection(), now.slot(), now.position(), new TimePoint(DAY.plusDays(50), Instant.now()));
        assertThat(queries.presences(
                                early,
                                new PresenceFilter(null, null, null),
                                new PageQuery(0, 1000, "presence_id"),
                                DAY.plusDays(50))
                        .items())
                .extracting(PresenceStaffingView::presenceId)
                .contains(created.get(0), created.get(1))
                .doesNotContain(created.get(2), created.get(created.size() - 1));
    }
}
