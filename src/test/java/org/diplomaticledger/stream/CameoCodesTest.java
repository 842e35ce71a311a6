package org.diplomaticledger.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.diplomaticledger.presence.api.AmbassadorRecalled;
import org.diplomaticledger.presence.api.DiplomatExpelled;
import org.diplomaticledger.presence.api.MissionClosed;
import org.diplomaticledger.presence.api.MissionOpened;
import org.diplomaticledger.presence.api.StaffCeilingImposed;
import org.diplomaticledger.relations.api.RelationsLevelChanged;
import org.diplomaticledger.shared.EventJson;
import org.diplomaticledger.talks.api.TalksConcluded;
import org.diplomaticledger.talks.api.TalksHeld;
import org.diplomaticledger.talks.api.TalksScheduled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 18, point 5: the CAMEO code the stream gives each event, case by case, agrees with the CAMEO codebook
 * (v1.1b3) and with the table in docs/events.md ("CAMEO codes"), which this test also reads.
 */
class CameoCodesTest {

    /** One case: an event (as stored JSON), the code it must carry (null: none), and why. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("expulsion of named staff", DiplomatExpelled.class, """
                        {"presenceId":"RU-US","expulsionId":"x","declaredBy":"US","sendingState":"RU","persons":[{"personId":"p"}],
                         "effectiveDate":"2021-04-15","source":{"text":"s"}}""", "174"),
                Arguments.of(
                        "receiving state withdraws consent: 166 expel or withdraw", MissionClosed.class, """
                        {"presenceId":"US-RU","missionId":"US-RU-CONSULATE-GENERAL-YEKATERINBURG","reason":"CONSENT_WITHDRAWN",
                         "decidedBy":"RU","effectiveDate":"2021-04-23","source":{"text":"s"}}""", "166"),
                Arguments.of("receiving state closes it when relations are severed", MissionClosed.class, """
                        {"presenceId":"DJ-ER","missionId":"DJ-ER-EMBASSY-ASMARA","reason":"RELATIONS_SEVERED","decidedBy":"ER",
                         "effectiveDate":"2008-06-12","source":{"text":"s"}}""", "166"),
                Arguments.of(
                        "sending state closes its own post: no act against the host", MissionClosed.class, """
                        {"presenceId":"US-RU","missionId":"US-RU-CONSULATE-GENERAL-VLADIVOSTOK","reason":"DECISION_OF_SENDING_STATE",
                         "decidedBy":"US","effectiveDate":"2020-12-21","source":{"text":"s"}}""", null),
                Arguments.of("sending state breaks relations and leaves", MissionClosed.class, """
                        {"presenceId":"DJ-ER","missionId":"DJ-ER-EMBASSY-ASMARA","reason":"RELATIONS_SEVERED","decidedBy":"DJ",
                         "effectiveDate":"2008-06-12","source":{"text":"s"}}""", null),
                Arguments.of("closure nobody is said to have decided", MissionClosed.class, """
                        {"presenceId":"US-RU","missionId":"US-RU-CONSULATE-GENERAL-VLADIVOSTOK","reason":"OTHER",
                         "effectiveDate":"2020-12-21","source":{"text":"s"}}""", null),
                Arguments.of("recall for consultations", AmbassadorRecalled.class, """
                        {"presenceId":"RU-US","missionId":"RU-US-EMBASSY-WASHINGTON","personId":"anatoly-antonov",
                         "kind":"FOR_CONSULTATIONS","effectiveDate":"2021-03-17","source":{"text":"s"}}""", null),
                Arguments.of("recall for good", AmbassadorRecalled.class, """
                        {"presenceId":"RU-US","missionId":"RU-US-EMBASSY-WASHINGTON","personId":"anatoly-antonov",
                         "kind":"FOR_GOOD","effectiveDate":"2021-03-17","source":{"text":"s"}}""", null),
                Arguments.of("staff ceiling", StaffCeilingImposed.class, """
                        {"presenceId":"US-RU","ceilingId":"c","imposedBy":"RU","limit":455,"effectiveDate":"2017-07-28",
                         "source":{"text":"s"}}""", "172"),
                Arguments.of("relations reduced", RelationsLevelChanged.class, """
                        {"relationsId":"RELATIONS-RU-US","stateA":"RU","stateB":"US","level":"DOWNGRADED","previousLevel":"FULL",
                         "protectingPowers":[],"effectiveDate":"2021-04-22","source":{"text":"s"},"cameoCode":161}""", "161"),
                Arguments.of("relations restored", RelationsLevelChanged.class, """
                        {"relationsId":"RELATIONS-RU-US","stateA":"RU","stateB":"US","level":"RESTORED","previousLevel":"DOWNGRADED",
                         "protectingPowers":[],"effectiveDate":"2021-06-24","source":{"text":"s"}}""", null),
                Arguments.of("talks scheduled", TalksScheduled.class, """
                        {"talksId":"t","parties":["RU","US"],"venue":{"city":"Istanbul","country":"TR"},"date":"2025-04-10",
                         "thirdLocation":true,"effectiveDate":"2025-04-08","source":{"text":"s"}}""", "036"),
                Arguments.of("talks held at a third location", TalksHeld.class, """
                        {"talksId":"t","parties":["RU","US"],"heldOn":"2025-04-10","venue":{"city":"Istanbul","country":"TR"},
                         "thirdLocation":true,"effectiveDate":"2025-04-10","source":{"text":"s"}}""", "044"),
                Arguments.of("talks hosted by a party", TalksHeld.class, """
                        {"talksId":"t","parties":["RU","US"],"heldOn":"2025-02-18","venue":{"city":"Moscow","country":"RU"},
                         "thirdLocation":false,"effectiveDate":"2025-02-18","source":{"text":"s"}}""", "043"),
                Arguments.of("talks concluded", TalksConcluded.class, """
                        {"talksId":"t","parties":["RU","US"],"outcome":"CONTINUED","effectiveDate":"2025-04-10",
                         "source":{"text":"s"}}""", "046"),
                Arguments.of("mission opened", MissionOpened.class, """
                        {"presenceId":"RU-US","missionId":"RU-US-EMBASSY-WASHINGTON","sendingState":"RU","receivingState":"US",
                         "kind":"EMBASSY","city":"Washington","effectiveDate":"1992-01-01","source":{"text":"s"}}""", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theStreamGivesTheCodebooksCode(String name, Class<?> type, String json, String code) throws Exception {
        Object event = EventJson.mapper().readValue(json, type);
        assertThat(LedgerCloudEvents.cameoCode(event)).as(name).isEqualTo(code);
    }

    /** The codes each event type can carry, by these cases and by the table of docs/events.md, agree. */
    @Test
    void theCasesAndTheTableOfEventsMdAgree() throws Exception {
        Map<String, Set<String>> byCases = new TreeMap<>();
        cases().forEach(arguments -> {
            Object[] a = arguments.get();
            Set<String> codes = byCases.computeIfAbsent(((Class<?>) a[1]).getSimpleName(), k -> new TreeSet<>());
            if (a[3] != null) {
                codes.add((String) a[3]);
            }
        });
        byCases.values().removeIf(Set::isEmpty);

        Map<String, Set<String>> byTable = new TreeMap<>();
        List<String> lines = Files.readAllLines(Path.of("docs/events.md"), StandardCharsets.UTF_8);
        boolean inTable = false;
        List<String> rows = new ArrayList<>();
        for (String line : lines) {
            if (line.contains("<!-- cameo-table -->")) {
                inTable = true;
            } else if (inTable && line.startsWith("|")) {
                rows.add(line);
            } else if (inTable && !rows.isEmpty()) {
                break;
            }
        }
        for (String row : rows.subList(2, rows.size())) {
            String[] cells = row.split("\\|");
            byTable.computeIfAbsent(cells[1].trim().replace("`", ""), k -> new TreeSet<>())
                    .add(cells[2].trim());
        }
        assertThat(byTable).isEqualTo(byCases);
        assertThat(String.join("\n", lines)).contains("`AmbassadorRecalled` carries **no** code");
    }
}
