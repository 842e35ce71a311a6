package org.diplomaticledger;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Boot's Kafka auto-configuration is left out: the ledger touches Kafka only through its relay, which the
 * {@code kafka} profile builds from the same {@code spring.kafka.*} properties; without that profile no Kafka class
 * is loaded and no broker is needed.
 */
@SpringBootApplication(excludeName = "org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration")
public class DiplomaticLedgerApplication {
    public static void main(String[] args) {
        SpringApplication.run(DiplomaticLedgerApplication.class, args);
    }
}
