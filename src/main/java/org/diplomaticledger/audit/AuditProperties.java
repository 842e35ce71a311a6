package org.diplomaticledger.audit;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ledger.audit.*}: the key that signs the chain's digests, and how often a new digest is published.
 *
 * @param signingKey       a PEM file holding the ledger's Ed25519 private key (PKCS#8, {@code PRIVATE KEY}); unset,
 *                         the key is generated at the first start into {@code ${ledger.data-dir}/audit/signing-key.pem}
 * @param signingPublicKey a PEM file with its public key ({@code PUBLIC KEY}), needed only when the private key's
 *                         file does not carry that block too (the JDK cannot derive an Ed25519 public key)
 * @param publish          the periodic publication of the head's signed digest
 */
@ConfigurationProperties("ledger.audit")
public record AuditProperties(
        Path signingKey,
        Path signingPublicKey,
        @DefaultValue Publish publish) {

    /**
     * @param interval   how often the head's digest is published when it moved (to the log, the data directory and,
     *                   with the {@code kafka} profile, Kafka); {@code 0} publishes only at start and stop
     * @param kafkaTopic the Kafka topic of the digests (profile {@code kafka}); unset, the events' topic
     *                   ({@code ledger.kafka.topic})
     */
    public record Publish(@DefaultValue("PT1M") Duration interval, String kafkaTopic) {
        public Publish {
            if (interval.isNegative()) {
                throw new IllegalArgumentException("ledger.audit.publish.interval must be 0 (off) or positive");
            }
        }
    }
}
