package org.diplomaticledger;

import org.diplomaticledger.cli.LedgerCommandLine;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Boot's Kafka auto-configuration is left out: the ledger touches Kafka only through its relay, which the
 * {@code kafka} profile builds from the same {@code spring.kafka.*} properties; without that profile no Kafka class
 * is loaded and no broker is needed.
 */
@SpringBootApplication(excludeName = "org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration")
public class DiplomaticLedgerApplication {
    /**
     * The jar's command line (docs/cli.md): {@code serve} (the default, also when the first argument is a Spring
     * option) starts the ledger; every other command ({@code --help}, {@code import}, {@code verify-export},
     * {@code bench}, …) runs without Spring and exits.
     */
    public static void main(String[] args) {
        LedgerCommandLine.main(
                args,
                DiplomaticLedgerApplication.class,
                springArguments -> SpringApplication.run(DiplomaticLedgerApplication.class, springArguments));
    }
}
