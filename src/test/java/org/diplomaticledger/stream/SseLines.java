package org.diplomaticledger.stream;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.diplomaticledger.support.LedgerClient;

/**
 * A plain server-sent-events reader over java.net.http, as an integrator without our code would write one: it
 * parses the lines itself and every message's data with the CloudEvents SDK's JSON format.
 */
final class SseLines implements AutoCloseable {

    static final EventFormat CLOUD_EVENTS = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);

    record Message(String id, String event, CloudEvent data) {}

    /** When the last line (an event's or a heartbeat's) arrived, by System.nanoTime(). */
    volatile long lastLine = System.nanoTime();

    final int status;
    private final InputStream body;
    private final BufferedReader reader;
    String lastComment;

    private SseLines(int status, InputStream body) {
        this.status = status;
        this.body = body;
        this.reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    }

    static SseLines open(HttpClient http, int port, String user, String pathAndQuery, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery))
                .header("Accept", "text/event-stream")
                .header("Authorization", LedgerClient.basic(user, user))
                .timeout(Duration.ofSeconds(20))
                .GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            return new SseLines(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next message with data, or null at the end of the stream; comments are kept in {@link #lastComment}. */
    Message next() throws IOException {
        String id = null;
        String event = null;
        StringBuilder data = null;
        String line;
        while ((line = reader.readLine()) != null) {
            lastLine = System.nanoTime();
            if (line.isEmpty()) {
                if (data != null) {
                    return new Message(
                            id, event, CLOUD_EVENTS.deserialize(data.toString().getBytes(StandardCharsets.UTF_8)));
                }
                id = null;
                event = null;
                continue;
            }
            if (line.startsWith(":")) {
                lastComment = line.substring(1).trim();
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
            switch (field) {
                case "id" -> id = value;
                case "event" -> event = value;
                case "data" ->
                    data = data == null
                            ? new StringBuilder(value)
                            : data.append('\n').append(value);
                default -> {}
            }
        }
        return null;
    }

    static HttpClient client() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException ignored) {
            // closing is all we wanted
        }
    }
}
