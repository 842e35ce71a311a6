package org.diplomaticledger.ledger.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.diplomaticledger.ledger.CommandCatalog;
import org.diplomaticledger.shared.AdminCommand;
import org.diplomaticledger.shared.LedgerCommand;
import org.diplomaticledger.support.LedgerClient.Response;
import org.diplomaticledger.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * Issue 12's poison clause: every extreme date, sent to every date field of every command (and of a correction) and
 * to every date parameter of every read, is refused with 400 naming the field or parameter, and nothing is written.
 */
class ExtremeDatesHttpTest extends LedgerIntegrationTest {

    static final List<String> EXTREMES = List.of(
            "-999999999-01-01",
            "+999999999-12-31",
            "0001-01-01",
            "+10000-01-01",
            "10000-01-01",
            "1647-12-31",
            "9999-12-31");

    private final ObjectMapper json = new ObjectMapper();

    private Map<String, ObjectNode> examples() throws IOException {
        Map<String, ObjectNode> examples = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("src/main/resources/openapi/command-examples.ndjson"))) {
            if (!line.isBlank()) {
                JsonNode node = json.readTree(line);
                examples.put(node.path("command").asText(), (ObjectNode) node.path("payload"));
            }
        }
        return examples;
    }

    @Test
    void everyDateFieldOfEveryCommandRefusesEveryExtremeDate() throws IOException {
        Map<String, ObjectNode> examples = examples();
        long before = eventCount();
        List<String> wrong = new ArrayList<>();
        int sent = 0;
        for (Map.Entry<String, Class<? extends LedgerCommand>> command :
                new CommandCatalog().all().entrySet()) {
            ObjectNode example = examples.getOrDefault(
                    command.getKey(), json.createObjectNode().put("source", "x"));
            for (RecordComponent component : command.getValue().getRecordComponents()) {
                if (component.getType() != LocalDate.class) {
                    continue;
                }
                for (String extreme : EXTREMES) {
                    ObjectNode payload = example.deepCopy();
                    payload.put(component.getName(), extreme);
                    // The register of states is ADMIN's (RegisterState, SeedStates); every other command a clerk's.
                    String user = AdminCommand.class.isAssignableFrom(command.getValue()) ? "admin" : "clerk";
                    Response response = ledger.command(user, command.getKey(), payload.toString());
                    sent++;
                    if (response.status() != 400
                            || !component
                                    .getName()
                                    .equals(response.json().path("field").asText())) {
                        wrong.add(command.getKey() + "." + component.getName() + " = " + extreme + ": " + response);
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(sent).isGreaterThan(30 * EXTREMES.size());
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void aCorrectionCannotMoveAnEventOutOfTheLedgersTime() {
        JsonNode opened = ledger.accepted("OpenMission", """
                {"sendingState": "SK", "receivingState": "HU", "kind": "EMBASSY", "city": "Budapest",
                 "effectiveDate": "1993-01-01", "source": "Slovak MFA"}""");
        String eventId = opened.path("events").get(0).path("eventId").asText();
        long before = eventCount();
        for (String extreme : EXTREMES) {
            Response response = ledger.command("clerk", "CorrectEntry", """
                    {"eventId": "%s", "corrections": {"effectiveDate": "%s"}, "reason": "typo", "source": "x"}""".formatted(eventId, extreme));
            assertThat(response.status()).as(extreme + ": " + response).isEqualTo(400);
            assertThat(response.json().path("field").asText())
                    .as(response.toString())
                    .isEqualTo("corrections.effectiveDate");
        }
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void everyDateParameterOfEveryReadRefusesEveryExtremeDate() throws IOException {
        JsonNode docs = json.readTree(ledger.get(null, "/v3/api-docs").body());
        List<String> wrong = new ArrayList<>();
        int sent = 0;
        Iterator<Map.Entry<String, JsonNode>> paths = docs.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> entry = paths.next();
            JsonNode get = entry.getValue().path("get");
            if (get.isMissingNode() || entry.getKey().equals("/api/v1/stream")) {
                continue;
            }
            String path = entry.getKey().replaceAll("\\{[^}]+}", "no-such-thing");
            String user = path.contains("/history") || path.contains("/audit")
                    ? "auditor"
                    : path.equals("/api/v1/events") ? "integrator" : "analyst";
            for (JsonNode parameter : get.path("parameters")) {
                String name = parameter.path("name").asText();
                boolean date = "date"
                                .equals(parameter.path("schema").path("format").asText())
                        || Set.of("asOf", "knownAt", "on").contains(name)
                        || path.equals("/api/v1/events") && Set.of("from", "to").contains(name);
                if (!"query".equals(parameter.path("in").asText()) || !date) {
                    continue;
                }
                for (String extreme : EXTREMES) {
                    Response response = ledger.get(
                            user, path + "?" + name + "=" + URLEncoder.encode(extreme, StandardCharsets.UTF_8));
                    sent++;
                    if (response.status() != 400
                            || !name.equals(response.json().path("parameter").asText())) {
                        wrong.add("GET " + path + "?" + name + "=" + extreme + ": " + response);
                    }
                }
            }
        }
        for (String[] query : new String[][] {
            {"/api/v1/trends/headcount?sending=RU&receiving=US&from=", "from"},
            {"/api/v1/trends/headcount?sending=RU&receiving=US&to=", "to"},
            {"/api/v1/trends/open-missions?state=RU&from=", "from"},
            {"/api/v1/trends/open-missions?state=RU&to=", "to"}
        }) {
            for (String extreme : new String[] {"0001", "10000", "1647", "+999999999", "-999999999"}) {
                String value = query[0].contains("headcount") ? extreme + "-01" : extreme;
                Response response = ledger.get("analyst", query[0] + URLEncoder.encode(value, StandardCharsets.UTF_8));
                sent++;
                if (response.status() != 400
                        || !query[1].equals(response.json().path("parameter").asText())) {
                    wrong.add("GET " + query[0] + value + ": " + response);
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(sent).isGreaterThan(100);
    }
}
