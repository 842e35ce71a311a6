package org.diplomaticledger.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.diplomaticledger.presence.api.StaffCategory;
import org.diplomaticledger.presence.api.StaffCountReported;
import org.diplomaticledger.presence.projection.StaffingProjection;
import org.diplomaticledger.presence.projection.StaffingQueries;
import org.diplomaticledger.shared.Provenance;
import org.diplomaticledger.support.LedgerApp;
import org.junit.jupiter.api.Test;

/**
 * Events stored with dates no command accepts any more (older data) still project: the projector places them on
 * the first or last day a SQL date holds instead of stopping on them, and a fact dated after them still folds.
 */
class ExtremeStoredDatesTest {

    @Test
    void eventsDatedBeyondWhatADateColumnHoldsStillProject() {
        LedgerApp app = LedgerApp.get();
        String presence = "TV-NR";
        append(
                app,
                presence,
                0,
                new StaffCountReported(presence, null, StaffCategory.UNSPECIFIED, 7, LocalDate.MIN, source()));
        append(
                app,
                presence,
                1,
                new StaffCountReported(presence, null, StaffCategory.UNSPECIFIED, 9, LocalDate.MAX, source()));
        append(
                app,
                presence,
                2,
                new StaffCountReported(
                        presence, null, StaffCategory.UNSPECIFIED, 8, LocalDate.of(-999_999_999, 6, 1), source()));
        append(
                app,
                presence,
                3,
                new StaffCountReported(
                        presence, null, StaffCategory.UNSPECIFIED, 5, LocalDate.of(2000, 1, 1), source()));

        app.awaitProjection(StaffingProjection.NAME);

        assertThat(headcount(app, presence, LocalDate.of(1650, 1, 1)))
                .as("the two facts before any SQL date, in recorded order on its first day")
                .isEqualTo(8);
        assertThat(headcount(app, presence, LocalDate.of(2001, 1, 1))).isEqualTo(5);
        assertThat(headcount(app, presence, LocalDate.of(9999, 12, 31)))
                .as("the fact after any SQL date, on its last day")
                .isEqualTo(9);
    }

    private static int headcount(LedgerApp app, String presence, LocalDate day) {
        ReadView view = app.bean(Reads.class).await(StaffingProjection.NAME, new ReadPosition(null, day, null));
        return app.bean(StaffingQueries.class)
                .presence(view, presence, day)
                .orElseThrow()
                .presence()
                .headcount()
                .total();
    }

    private static Provenance source() {
        return new Provenance("older data", null);
    }

    private static void append(LedgerApp app, String aggregate, long sequence, Object payload) {
        DefaultUnitOfWork.startAndGet(null)
                .execute(() -> app.bean(EventStore.class)
                        .publish(new GenericDomainEventMessage<>("Presence", aggregate, sequence, payload)));
    }
}
