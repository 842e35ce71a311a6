package org.diplomaticledger.talks.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.diplomaticledger.projection.ReadPosition;
import org.diplomaticledger.projection.ReadView;
import org.diplomaticledger.projection.Reads;
import org.diplomaticledger.projection.RebuildStatus;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.LedgerCommand;
import org.diplomaticledger.shared.Provenance;
import org.diplomaticledger.support.LedgerApp;
import org.diplomaticledger.talks.api.*;
import org.diplomaticledger.talks.projection.TalksViews.TalksDetail;

/**
 * Random valid and invalid command sequences go through the real ledger; the talks board must equal an
 * independent fold of the events the ledger stored, in effective order, also at a random point (asOf, knownAt), and a
 * rebuild must equal the live board.
 */
class TalksBoardPropertiesTest {

    private static final Provenance SOURCE = new Provenance("property test", null);
    private static final LocalDate DAY = LocalDate.of(2025, 1, 1);
    private static final List<CountryCode> STATES = List.of(
            CountryCode.of("RU"),
            CountryCode.of("US"),
            CountryCode.of("TR"),
            CountryCode.of("UA"),
            CountryCode.of("CN"));

    @Property(tries = 20)
    void theBoardEqualsAFoldOfTheStoredEvents(
            @ForAll("sequences") List<Function<String, LedgerCommand>> steps,
            @ForAll @IntRange(min = -1, max = 62) int asOfDay,
            @ForAll @IntRange(min = 0, max = 8) int knownAfter) {
        LedgerApp app = LedgerApp.get();
        String talksId = "prop-" + LedgerApp.unique();
        app.send(new ScheduleTalks(
                talksId,
                List.of(STATES.get(0), STATES.get(1)),
                new Venue("Istanbul", CountryCode.of("TR"), null),
                DAY,
                null,
                null,
                "embassy operations",
                List.of("security"),
                TalksFormat.DIPLOMATS_ONLY,
                DAY,
                SOURCE));
        for (Function<String, LedgerCommand> step : steps) {
            app.send(step.apply(talksId));
        }
        app.awaitProjection(TalksBoardProjection.NAME);

        Expected expected = fold(app.events(talksId));
        ReadView view = app.bean(Reads.class).await(TalksBoardProjection.NAME, ReadPosition.any());
        TalksDetail actual =
                app.bean(TalksBoardQueries.class).one(view, talksId).orElseThrow();

        assertThat(actual.talks().status()).isEqualTo(expected.status);
        assertThat(actual.talks().date()).isEqualTo(expected.date);
        assertThat(actual.talks().venue().city()).isEqualTo(expected.city);
        assertThat(actual.talks().heldOn()).isEqualTo(expected.heldOn);
        assertThat(actual.talks().outcome()).isEqualTo(expected.outcome);
        assertThat(actual.talks().cancelledBy()).isEqualTo(expected.cancelledBy);
        Map<String, String> heads = new LinkedHashMap<>();
        actual.talks().delegations().forEach(d -> heads.put(d.state(), d.headName()));
        assertThat(heads).isEqualTo(expected.heads);
        assertThat(actual.history().stream()
                        .map(TalksViews.StatusChange::status)
                        .toList())
                .isEqualTo(expected.history);

        // At a random point: the world on asOf as the ledger knew it once the first events were recorded.
        List<DomainEventMessage<?>> recorded = app.events(talksId);
        java.time.Instant knownAt =
                recorded.get(Math.min(knownAfter, recorded.size() - 1)).getTimestamp();
        LocalDate asOf = DAY.plusDays(asOfDay);
        Expected then = fold(recorded.stream()
                .filter(m -> !m.getTimestamp().isAfter(knownAt))
                .filter(m -> !((org.diplomaticledger.shared.LedgerEvent) m.getPayload())
                        .effectiveDate()
                        .isAfter(asOf))
                .toList());
        ReadView past = app.bean(Reads.class).await(TalksBoardProjection.NAME, new ReadPosition(null, asOf, knownAt));
        java.util.Optional<TalksDetail> board =
                app.bean(TalksBoardQueries.class).one(past, talksId);
        assertThat(board.map(b -> b.talks().status()).orElse(null))
                .as("status on " + asOf + " known at " + knownAt)
                .isEqualTo(then.status);
        board.ifPresent(b -> {
            assertThat(b.talks().date()).isEqualTo(then.date);
            assertThat(b.talks().heldOn()).isEqualTo(then.heldOn);
            assertThat(b.talks().outcome()).isEqualTo(then.outcome);
            Map<String, String> headsThen = new LinkedHashMap<>();
            b.talks().delegations().forEach(d -> headsThen.put(d.state(), d.headName()));
            assertThat(headsThen).isEqualTo(then.heads);
            assertThat(b.history().stream().map(TalksViews.StatusChange::status).toList())
                    .isEqualTo(then.history);
        });
    }

