package org.diplomaticledger.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.diplomaticledger.bench.SseSubscribers;
import org.diplomaticledger.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 13's fan-out on the shared test ledger, with Equatorial Guinea (GQ) in Guinea-Bissau (GW), which no other
 * test class uses: 200 live subscribers while a clerk writes 20 commands a second, and every one of them receives
 * every event, in ledger order, exactly once. (Once two of 200 connected subscribers received nothing at all.)
 */
class TwoHundredSubscribersTest extends LedgerIntegrationTest {

    private static final int SUBSCRIBERS = 200;
    private static final int COMMANDS = 300;
    private static final int PER_SECOND = 20;

    @Autowired
    LedgerTail tail;

    /** Writes the commands at {@value PER_SECOND} a second; the highest position written. */
    private long writePaced() throws InterruptedException {
        long last = 0;
        long began = System.nanoTime();
        for (int i = 0; i < COMMANDS; i++) {
            long due = began + TimeUnit.SECONDS.toNanos(1) * i / PER_SECOND;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            JsonNode answer = ledger.accepted("RecordStaffCount", """
                    {"sendingState": "GQ", "receivingState": "GW", "headcount": %d, "effectiveDate": "%s", "source": "fan-out"}""".formatted(
                            10 + i % 7, LocalDate.of(2001, 1, 1).plusDays(i)));
            last = Math.max(last, answer.path("position").asLong());
        }
        return last;
    }

    @Test
    void everySubscriberReceivesEveryEventInOrderOnce() throws Exception {
        long start = jdbc.queryForObject("SELECT COALESCE(MAX(global_index), 0) FROM domain_event_entry", Long.class);
        // The clerk starts first: the subscribers connect while events are being written, so each of them catches up
        // from the store and switches to the live tail under load.
        java.util.concurrent.ExecutorService clerk = java.util.concurrent.Executors.newSingleThreadExecutor();
        java.util.concurrent.Future<Long> written = clerk.submit(this::writePaced);
        try (SseSubscribers streams = SseSubscribers.open(
                port,
                "integrator",
                "integrator",
                "/api/v1/stream?after=" + start,
                SUBSCRIBERS,
                Duration.ofSeconds(30))) {
            assertThat(streams.subscribers())
                    .allSatisfy(subscriber -> assertThat(subscriber.status()).isEqualTo(200));
            // At least ours: streams earlier test classes left open on the shared ledger may close meanwhile, so
            // "before + SUBSCRIBERS" could never be reached. Should ours fall short, the assertions below say which
            // stream ended and with what closing comment, which says more than a timeout here.
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> tail.subscriptionCount() >= SUBSCRIBERS);
            } catch (org.awaitility.core.ConditionTimeoutException fewer) {
                System.err.println("only " + tail.subscriptionCount() + " streams open; reading on to see why");
            }
            long last = written.get(2, TimeUnit.MINUTES);
            clerk.shutdown();
            long end = last;
            List<Long> stored = jdbc.queryForList(
                    "SELECT e.global_index FROM domain_event_entry e JOIN audit_chain c "
                            + "ON c.global_index = e.global_index AND c.event_identifier = e.event_identifier "
                            + "WHERE e.global_index > ? AND e.global_index <= ? ORDER BY e.global_index",
                    Long.class,
                    start,
                    end);
            assertThat(stored).hasSizeGreaterThanOrEqualTo(COMMANDS);

            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> streams.allReached(end));
            } catch (org.awaitility.core.ConditionTimeoutException late) {
                // the assertions below say which subscribers are short, and by how much
            }
            List<String> short_ = new ArrayList<>();
            for (SseSubscribers.Subscriber subscriber : streams.subscribers()) {
                if (subscriber.lastPosition() < end) {
                    short_.add("#" + subscriber.number() + ": " + subscriber.count() + " events, last "
                            + subscriber.lastPosition()
                            + (subscriber.ended() ? ", ended" : "")
                            + (subscriber.closingComment() != null ? " " + subscriber.closingComment() : "")
                            + ", " + subscriber.bytes() + " bytes");
                }
            }
            assertThat(short_)
                    .as("subscribers that did not receive every event up to %d", end)
                    .isEmpty();
            for (SseSubscribers.Subscriber subscriber : streams.subscribers()) {
                List<Long> received = new ArrayList<>();
                for (long position : subscriber.positions()) {
                    if (position <= end) {
                        received.add(position);
                    }
                }
                assertThat(received)
                        .as("subscriber #%d: every event once, in ledger order", subscriber.number())
                        .containsExactlyElementsOf(stored);
            }
            assertThat(streams.subscribers().stream()
                            .filter(SseSubscribers.Subscriber::ended)
                            .map(subscriber -> "#" + subscriber.number() + " " + subscriber.closingComment())
                            .toList())
                    .as("streams that ended while the clerk wrote")
                    .isEmpty();
        }
    }
}
