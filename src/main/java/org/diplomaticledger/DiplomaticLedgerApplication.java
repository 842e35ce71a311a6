package org.diplomaticledger;

import org.diplomaticledger.audit.DigestVerifier;
import org.diplomaticledger.audit.ExportVerifier;
import org.diplomaticledger.bench.BenchCommand;
import org.diplomaticledger.security.HashPassword;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import java.util.Arrays;

/**
 * Boot's Kafka auto-configuration is left out: the ledger touches Kafka only through its relay, which the
 * {@code kafka} profile builds from the same {@code spring.kafka.*} properties; without that profile no Kafka class
 * is loaded and no broker is needed.
 */
@SpringBootApplication(excludeName = "org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration")
public class DiplomaticLedgerApplication {
    public static void main(String[] args) {
        // Offline tools run before (and without) Spring: no database, no port.
        if (args.length > 0 && args[0].equals("verify-export")) {
            System.exit(ExportVerifier.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        if (args.length > 0 && args[0].equals("hash-password")) {
            System.exit(HashPassword.run(Arrays.copyOfRange(args, 1, args.length), System.in, System.console(),
                    System.out, System.err));
        }
        if (args.length > 0 && args[0].equals("verify-digest")) {
            System.exit(DigestVerifier.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        // The benchmark starts a ledger of its own in this JVM (docs/benchmark.md).
        if (args.length > 0 && args[0].equals("bench")) {
            System.exit(BenchCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        SpringApplication.run(DiplomaticLedgerApplication.class, args);
    }
}
