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
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.diplomaticledger.ledger.CommandCatalog;
import org.diplomaticledger.shared.LedgerCommand;
import org.diplomaticledger.support.LedgerClient.Response;
import org.diplomaticledger.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * Issue 14's hostile-input suite: thousands of generated malformed requests (seeded, so a failure repeats) across
 * every command, imports and every read of /v3/api-docs. Whatever they hold, none answers 5xx, every error is
 * problem+json that names no exception, class, stack frame or SQL, and not one event is written.
 */
class HostileInputHttpTest extends LedgerIntegrationTest {

    private static final long SEED = 14_2026L;
    /** What a problem must never show: the ledger's insides. */
    private static final List<String> LEAKS = List.of(
            "Exception",
            "\tat ",
            "org.springframework",
            "org.h2",
            "org.apache",
            "org.postgresql",
            "java.",
            "jakarta.",
            "com.fasterxml",
            "org.axonframework",
            "org.diplomaticledger",
            "SQL statement",
            "SQLState",
            "Caused by");

    private static final String[] HOSTILE_TEXT = {
        "\u0000", "\u202Eevil", "\uD800", "a\u001Bb", "\u2066x\u2069", "line\u0085break", "\u007F"
    };
    private static final String[] EXTREME_DATES = {
        "-999999999-01-01",
        "+999999999-12-31",
        "0001-01-01",
        "+10000-01-01",
        "20210101",
        "2021-01-01 ",
        "2021-01-01T00:00:00Z",
        "2021-02-30",
        "",
        "yesterday"
    };

    private final ObjectMapper json = new ObjectMapper();
    private final Random random = new Random(SEED);
    private final List<String> wrong = new ArrayList<>();
    private int sent;

