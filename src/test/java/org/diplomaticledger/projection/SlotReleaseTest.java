package org.diplomaticledger.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.diplomaticledger.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * After a rebuild switches, the slot queries read until then is emptied in the background, in batches, and its
 * status says how far that went; the next rebuild writes into the emptied slot and equals the live one. When the
 * ledger stops, a rebuild waiting for that clear ends, and the next rebuild empties the slot itself.
 */
class SlotReleaseTest extends LedgerIntegrationTest {

    @Autowired
    ProjectionRebuilder rebuilder;

    @Autowired
    ProjectionPositions positions;

    @Autowired
    ProjectionHandlers handlers;

    private long rows(Slot slot) {
        long rows = 0;
        for (String table : handlers.get("talks").projection().tables()) {
            rows += jdbc.queryForObject(
                    "SELECT COUNT(*) FROM " + table + " WHERE slot IN (?, ?)",
                    Long.class,
                    slot.code(),
                    slot.headCode());
        }
        return rows;
    }

    @Test
    void theSlotASwitchReleasesIsClearedInTheBackgroundAndTheNextRebuildFillsIt() throws Exception {
        for (int i = 0; i < 12; i++) {
            String id = "release-" + i;
            ledger.accepted("ScheduleTalks", """
                    {"talksId": "%s", "parties": ["UY", "PY"], "venue": {"city": "Asuncion", "country": "PY"},
                     "date": "2024-03-01", "scope": "river navigation", "format": "OFFICIALS", "source": "x"}""".formatted(id));
            ledger.accepted("RecordTalksHeld", """
                    {"talksId": "%s", "source": "x"}""".formatted(id));
        }
        assertThat(positions.await("talks", positions.head(), Duration.ofSeconds(30)))
                .isTrue();
        Slot before = handlers.activeSlot("talks");
        long liveRows = rows(before);
        assertThat(liveRows).isGreaterThanOrEqualTo(36);

        rebuilder.start("talks");
        RebuildStatus first = rebuilder.await("talks", Duration.ofMinutes(2)).orElseThrow();
        assertThat(first.state()).as(String.valueOf(first)).isEqualTo(RebuildStatus.State.SWITCHED);
        assertThat(first.step()).isEqualTo(RebuildStatus.Step.ENDED);
        assertThat(first.into()).isEqualTo(before.other());
        assertThat(first.released().slot()).isEqualTo(before);

        await().atMost(Duration.ofSeconds(60))
                .until(() -> rebuilder.status("talks").orElseThrow().released().cleared());
        RebuildStatus cleared = rebuilder.status("talks").orElseThrow();
        assertThat(rows(before)).isZero();
        assertThat(cleared.released().rowsDeleted()).isGreaterThanOrEqualTo(liveRows);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM projection_partition WHERE projection = 'talks' AND slot = ?",
                        Long.class,
                        before.headCode()))
                .isZero();
        assertThat(ledger.get("analyst", "/api/v1/talks/release-3")
                        .json()
                        .path("talks")
                        .path("status")
                        .asText())
                .isEqualTo("HELD");

        rebuilder.start("talks");
        RebuildStatus second = rebuilder.await("talks", Duration.ofMinutes(2)).orElseThrow();
        assertThat(second.state()).as(String.valueOf(second)).isEqualTo(RebuildStatus.State.SWITCHED);
        assertThat(second.into()).isEqualTo(before);
        assertThat(second.identical()).as(String.valueOf(second.tables())).isTrue();
        assertThat(rows(before)).isGreaterThanOrEqualTo(liveRows);
    }

    @Test
    void aRebuildWaitingForTheReleasedSlotEndsWhenTheLedgerStopsAndTheNextOneEmptiesTheSlot() throws Exception {
        for (int i = 0; i < 5; i++) {
            String id = "stop-" + i;
            ledger.accepted("ScheduleTalks", """
                    {"talksId": "%s", "parties": ["AR", "CL"], "venue": {"city": "Santiago", "country": "CL"},
                     "date": "2024-04-02", "scope": "border passes", "format": "OFFICIALS", "source": "x"}""".formatted(id));
        }
        assertThat(positions.await("talks", positions.head(), Duration.ofSeconds(30)))
                .isTrue();
        Slot before = handlers.activeSlot("talks");
        rebuilder.start("talks");
        assertThat(rebuilder.await("talks", Duration.ofMinutes(2)).orElseThrow().state())
                .isEqualTo(RebuildStatus.State.SWITCHED);

        // The next rebuild writes into the slot just released, so it waits out the grace and the clear; the ledger
        // stops meanwhile (as its context closes), which drops the clear and ends the rebuild.
        assertThat(rebuilder.start("talks").into()).isEqualTo(before);
        rebuilder.stop();
        RebuildStatus stopped = rebuilder.await("talks", Duration.ofMinutes(1)).orElseThrow();
        assertThat(stopped.state()).as(String.valueOf(stopped)).isEqualTo(RebuildStatus.State.FAILED);
        assertThat(stopped.error()).contains("the ledger is stopping");
        assertThat(stopped.released()).isEqualTo(new RebuildStatus.SlotRelease(before, 0, false));
        assertThat(handlers.activeSlot("talks")).isEqualTo(before.other());
        assertThat(rows(before)).isPositive();
        assertThat(rebuilder.start("talks").state()).isEqualTo(RebuildStatus.State.FAILED);

        rebuilder.start();
        rebuilder.start("talks");
        RebuildStatus next = rebuilder.await("talks", Duration.ofMinutes(2)).orElseThrow();
        assertThat(next.state()).as(String.valueOf(next)).isEqualTo(RebuildStatus.State.SWITCHED);
        assertThat(next.into()).isEqualTo(before);
        assertThat(next.identical()).as(String.valueOf(next.tables())).isTrue();
        assertThat(ledger.get("analyst", "/api/v1/talks/stop-3")
                        .json()
                        .path("talks")
                        .path("status")
                        .asText())
                .isEqualTo("SCHEDULED");
    }
}
