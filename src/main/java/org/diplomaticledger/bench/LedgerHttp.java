package org.diplomaticledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * The ledger's HTTP API as its users call it (java.net.http, HTTP Basic): the benchmark measures the ledger from
 * outside, through the same requests a clerk, an analyst or an auditor sends.
 */
final class LedgerHttp {

    static final String CLERK = "bench-clerk";
    static final String ANALYST = "bench-analyst";
    static final String AUDITOR = "bench-auditor";
    static final String INTEGRATOR = "bench-integrator";

    private final HttpClient client;
    private final String base;
    private final String password;
    private final ObjectMapper json;

    LedgerHttp(int port, String password, ObjectMapper json) {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        this.base = "http://localhost:" + port;
        this.password = password;
        this.json = json;
    }

    /** The benchmark users' password (drawn for the run), for clients of its own such as W4's streams. */
    String password() {
        return password;
    }

    /** The answer's status, body and Retry-After header (null when it has none). */
    record Answer(int status, String body, String retryAfter) {
        Answer(int status, String body) {
            this(status, body, null);
        }

        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    Answer get(String user, String path) throws IOException, InterruptedException {
        return send(request(user, path).GET().build());
    }

    Answer postJson(String user, String path, String body) throws IOException, InterruptedException {
        return send(request(user, path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build());
    }

    Answer postNdjson(String user, String path, byte[] body) throws IOException, InterruptedException {
        return send(request(user, path)
                .header("Content-Type", "application/x-ndjson")
                .timeout(Duration.ofHours(2))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    }

    /** An NDJSON body made while it is sent (chunked), never held whole in this JVM. */
    Answer postNdjson(String user, String path, java.util.function.Supplier<java.io.InputStream> body)
            throws IOException, InterruptedException {
        return send(request(user, path)
                .header("Content-Type", "application/x-ndjson")
                .timeout(Duration.ofHours(6))
                .POST(HttpRequest.BodyPublishers.ofInputStream(body))
                .build());
    }

    /** As {@link #postNdjson(String, String, java.util.function.Supplier)}, with headers (e.g. {@code Prefer: respond-async}). */
    Answer postNdjson(
            String user,
            String path,
            java.util.function.Supplier<java.io.InputStream> body,
            java.util.Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = request(user, path)
                .header("Content-Type", "application/x-ndjson")
                .timeout(Duration.ofHours(6))
                .POST(HttpRequest.BodyPublishers.ofInputStream(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    JsonNode getJson(String user, String path) throws IOException, InterruptedException {
        return parse(require(get(user, path), "GET " + path));
    }

    JsonNode parse(String body) throws IOException {
        return json.readTree(body);
    }

    /** The body of a 2xx answer; anything else ends the run with the ledger's problem. */
    static String require(Answer answer, String what) {
        if (!answer.ok()) {
            throw new IllegalStateException(what + " answered " + answer.status() + ": "
                    + answer.body().substring(0, Math.min(2000, answer.body().length())));
        }
        return answer.body();
    }

    private HttpRequest.Builder request(String user, String path) {
        String credentials =
                Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofMinutes(5))
                .header("Authorization", "Basic " + credentials)
                .header("Accept", "application/json, application/problem+json");
    }

    private Answer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response =
                client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Answer(
                response.statusCode(),
                response.body(),
                response.headers().firstValue("Retry-After").orElse(null));
    }
}
