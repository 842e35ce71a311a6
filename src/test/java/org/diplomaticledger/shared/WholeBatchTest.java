package org.diplomaticledger.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What a batch judged as a whole keeps of a command refused and tried again later: nothing. */
class WholeBatchTest {

    private static final RuleViolation BROKEN = new RuleViolation("mission-already-open", "broken at the end");

    @Test
    void aWithdrawnCommandLeavesNoCheckBehind() {
        try (WholeBatch batch = WholeBatch.open()) {
            WholeBatch.at(1, 0, "OpenMission");
            assertThat(WholeBatch.defer("mission-a", "before line 1", baseline -> null))
                    .isTrue();
            WholeBatch.at(2, 1, "CloseMission");
            WholeBatch.defer("mission-b", "before line 2", baseline -> BROKEN);
            WholeBatch.withdraw();
            assertThat(batch.waiting()).containsExactly("mission-a");
            batch.verify();
        }
    }

    @Test
    void aWithdrawnCommandPointsAChecksJudgeBackAtTheStateBefore() {
        try (WholeBatch batch = WholeBatch.open()) {
            WholeBatch.at(1, 0, "OpenMission");
            WholeBatch.defer("mission-a", "before line 1", baseline -> null);
            WholeBatch.at(2, 1, "CloseMission");
            WholeBatch.refresh("mission-a", baseline -> BROKEN);
            WholeBatch.defer("mission-a", "before line 2", baseline -> BROKEN);
            WholeBatch.withdraw();
            batch.verify();

            // Accepted when tried again, the command's judge stays; the check still names the line that deferred it.
            WholeBatch.at(2, 0, "CloseMission");
            WholeBatch.refresh("mission-a", baseline -> baseline.equals("before line 1") ? BROKEN : null);
            assertThatThrownBy(batch::verify)
                    .isInstanceOfSatisfying(
                            WholeBatch.Refused.class,
                            refused -> assertThat(refused.where().line()).isEqualTo(1));
        }
    }

    @Test
    void workPutOffToTheEndRunsOnceAsTheCommandThatAskedForItAndAWithdrawnOneNot() {
        java.util.List<String> done = new java.util.ArrayList<>();
        try (WholeBatch batch = WholeBatch.open()) {
            WholeBatch.at(1, 0, "OpenMission");
            assertThat(WholeBatch.atTheEnd("mission-a", () -> done.add("a"))).isTrue();
            WholeBatch.at(2, 1, "ResumeMission");
            WholeBatch.atTheEnd("mission-a", () -> done.add("a again"));
            WholeBatch.at(3, 2, "OpenMission");
            WholeBatch.atTheEnd("mission-b", () -> done.add("b"));
            WholeBatch.withdraw();
            WholeBatch.at(4, 3, "OpenMission");
            WholeBatch.atTheEnd("mission-c", () -> {
                throw BROKEN;
            });
            assertThat(batch.hasWorkAtTheEnd()).isTrue();

            assertThatThrownBy(batch::finish)
                    .isInstanceOfSatisfying(
                            WholeBatch.Refused.class,
                            refused -> assertThat(refused.where().line()).isEqualTo(4));
            assertThat(done).containsExactly("a");
        }
    }

    @Test
    void withoutABatchNothingWaits() {
        assertThat(WholeBatch.defer("mission-a", "baseline", baseline -> BROKEN))
                .isFalse();
        assertThat(WholeBatch.atTheEnd("mission-a", () -> {})).isFalse();
        WholeBatch.withdraw();
    }
}
