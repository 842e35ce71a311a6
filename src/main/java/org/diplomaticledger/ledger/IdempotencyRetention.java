package org.diplomaticledger.ledger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps Idempotency-Key answers for {@code ledger.idempotency.retention} (7 days by default), long enough for any
 * client's retries, then forgets them so the table does not grow without end. The events stay, of course.
 *
 * <p>Every {@code ledger.idempotency.purge-interval} (10 minutes) the expired answers are deleted, oldest first, in
 * transactions of at most {@code ledger.idempotency.purge-batch} rows (1,000), found by the index on their time
 * (V19): a week's worth of answers expiring at once never becomes one long transaction that holds writers up. Every
 * node purges; when two meet, the second finds the rows gone.
 */
@Component
@EnableScheduling
class IdempotencyRetention {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyRetention.class);

    private final IdempotencyStore store;
    private final Clock clock;
    private final Duration retention;
    private final int batch;

    IdempotencyRetention(IdempotencyStore store, Clock clock, LedgerProperties properties) {
        Duration retention = properties.idempotency().retention();
        int batch = properties.idempotency().purgeBatch();
        if (retention.isNegative() || retention.isZero() || batch < 1) {
            throw new IllegalStateException("ledger.idempotency.retention and purge-batch must be positive");
        }
        this.store = store;
        this.clock = clock;
        this.retention = retention;
        this.batch = batch;
    }

    // The interval is LedgerProperties' (the bean Boot names "<prefix>-<class>"), so that it is bound, and
    // documented, like every other ledger.* property.
    @Scheduled(
            initialDelayString = "PT1M",
            fixedDelayString =
                    "#{@'ledger-org.diplomaticledger.ledger.LedgerProperties'.idempotency().purgeInterval()}")
    void forgetExpiredAnswers() {
        int forgotten = forget();
        if (forgotten > 0) {
            log.info("Forgot {} Idempotency-Key answers older than {}", forgotten, retention);
        }
    }

    /** Forgets every answer older than the retention, a batch at a time; how many. */
    int forget() {
        Instant cutoff = clock.instant().minus(retention);
        int total = 0;
        int forgotten;
        do {
            forgotten = store.forgetBefore(cutoff, batch);
            total += forgotten;
        } while (forgotten == batch);
        return total;
    }
}
