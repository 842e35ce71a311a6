package org.diplomaticledger.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.diplomaticledger.support.LedgerClient;
import org.diplomaticledger.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.util.AntPathMatcher;

/**
 * Issue 14, item 1: every path the OpenAPI description lists, with every method, as every role (and as nobody),
 * answers as the role table in docs/api.md says: 401 without credentials, 403 for a role the row does not name, and
 * for a role it names, the endpoint's own answer (405 for a method the path does not serve). The table is read from
 * the document itself, so it stays exact: a path no row covers, or a row no path uses, fails the test.
 */
class RoleMatrixHttpTest extends LedgerIntegrationTest {

    static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    static final List<String> ROLES = List.of("CLERK", "ANALYST", "AUDITOR", "INTEGRATOR", "ADMIN");

    /** A row of the table: path patterns and the roles they admit. */
    record Row(List<String> patterns, Set<String> roles) {}

    /** The role table of docs/api.md, in its order (the first row whose pattern matches decides). */
    static List<Row> roleTable() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("docs/api.md"), StandardCharsets.UTF_8);
        List<Row> rows = new ArrayList<>();
        List<String> header = null;
        boolean inTable = false;
        for (String line : lines) {
            if (line.contains("<!-- role-table -->")) {
                inTable = true;
                continue;
            }
            if (!inTable) {
                continue;
            }
            if (!line.startsWith("|")) {
                if (header != null) {
                    break;
                }
                continue;
            }
            List<String> cells = new ArrayList<>();
            for (String cell : line.substring(1, line.lastIndexOf('|')).split("\\|")) {
                cells.add(cell.trim());
            }
            if (header == null) {
                header = cells;
                continue;
            }
            if (cells.get(0).startsWith("---")) {
                continue;
            }
            List<String> patterns = new ArrayList<>();
            java.util.regex.Matcher code =
                    java.util.regex.Pattern.compile("`([^`]+)`").matcher(cells.get(0));
            while (code.find()) {
                patterns.add(code.group(1));
            }
            Set<String> roles = new LinkedHashSet<>();
            for (int i = 1; i < cells.size(); i++) {
                if (cells.get(i).equalsIgnoreCase("yes")) {
                    roles.add(header.get(i).replace("`", ""));
                }
            }
            rows.add(new Row(patterns, roles));
        }
        assertThat(rows)
                .as("the role table in docs/api.md (after <!-- role-table -->)")
                .isNotEmpty();
        assertThat(header.subList(1, header.size()).stream()
                        .map(h -> h.replace("`", ""))
                        .toList())
                .isEqualTo(ROLES);
        return rows;
    }

    @Test
    void everyPathMethodAndRoleAnswersAsTheRoleTableSays() throws Exception {
        List<Row> table = roleTable();
        JsonNode docs =
                new ObjectMapper().readTree(ledger.get(null, "/v3/api-docs").body());
        AntPathMatcher matcher = new AntPathMatcher();
        Set<Row> used = new LinkedHashSet<>();
        List<String> wrong = new ArrayList<>();
        int requests = 0;
        Iterator<Map.Entry<String, JsonNode>> paths = docs.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> entry = paths.next();
            String template = entry.getKey();
            String path = template.replaceAll("\\{[^}]+}", "no-such-thing");
            Set<String> served = new LinkedHashSet<>();
            entry.getValue().fieldNames().forEachRemaining(method -> served.add(method.toUpperCase(Locale.ROOT)));
            if (served.contains("GET")) {
                served.add("HEAD");
            }
            served.add("OPTIONS");
            Row row = table.stream()
                    .filter(r -> r.patterns().stream().anyMatch(p -> matcher.match(p, path)))
                    .findFirst()
                    .orElse(null);
            assertThat(row)
                    .as("a row of the role table in docs/api.md for " + template)
                    .isNotNull();
            used.add(row);
            for (String method : METHODS) {
                Answer anonymous = send(method, null, path);
                requests++;
                if (anonymous.status() != 401 || !anonymous.problem()) {
                    wrong.add(method + " " + path + " without credentials: " + anonymous);
                }
                for (String role : ROLES) {
                    Answer answer = send(method, role.toLowerCase(Locale.ROOT), path);
                    requests++;
                    String expected;
                    boolean ok;
                    if (!row.roles().contains(role)) {
                        expected = "403";
                        ok = answer.status() == 403 && answer.problem();
                    } else if (!served.contains(method)) {
                        expected = "405";
                        ok = answer.status() == 405 && answer.problem();
                    } else {
                        expected = "the endpoint's answer (not 401, 403, 405 or 5xx)";
                        ok = answer.status() != 401
                                && answer.status() != 403
                                && answer.status() != 405
                                && answer.status() < 500;
                    }
                    if (!ok) {
                        wrong.add(method + " " + path + " as " + role + ": expected " + expected + ", got " + answer);
                    }
                }
            }
        }
        assertThat(wrong).as("answers that break the role table").isEmpty();
        List<Row> unused = table.stream().filter(row -> !used.contains(row)).toList();
        assertThat(unused).as("rows of the role table no documented path uses").isEmpty();
        assertThat(requests).isGreaterThan(500);
    }

    record Answer(int status, String contentType, String body) {
        boolean problem() {
            return contentType != null && contentType.startsWith("application/problem+json");
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + (body.length() > 200 ? body.substring(0, 200) : body);
        }
    }

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Sends the request; reads at most 4 kB of the body (the stream never ends by itself). */
    private Answer send(String method, String user, String path) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (user != null) {
            request.header("Authorization", LedgerClient.basic(user, user));
        }
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        String body;
        try (InputStream in = response.body()) {
            body = response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")
                    ? ""
                    : new String(in.readNBytes(4096), StandardCharsets.UTF_8);
        }
        return new Answer(
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(null),
                body);
    }
}
