package org.diplomaticledger.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * The running ledger's HTTP API as the command line calls it: java.net.http (the JDK's client, no library), HTTP/1.1,
 * HTTP Basic. Answers carry their status, headers and body; problems ({@code application/problem+json}) become one
 * line a user can read.
 */
final class LedgerApi {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final URI base;
    private final String user;
    private final String authorization;

    LedgerApi(URI base, String user, String password) {
        this.base = base;
        this.user = user;
        this.authorization =
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** An answer: status, headers, body. */
    record Answer(int status, HttpResponse<String> raw) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        String body() {
            return raw.body();
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        JsonNode json() {
            try {
                return JSON.readTree(raw.body());
            } catch (IOException e) {
                throw new CliFailure(
                        "the ledger answered " + status + " with a body that is not JSON: " + abbreviate(raw.body()));
            }
        }
    }

    URI base() {
        return base;
    }

    String user() {
        return user;
    }

    Answer get(String path) throws IOException, InterruptedException {
        return send(request(path, Duration.ofMinutes(2))
                .header("Accept", "application/json")
                .GET()
                .build());
    }

    Answer post(String path, String contentType, byte[] body, Map<String, String> headers, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = request(path, timeout)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    /** A body read as it arrives (an export, the stream); the caller closes it. */
    HttpResponse<InputStream> open(String path, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).header("Authorization", authorization);
        headers.forEach(request::header);
        return client.send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    private HttpRequest.Builder request(String path, Duration timeout) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(timeout).header("Authorization", authorization);
    }

    private Answer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response =
                client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Answer(response.statusCode(), response);
    }

    /** Reads a refused answer's body to the end and says why it was refused. */
    static String refusal(int status, InputStream body) {
        try (body) {
            return refusal(status, new String(body.readNBytes(64 * 1024), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return status + " (" + e.getMessage() + ")";
        }
    }

    /** Why the ledger refused: the status with the problem's title and detail, or the body itself. */
    static String refusal(int status, String body) {
        String hint = switch (status) {
            case 401 -> " (wrong user or password)";
            case 403 -> " (the user lacks the role; see docs/api.md)";
            default -> "";
        };
        try {
            JsonNode problem = JSON.readTree(body);
            if (problem != null && problem.has("title")) {
                String detail = problem.path("detail").asText("");
                return status + " " + problem.path("title").asText() + (detail.isEmpty() ? hint : ": " + detail);
            }
        } catch (IOException e) {
            // not a problem document: the body as it is
        }
        return status + hint + (body == null || body.isBlank() ? "" : ": " + abbreviate(body));
    }

    /** A failure to reach the ledger, in words. */
    CliFailure unreachable(IOException e) {
        String why;
        if (e instanceof ConnectException) {
            why = "connection refused: is the ledger running there? (--url, LEDGER_URL)";
        } else if (e instanceof HttpConnectTimeoutException) {
            why = "no connection within 10 s";
        } else if (e instanceof HttpTimeoutException) {
            why = "no answer in time";
        } else {
            why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        return new CliFailure("cannot reach the ledger at " + base + ": " + why);
    }

    static String abbreviate(String text) {
        String line = text.strip().replace('\n', ' ');
        return line.length() <= 300 ? line : line.substring(0, 300) + "…";
    }
}