    @Test
    void noHostileRequestBreaksTheLedgerOrWritesAnything() throws IOException {
        long before = eventCount();
        Map<String, ObjectNode> examples = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("src/main/resources/openapi/command-examples.ndjson"))) {
            if (!line.isBlank()) {
                JsonNode node = json.readTree(line);
                examples.put(node.path("command").asText(), (ObjectNode) node.path("payload"));
            }
        }
        Map<String, Class<? extends LedgerCommand>> commands = new CommandCatalog().all();
        List<String> names = new ArrayList<>(commands.keySet());
        for (int i = 0; i < 1500; i++) {
            String name = names.get(random.nextInt(names.size()));
            ObjectNode payload = examples.getOrDefault(
                            name, json.createObjectNode().put("source", "x"))
                    .deepCopy();
            byte[] body = hostileCommand(commands.get(name), payload);
            String contentType = random.nextInt(20) == 0
                    ? pick(
                            "text/plain",
                            "application/xml",
                            "application/json;charset=nope",
                            "application/json; charset=UTF-16")
                    : "application/json";
            check(
                    "POST /api/v1/commands/" + name,
                    ledger.request(
                            "POST", "clerk", "/api/v1/commands/" + name, Map.of("Content-Type", contentType), body));
        }
        for (int i = 0; i < 200; i++) {
            StringBuilder lines = new StringBuilder();
            int count = 1 + random.nextInt(4);
            for (int l = 0; l < count; l++) {
                String name = names.get(random.nextInt(names.size()));
                ObjectNode payload = examples.getOrDefault(
                                name, json.createObjectNode().put("source", "x"))
                        .deepCopy();
                String line = "{\"command\": \"" + name + "\", \"payload\": "
                        + new String(hostileCommand(commands.get(name), payload), StandardCharsets.UTF_8) + "}";
                lines.append(line.replace("\n", " ")).append('\n');
            }
            check(
                    "POST /api/v1/imports",
                    ledger.request(
                            "POST",
                            "clerk",
                            "/api/v1/imports",
                            Map.of("Content-Type", "application/x-ndjson"),
                            lines.toString().getBytes(StandardCharsets.UTF_8)));
        }
        hostileReads();
        assertThat(wrong).as("hostile requests answered badly").isEmpty();
        assertThat(sent).isGreaterThanOrEqualTo(2000);
        assertThat(eventCount()).as("events written by hostile requests").isEqualTo(before);
    }

    /** The command's example with at least one change that no command may take, and maybe more. */
    private byte[] hostileCommand(Class<? extends LedgerCommand> type, ObjectNode payload) throws IOException {
        RecordComponent[] components = type.getRecordComponents();
        int changes = 1 + random.nextInt(3);
        for (int c = 0; c < changes; c++) {
            RecordComponent component = components[random.nextInt(components.length)];
            int kind = random.nextInt(8);
            switch (kind) {
                case 0 -> payload.put("unknown" + random.nextInt(5), random.nextInt());
                case 1, 2, 3 -> payload.set(component.getName(), json.readTree(wrongValueFor(component.getType())));
                case 4 -> payload.put(component.getName(), textFor(component) + pick(HOSTILE_TEXT));
                case 5 -> payload.put(component.getName(), pick(EXTREME_DATES));
                case 6 -> {
                    ObjectNode nested = json.createObjectNode();
                    nested.set("x", json.readTree("[".repeat(40) + "]".repeat(40)));
                    payload.set(component.getName(), nested);
                }
                default ->
                    payload.putArray(component.getName()).add(1.5).add("\u202E").addNull();
            }
        }
        // Every change above is refused by itself, except a text or date that happens to fit a free-text field:
        // an unknown field makes sure of it in that case.
        payload.put("notAField", 1);
        String text = payload.toString();
        return switch (random.nextInt(12)) {
            case 0 -> text.substring(0, random.nextInt(text.length())).getBytes(StandardCharsets.UTF_8);
            case 1 -> ("[" + text + "]").getBytes(StandardCharsets.UTF_8);
            case 2 -> text.replace(":", "=").getBytes(StandardCharsets.UTF_8);
            case 3 -> new byte[] {(byte) 0xC3, (byte) 0x28, '{', '}'};
            default -> text.getBytes(StandardCharsets.UTF_8);
        };
    }

    private String textFor(RecordComponent component) {
        return component.getType() == String.class ? "Name" : "";
    }

    /** JSON that is not a value of the type. */
    private String wrongValueFor(Class<?> type) {
        if (type == String.class) {
            return pick("true", "12", "1.5", "[]", "{}", "1e300", "[\"x\"]");
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return pick("\"12\"", "1.5", "1e300", "true", "99999999999999999999", "[12]", "{}", "\"\"", "-0.0");
        }
        if (type == LocalDate.class) {
            return pick(
                    "20210101",
                    "12345",
                    "\"2021-01-01 \"",
                    "\"2021-01-01T00:00:00Z\"",
                    "[2021,1,1]",
                    "\"-999999999-01-01\"",
                    "\"+999999999-12-31\"",
                    "\"0001-01-01\"",
                    "\"+10000-01-01\"",
                    "true");
        }
        if (type == Boolean.class || type == boolean.class) {
            return pick("\"true\"", "1", "0", "\"yes\"", "[]");
        }
        if (type.isEnum()) {
            return pick("\"NOT_A_VALUE\"", "1", "true", "{}");
        }
        if (Collection.class.isAssignableFrom(type)) {
            return pick("\"x\"", "1", "{}", "true", "[[[]]]", "[{\"a\":1}]");
        }
        if (Map.class.isAssignableFrom(type)) {
            return pick("\"x\"", "1", "[]", "true");
        }
        return pick("12", "true", "1.5", "[]", "{\"nope\": 1}", "\"\\u0000\"");
    }

    private void hostileReads() throws IOException {
        JsonNode docs = json.readTree(ledger.get(null, "/v3/api-docs").body());
        String[] values = {
            "",
            " ",
            "-1",
            "99999999999999999999",
            "1e309",
            "NaN",
            "' OR '1'='1",
            "<script>x</script>",
            "\u202Eevil",
            "../..",
            "%",
            "x".repeat(3000),
            "-999999999-01-01",
            "+999999999-12-31",
            "0001-01-01",
            "2021-13-45",
            "true,false",
            "id,desc;drop",
            "\u0000",
            "\uD800"
        };
        List<String[]> reads = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = docs.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> entry = paths.next();
            JsonNode get = entry.getValue().path("get");
            if (get.isMissingNode() || entry.getKey().equals("/api/v1/stream")) {
                continue;
            }
            List<String> parameters = new ArrayList<>();
            for (JsonNode parameter : get.path("parameters")) {
                if ("query".equals(parameter.path("in").asText())) {
                    parameters.add(parameter.path("name").asText());
                }
            }
            reads.add(new String[] {entry.getKey(), String.join(",", parameters)});
        }
        for (int i = 0; i < 700; i++) {
            String[] read = reads.get(random.nextInt(reads.size()));
            String path = read[0];
            while (path.contains("{")) {
                String value = random.nextBoolean() ? "RU" : pick(values);
                path = path.replaceFirst(
                        "\\{[^}]+}",
                        java.util.regex.Matcher.quoteReplacement(
                                URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20")));
            }
            StringBuilder query = new StringBuilder();
            String[] parameters = read[1].isEmpty() ? new String[0] : read[1].split(",");
            for (String parameter : parameters) {
                if (random.nextInt(3) == 0) {
                    query.append(query.isEmpty() ? "?" : "&")
                            .append(parameter)
                            .append('=')
                            .append(URLEncoder.encode(pick(values), StandardCharsets.UTF_8));
                }
            }
            String user = path.contains("/history") || path.contains("/audit")
                    ? "auditor"
                    : path.startsWith("/api/v1/events") ? "integrator" : "analyst";
            String accept = random.nextInt(4) == 0 ? "text/csv" : "application/json";
            check("GET " + path + query, ledger.request("GET", user, path + query, Map.of("Accept", accept), null));
        }
    }

    private void check(String request, Response response) {
        sent++;
        String body = response.body() == null ? "" : response.body();
        String shown = request.length() > 200 ? request.substring(0, 200) : request;
        if (response.status() >= 500) {
            wrong.add(shown + " -> " + response.status() + " " + body);
            return;
        }
        if (response.status() >= 400) {
            String type = response.header("Content-Type");
            if (type == null || !type.startsWith("application/problem+json")) {
                wrong.add(shown + " -> " + response.status() + " not problem+json: " + type + " " + body);
                return;
            }
            for (String leak : LEAKS) {
                if (body.contains(leak)) {
                    wrong.add(shown + " -> " + response.status() + " shows '" + leak + "': " + body);
                    return;
                }
            }
        }
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[random.nextInt(options.length)];
    }
}
