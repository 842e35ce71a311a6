package org.diplomaticledger.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** A plain HTTP client for the ledger, as any integrator would write one: no Spring test helpers. */
public final class LedgerClient {

    /** A response: its status, headers and body (parsed when it is JSON). */
    public record Response(int status, HttpResponse<String> raw) {
        public JsonNode json() {
            try {
                return new ObjectMapper().readTree(raw.body());
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + raw.body(), e);
            }
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String body() {
            return raw.body();
        }

        @Override
        public String toString() {
            return status + " " + raw.body();
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    public LedgerClient(int port) {
        this.base = "http://localhost:" + port;
    }

    public Response command(String user, String name, String json) {
        return post(user, "/api/v1/commands/" + name, "application/json", json, Map.of());
    }

    public Response command(String user, String name, String json, Map<String, String> headers) {
        return post(user, "/api/v1/commands/" + name, "application/json", json, headers);
    }

    /** Sends a command as the clerk and fails the test unless it was accepted. */
    public JsonNode accepted(String name, String json) {
        Response response = command("clerk", name, json);
        if (response.status() != 200) {
            throw new AssertionError(name + " was refused: " + response);
        }
        return response.json();
    }

    public Response post(String user, String path, String contentType, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        Map<String, String> all = new LinkedHashMap<>(headers);
        if (user != null) {
            all.put("Authorization", basic(user, user));
        }
        all.forEach(request::header);
        return send(request.build());
    }

    public Response get(String user, String path) {
        return getAccept(user, path, "application/json");
    }

    /** A GET with the header {@code X-Ledger-At-Least}, as a client that read its write's position would send it. */
    public Response get(String user, String path, long atLeast) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .GET()
                .header("Accept", "application/json")
                .header("X-Ledger-At-Least", Long.toString(atLeast));
        if (user != null) {
            request.header("Authorization", basic(user, user));
        }
        return send(request.build());
    }

    public Response getAccept(String user, String path, String accept) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path)).GET().header("Accept", accept);
        if (user != null) {
            request.header("Authorization", basic(user, user));
        }
        return send(request.build());
    }

    /**
     * Any request: any method (GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS), a user whose password is their name
     * ({@code null}: none), extra headers, and a body ({@code null}: none).
     */
    public Response request(String method, String user, String path, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (user != null) {
            request.header("Authorization", basic(user, user));
        }
        headers.forEach(request::header);
        return send(request.build());
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
