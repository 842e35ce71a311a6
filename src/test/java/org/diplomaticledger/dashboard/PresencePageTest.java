package org.diplomaticledger.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.diplomaticledger.presence.projection.HeadsOfMissionViews.CurrentHead;
import org.diplomaticledger.presence.projection.HeadsOfMissionViews.MissionHeadView;
import org.diplomaticledger.presence.projection.HeadsOfMissionViews.Post;
import org.junit.jupiter.api.Test;

/** What the presence page says of each mission's post now: headed, vacant or closed (issue 20). */
class PresencePageTest {

    private static final CurrentHead HEAD =
            new CurrentHead("awa-ouedraogo", "Awa Ouedraogo", "AMBASSADOR", LocalDate.of(2013, 3, 15), "IN_OFFICE");
    private static final CurrentHead CHARGE = new CurrentHead(
            "dara-quinn", "Dara Quinn", "CHARGE_D_AFFAIRES_AD_INTERIM", LocalDate.of(2020, 1, 2), "ACTING");

    private static MissionHeadView post(String status, CurrentHead current, Post post) {
        return new MissionHeadView(
                "BF-TD-EMBASSY-NDJAMENA",
                "BF",
                "TD",
                "EMBASSY",
                "N'Djamena",
                null,
                null,
                status,
                LocalDate.of(2021, 6, 1),
                current,
                null,
                post,
                post == Post.VACANT,
                null,
                null,
                Instant.EPOCH,
                null);
    }

    @Test
    void aClosedMissionIsSaidClosedEvenWithTheHeadItHadAtTheClosure() {
        assertThat(PresencePage.now(post("CLOSED", HEAD, Post.CLOSED))).isEqualTo("closed since 2021-06-01");
        assertThat(PresencePage.now(post("CLOSED", null, Post.CLOSED))).isEqualTo("closed since 2021-06-01");
    }

    @Test
    void aVacantPostIsSaidVacantWithTheChargeActingInIt() {
        assertThat(PresencePage.now(post("OPEN", null, Post.VACANT))).isEqualTo("vacant");
        assertThat(PresencePage.now(post("OPEN", CHARGE, Post.VACANT))).isEqualTo("vacant; Dara Quinn (acting)");
    }

    @Test
    void aHeadedPostNamesItsHead() {
        assertThat(PresencePage.now(post("OPEN", HEAD, Post.HEADED))).isEqualTo("Awa Ouedraogo (in office)");
        assertThat(PresencePage.now(post("SUSPENDED", HEAD, Post.HEADED))).isEqualTo("Awa Ouedraogo (in office)");
    }
}
