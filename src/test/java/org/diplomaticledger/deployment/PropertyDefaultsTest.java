package org.diplomaticledger.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.diplomaticledger.ledger.LedgerProperties;
import org.diplomaticledger.presence.projection.ExpulsionsProperties;
import org.diplomaticledger.projection.ProjectionsProperties;
import org.diplomaticledger.security.LedgerUsersProperties;
import org.diplomaticledger.stream.StreamProperties;
import org.diplomaticledger.stream.kafka.KafkaRelayProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

/**
 * The typed {@code ledger.*} properties keep the names and defaults the ledger had as {@code @Value}s (docs/api.md):
 * bound from nothing they give the old defaults, and bound from the documented names they take the values given.
 */
class PropertyDefaultsTest {

    private static <T> T bind(Map<String, String> values, String prefix, Class<T> type) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate(prefix, Bindable.of(type));
    }

    @Test
    void unsetPropertiesKeepTheirFormerDefaults() {
        LedgerProperties ledger = bind(Map.of(), "ledger", LedgerProperties.class);
        // The binder converts "./data" to the same relative path, normalised ("data").
        assertThat(ledger.dataDir().normalize()).isEqualTo(Path.of("./data").normalize());
        assertThat(ledger.nodeId()).isEmpty();
        assertThat(ledger.idempotency().retention()).isEqualTo(Duration.ofDays(7));
        assertThat(ledger.idempotency().purgeInterval()).isEqualTo(Duration.ofMinutes(10));
        assertThat(ledger.idempotency().purgeBatch()).isEqualTo(1000);
        assertThat(ledger.imports().asyncBody()).isEqualTo(DataSize.ofGigabytes(4));
        assertThat(ledger.imports().syncMaxLines()).isEqualTo(100000);
        assertThat(ledger.imports().chunk()).isEqualTo(2000);
        assertThat(ledger.imports().writerWait()).isEqualTo(Duration.ofSeconds(10));
        assertThat(ledger.imports().staleAfter()).isEqualTo(Duration.ofMinutes(1));
        assertThat(ledger.limits().commandBody()).isEqualTo(DataSize.ofMegabytes(1));
        assertThat(ledger.limits().importBody()).isEqualTo(DataSize.ofMegabytes(64));
        assertThat(ledger.limits().commandElements()).isEqualTo(1000);
        assertThat(ledger.processors().claimTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(ledger.processors().claimExtension()).isEqualTo(Duration.ofSeconds(1));
        assertThat(ledger.processors().claimInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(ledger.eventStore().batchSize()).isEqualTo(500);
        assertThat(ledger.eventStore().gapTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(ledger.eventStore().gapCleaningThreshold()).isEqualTo(100);
        assertThat(ledger.aggregates().cache()).isEqualTo("soft");
        assertThat(ledger.aggregates().cacheSize()).isEqualTo(10000);
        assertThat(ledger.snapshots().threshold()).isEqualTo(100);
        assertThat(ledger.writes().groupCommit().enabled()).isTrue();
        assertThat(ledger.writes().groupCommit().maxBatch()).isEqualTo(128);

        ProjectionsProperties projections = bind(Map.of(), "ledger.projections", ProjectionsProperties.class);
        assertThat(projections.maxWait()).isEqualTo(Duration.ofSeconds(10));
        assertThat(projections.parked().recheckInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(projections.batchSize()).isEqualTo(100);
        assertThat(projections.rebuild()).isEmpty();
        assertThat(projections.cachedEvents()).isEqualTo(20000);
        assertThat(projections.parked().maxAggregates()).isEqualTo(10000);
        assertThat(projections.parked().maxPerAggregate()).isEqualTo(1000000);

        assertThat(bind(Map.of(), "ledger.expulsions", ExpulsionsProperties.class)
                        .reciprocityWindowDays())
                .isEqualTo(30);
        assertThat(bind(Map.of(), "ledger.kafka", KafkaRelayProperties.class).topic())
                .isEqualTo("diplomatic-ledger.events");
        assertThat(bind(Map.of(), "ledger.stream", StreamProperties.class).source())
                .isEqualTo(URI.create("urn:diplomatic-ledger"));
        LedgerUsersProperties security = bind(Map.of(), "ledger.security", LedgerUsersProperties.class);
        assertThat(security.authCache()).isEqualTo(Duration.ofMinutes(5));
        assertThat(security.managementPortOpen()).isTrue();
    }

    @Test
    void theDocumentedNamesAreBound() {
        LedgerProperties ledger = bind(
                Map.of(
                        "ledger.data-dir",
                        "/srv/ledger",
                        "ledger.node-id",
                        "n1",
                        "ledger.limits.import-body",
                        "8MB",
                        "ledger.writes.group-commit.max-batch",
                        "7",
                        "ledger.event-store.gap-timeout",
                        "PT5S",
                        "ledger.aggregates.cache",
                        "none",
                        "ledger.imports.async-body",
                        "8GB",
                        "ledger.imports.writer-wait",
                        "PT2S",
                        "ledger.idempotency.purge-batch",
                        "2",
                        "ledger.processors.claim-interval",
                        "PT0.5S"),
                "ledger",
                LedgerProperties.class);
        assertThat(ledger.imports().asyncBody()).isEqualTo(DataSize.ofGigabytes(8));
        assertThat(ledger.imports().writerWait()).isEqualTo(Duration.ofSeconds(2));
        assertThat(ledger.idempotency().purgeBatch()).isEqualTo(2);
        assertThat(ledger.processors().claimInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(ledger.dataDir()).isEqualTo(Path.of("/srv/ledger"));
        assertThat(ledger.nodeId()).isEqualTo("n1");
        assertThat(ledger.limits().importBody()).isEqualTo(DataSize.ofMegabytes(8));
        assertThat(ledger.writes().groupCommit().maxBatch()).isEqualTo(7);
        assertThat(ledger.eventStore().gapTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(ledger.aggregates().cache()).isEqualTo("none");
        assertThat(bind(
                                Map.of("ledger.projections.parked.recheck-interval", "PT0S"),
                                "ledger.projections",
                                ProjectionsProperties.class)
                        .parked()
                        .recheckInterval())
                .isZero();
        assertThat(bind(
                        Map.of(
                                "ledger.projections.rebuild",
                                "staffing,talks",
                                "ledger.projections.cached-events",
                                "50"),
                        "ledger.projections",
                        ProjectionsProperties.class))
                .satisfies(projections -> {
                    assertThat(projections.rebuild()).isEqualTo("staffing,talks");
                    assertThat(projections.cachedEvents()).isEqualTo(50);
                });
        assertThat(bind(
                                Map.of(
                                        "ledger.security.auth-cache",
                                        "PT0S",
                                        "ledger.security.management-port-open",
                                        "false"),
                                "ledger.security",
                                LedgerUsersProperties.class)
                        .managementPortOpen())
                .isFalse();
    }
}
