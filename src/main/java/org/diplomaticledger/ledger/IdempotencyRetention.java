package org.diplomaticledger.ledger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;

/**
 * Keeps Idempotency-Key answers for {@code ledger.idempotency.retention} (7 days by default), long enough for any
 * client's retries, then forgets them hourly so the table does not grow without end. The events stay, of course.
 */
@Component
@EnableScheduling
class IdempotencyRetention {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyRetention.class);

    private final IdempotencyStore store;
    private final Clock clock;
    private final Duration retention;

    IdempotencyRetention(IdempotencyStore store, Clock clock,
                         LedgerProperties properties) {
        this.store = store;
        this.clock = clock;
        this.retention = properties.idempotency().retention();
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
    void forgetExpiredAnswers() {
        int forgotten = forget();
        if (forgotten > 0) {
            log.info("Forgot {} Idempotency-Key answers older than {}", forgotten, retention);
        }
    }

    int forget() {
        return store.forgetBefore(clock.instant().minus(retention));
    }
}
