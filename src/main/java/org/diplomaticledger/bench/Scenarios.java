package org.diplomaticledger.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Every scenario, in the order a run measures them: R3 first, because it reads the seeded ledger while it is still
 * small; BUILD once the seed is complete; R1 and W1 write on presences of their own; R2 then rebuilds everything the
 * ledger holds; R4 measures the heap after those rebuilds; W2 and W3 write last, so that R2 and R4's heap figures
 * are about the seeded ledger (R4's disk figure counts every event, taken once the ledger has stopped); W4 last, so
 * that its 200 streams disturb no other scenario; F1 (PostgreSQL only) after everything, since it starts a second node
 * and kills it.
 */
final class Scenarios {

    static final List<Supplier<Scenario>> ALL = List.of(
            AsOfReadsScenario::new,
            BuildScenario::new,
            BackfillScenario::new,
            SingleCommandsScenario::new,
            RebuildScenario::new,
            FootprintScenario::new,
            LargeImportScenario::new,
            LagUnderLoadScenario::new,
            FanOutScenario::new,
            FailoverScenario::new);

    private Scenarios() {}

    static List<String> names() {
        return ALL.stream().map(scenario -> scenario.get().name()).toList();
    }

    /** The scenarios named (all when none is), in run order; an unknown name is an error naming the known ones. */
    static List<Scenario> select(List<String> only) {
        List<String> wanted = only == null
                ? List.of()
                : only.stream()
                        .map(name -> name.trim().toUpperCase(Locale.ROOT))
                        .filter(name -> !name.isEmpty())
                        .toList();
        for (String name : wanted) {
            if (!names().contains(name)) {
                throw new IllegalArgumentException(
                        "--only: no scenario " + name + "; scenarios: " + String.join(", ", names()));
            }
        }
        List<Scenario> selected = new ArrayList<>();
        for (Supplier<Scenario> supplier : ALL) {
            Scenario scenario = supplier.get();
            if (wanted.isEmpty() || wanted.contains(scenario.name())) {
                selected.add(scenario);
            }
        }
        return selected;
    }
}
