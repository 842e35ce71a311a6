package org.diplomaticledger.ledger.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.diplomaticledger.support.LedgerClient.Response;
import org.diplomaticledger.support.LedgerIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 14 items 2 and 6: every value is exactly its JSON type and form, text holds no control or bidi characters,
 * and bodies, arrays and objects have a size limit. Each refusal is a 400 (or 413) problem naming the field, and
 * writes nothing.
 */
class StrictInputHttpTest extends LedgerIntegrationTest {

    private long eventsBefore;

    @BeforeEach
    void countEvents() {
        eventsBefore = eventCount();
    }

    private void assertRefused(Response response, int status, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        if (field != null) {
            assertThat(response.json().path("field").asText())
                    .as(response.toString())
                    .isEqualTo(field);
        }
        assertThat(eventCount()).as("events written").isEqualTo(eventsBefore);
    }

    /** A RecordStaffCount with one field replaced by raw JSON. */
    private static String staffCount(String field, String json) {
        String body = """
                {"sendingState": "NO", "receivingState": "IS", "headcount": 12, "category": "DIPLOMATIC",
                 "effectiveDate": "2021-01-01", "source": "Reuters"}""";
        return body.replaceFirst(
                "\"" + field + "\": [^,}]+", "\"" + field + "\": " + java.util.regex.Matcher.quoteReplacement(json));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "headcount|1.5",
                "headcount|\"12\"",
                "headcount|12.0",
                "headcount|1e300",
                "headcount|true",
                "headcount|99999999999",
                "headcount|[12]",
                "headcount|{}",
                "effectiveDate|20210101",
                "effectiveDate|12345",
                "effectiveDate|\"2021-01-01 \"",
                "effectiveDate|\" 2021-01-01\"",
                "effectiveDate|\"2021-01-01T00:00:00Z\"",
                "effectiveDate|\"2021-1-1\"",
                "effectiveDate|[2021,1,1]",
                "effectiveDate|\"2021-02-30\"",
                "effectiveDate|true",
                "effectiveDate|\"01/01/2021\"",
                "sendingState|true",
                "sendingState|12",
                "category|1",
                "category|true"
            })
    void aValueOfTheWrongTypeOrFormIsRefusedNamingTheField(String field, String json) {
        assertRefused(ledger.command("clerk", "RecordStaffCount", staffCount(field, json)), 400, field);
    }

    @ParameterizedTest(name = "city = {0}")
    @ValueSource(strings = {"true", "12", "1e300", "[\"Oslo\"]", "{\"name\": \"Oslo\"}"})
    void textTakesOnlyAJsonString(String json) {
        assertRefused(ledger.command("clerk", "OpenMission", """
                {"sendingState": "NO", "receivingState": "IS", "kind": "EMBASSY", "city": %s, "source": "x"}""".formatted(json)), 400, "city");
    }

    @Test
    void aFlagTakesOnlyAJsonBoolean() {
        for (String json : new String[] {"\"true\"", "1", "0", "\"yes\""}) {
            assertRefused(ledger.command("clerk", "NameDelegation", """
                    {"talksId": "strict-flags", "state": "NO", "head": {"name": "A B", "diplomat": %s}, "source": "x"}""".formatted(json)), 400, "head.diplomat");
        }
    }

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(
            strings = {
                "0000", "0007", "001B", "007F", "0085", "202A", "202B", "202C", "202D", "202E", "2066", "2067", "2068",
                "2069", "D800", "DFFF"
            })
    void textRefusesControlBidiAndLoneSurrogates(String code) {
        String escaped = "\\u" + code;
        assertRefused(ledger.command("clerk", "OpenMission", """
                {"sendingState": "NO", "receivingState": "IS", "kind": "EMBASSY", "city": "Reyk%sjavik", "source": "x"}""".formatted(escaped)), 400, "city");
        assertRefused(ledger.command("clerk", "OpenMission", """
                {"sendingState": "NO", "receivingState": "IS", "kind": "EMBASSY", "city": "Reykjavik", "source": {"text": "Reu%sters"}}""".formatted(escaped)), 400, "source.text");
    }

    @Test
    void textKeepsWhatWritersNeed() {
        JsonNode accepted = ledger.accepted("OpenMission", """
                {"sendingState": "NO", "receivingState": "IS", "kind": "CONSULATE", "city": "Akureyri 😀 Ørsted",
                 "source": "line one\\nline two\\tand a tab, مرحبا"}""");
        assertThat(accepted.path("events")).hasSize(1);
    }

    @Test
    void aLargeBodyIsRefusedBeforeItIsRead() {
        byte[] big =
                ("{\"corrections\": {" + "\"k\": 1,".repeat(200_000) + "\"z\": 1}}").getBytes(StandardCharsets.UTF_8);
        assertThat(big.length).isGreaterThan(1024 * 1024);
        long started = System.nanoTime();
        Response declared = ledger.request(
                "POST", "clerk", "/api/v1/commands/CorrectEntry", Map.of("Content-Type", "application/json"), big);
        assertRefused(declared, 413, null);
        assertThat(declared.json().path("type").asText()).isEqualTo("urn:diplomatic-ledger:problem:body-too-large");
        assertThat(declared.json().path("limit").asLong()).isEqualTo(1024 * 1024);
        assertThat(System.nanoTime() - started).as("refused at once").isLessThan(5_000_000_000L);
    }

    @Test
    void aLargeChunkedBodyIsRefusedToo() throws Exception {
        byte[] big = ("{\"reason\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/commands/CorrectEntry"))
                                .header(
                                        "Authorization",
                                        org.diplomaticledger.support.LedgerClient.basic("clerk", "clerk"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(eventCount()).isEqualTo(eventsBefore);
    }

    @Test
    void aSmallChunkedBodyStillWorks() throws Exception {
        byte[] body = """
                {"sendingState": "NO", "receivingState": "IS", "kind": "CONSULATE", "city": "Isafjordur", "source": "x"}""".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/commands/OpenMission"))
                                .header(
                                        "Authorization",
                                        org.diplomaticledger.support.LedgerClient.basic("clerk", "clerk"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void anArrayOrObjectWithTooManyEntriesIsRefusedNamingIt() {
        StringBuilder persons = new StringBuilder();
        for (int i = 0; i < 1001; i++) {
            persons.append(i == 0 ? "" : ",").append("\"p-").append(i).append('"');
        }
        assertRefused(ledger.command("clerk", "ExpelDiplomat", """
                {"sendingState": "NO", "receivingState": "IS", "personIds": [%s], "departureDeadline": "2021-01-08",
                 "source": "x"}""".formatted(persons)), 400, "personIds");
        StringBuilder keys = new StringBuilder();
        for (int i = 0; i < 1001; i++) {
            keys.append(i == 0 ? "" : ",").append("\"k").append(i).append("\": 1");
        }
        assertRefused(ledger.command("clerk", "CorrectEntry", """
                {"eventId": "e", "corrections": {%s}, "reason": "r", "source": "x"}""".formatted(keys)), 400, "corrections");
    }
}