    @AfterContainer
    static void aRebuildEqualsTheLiveBoard() {
        RebuildStatus status = LedgerApp.get().rebuild(TalksBoardProjection.NAME);
        assertThat(status.state()).isEqualTo(RebuildStatus.State.SWITCHED);
        assertThat(status.identical()).as(String.valueOf(status.tables())).isTrue();
    }

    /** The expected board row, folded from the events by this test alone. */
    private static final class Expected {
        String status;
        LocalDate date;
        String city;
        LocalDate heldOn;
        String outcome;
        String cancelledBy;
        final Map<String, String> heads = new java.util.TreeMap<>();
        final List<String> history = new ArrayList<>();
    }

    /** The talks as the events tell them in effective order (ties in recorded order), as the ledger reads the world. */
    private static Expected fold(List<DomainEventMessage<?>> recorded) {
        List<DomainEventMessage<?>> events = LedgerApp.inEffectiveOrder(recorded);
        Expected e = new Expected();
        for (DomainEventMessage<?> message : events) {
            Object event = message.getPayload();
            if (event instanceof TalksScheduled s) {
                e.status = "SCHEDULED";
                e.date = s.date();
                e.city = s.venue().city();
                e.history.add(e.status);
            } else if (event instanceof DelegationNamed d) {
                e.heads.put(d.state().value(), d.head().name());
            } else if (event instanceof TalksRescheduled r) {
                e.status = "RESCHEDULED";
                e.date = r.date();
                e.city = r.venue().city();
                e.history.add(e.status);
            } else if (event instanceof TalksPostponed p) {
                e.status = "POSTPONED";
                if (p.newDate() != null) {
                    e.date = p.newDate();
                }
                e.history.add(e.status);
            } else if (event instanceof TalksCancelled c) {
                e.status = "CANCELLED";
                e.cancelledBy = c.cancelledBy() == null ? null : c.cancelledBy().value();
                e.history.add(e.status);
            } else if (event instanceof TalksHeld h) {
                if (!"CONCLUDED".equals(e.status)) {
                    e.status = "HELD";
                }
                e.heldOn = h.heldOn();
                e.city = h.venue().city();
                e.history.add("HELD");
            } else if (event instanceof TalksConcluded c) {
                e.status = "CONCLUDED";
                e.outcome = c.outcome().name();
                e.history.add(e.status);
            }
        }
        return e;
    }

    @Provide
    Arbitrary<List<Function<String, LedgerCommand>>> sequences() {
        Arbitrary<Integer> days = Arbitraries.integers().between(0, 60);
        Arbitrary<CountryCode> states = Arbitraries.of(STATES);
        Arbitrary<Function<String, LedgerCommand>> delegation = Combinators.combine(
                        states,
                        Arbitraries.of(true, false),
                        Arbitraries.of("Alexander Darchiev", "Sonata Coulter", "A negotiator"))
                .as((state, diplomat, name) -> id -> new NameDelegation(
                        id, state, new DelegationMember(name, null, diplomat, null), List.of(), DAY, SOURCE));
        Arbitrary<Function<String, LedgerCommand>> reschedule = Combinators.combine(
                        days, Arbitraries.of("Istanbul", "Riyadh"))
                .as((d, city) -> id -> new RescheduleTalks(
                        id,
                        DAY.plusDays(d),
                        null,
                        new Venue(city, CountryCode.of(city.equals("Istanbul") ? "TR" : "SA"), null),
                        null,
                        DAY,
                        SOURCE));
        Arbitrary<Function<String, LedgerCommand>> postpone = days.injectNull(0.5)
                .map(d ->
                        id -> new PostponeTalks(id, "not ready", d == null ? null : DAY.plusDays(d + 1), DAY, SOURCE));
        Arbitrary<Function<String, LedgerCommand>> cancel =
                states.injectNull(0.3).map(state -> id -> new CancelTalks(id, "called off", state, DAY, SOURCE));
        Arbitrary<Function<String, LedgerCommand>> held =
                days.map(d -> id -> new RecordTalksHeld(id, null, null, null, DAY.plusDays(d), SOURCE));
        Arbitrary<Function<String, LedgerCommand>> conclude = Arbitraries.of(TalksOutcome.class)
                .map(outcome -> id -> new ConcludeTalks(id, outcome, "statement", List.of(), DAY, SOURCE));
        return Arbitraries.oneOf(delegation, reschedule, postpone, cancel, held, conclude)
                .list()
                .ofMaxSize(8);
    }
}
