package org.diplomaticledger.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.diplomaticledger.DiplomaticLedgerApplication;
import org.diplomaticledger.ledger.CommandFailed;
import org.diplomaticledger.ledger.CommandReceipt;
import org.diplomaticledger.ledger.LedgerWriter;
import org.diplomaticledger.projection.ProjectionPositions;
import org.diplomaticledger.projection.ProjectionRebuilder;
import org.diplomaticledger.projection.RebuildStatus;
import org.diplomaticledger.shared.LedgerCommand;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The whole ledger in this JVM, started once and shared, for property tests (jqwik runs outside Spring's test
 * support). Commands go through the real write path; events are read back from the real store.
 */
public final class LedgerApp {

    private static LedgerApp instance;
    private static final AtomicInteger UNIQUE = new AtomicInteger();

    private final ConfigurableApplicationContext context;

    private LedgerApp(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static synchronized LedgerApp get() {
        if (instance == null) {
            try {
                String dir = Files.createTempDirectory("ledger-properties-").toString();
                instance = new LedgerApp(new SpringApplicationBuilder(DiplomaticLedgerApplication.class)
                        .profiles("test")
                        .run("--ledger.data-dir=" + dir, "--server.port=0"));
                Runtime.getRuntime().addShutdownHook(new Thread(instance.context::close));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    /** A number no other caller in this JVM gets: for ids that must not meet another try's. */
    public static int unique() {
        return UNIQUE.incrementAndGet();
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public JdbcTemplate jdbc() {
        return bean(JdbcTemplate.class);
    }

    /** Sends the command; the receipt, or empty when a rule refused it (nothing written then). */
    public Optional<CommandReceipt> send(LedgerCommand command) {
        try {
            return Optional.of(bean(LedgerWriter.class)
                    .write(
                            List.of(command),
                            new LedgerWriter.Context("property-test", "property-" + unique()),
                            null,
                            null)
                    .get(0));
        } catch (CommandFailed refused) {
            return Optional.empty();
        }
    }

    /** Every event of the aggregate, in order, as stored. */
    public List<DomainEventMessage<?>> events(String aggregateId) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        bean(EventStore.class).readEvents(aggregateId).asStream().forEach(events::add);
        return events;
    }

    /**
     * The events in effective order, ties kept in the order given (a stable sort): the order in which the projections
     * fold an aggregate's events to tell the world on a day.
     */
    public static List<DomainEventMessage<?>> inEffectiveOrder(List<DomainEventMessage<?>> events) {
        List<DomainEventMessage<?>> sorted = new ArrayList<>(events);
        sorted.sort(java.util.Comparator.comparing((DomainEventMessage<?> event) ->
                ((org.diplomaticledger.shared.LedgerEvent) event.getPayload()).effectiveDate()));
        return sorted;
    }

    /** The commands sorted by effective date (a stable sort; no date counts as the latest). */
    public static List<org.diplomaticledger.shared.LedgerCommand> inEffectiveOrderOfCommands(
            List<org.diplomaticledger.shared.LedgerCommand> commands) {
        List<org.diplomaticledger.shared.LedgerCommand> sorted = new ArrayList<>(commands);
        sorted.sort(java.util.Comparator.comparing(
                org.diplomaticledger.shared.LedgerCommand::effectiveDate,
                java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())));
        return sorted;
    }

    /** Waits until the projection has applied everything up to the ledger's head. */
    public void awaitProjection(String projection) {
        ProjectionPositions positions = bean(ProjectionPositions.class);
        long head = positions.head();
        if (!positions.await(projection, head, Duration.ofSeconds(30))) {
            throw new AssertionError("projection " + projection + " did not reach " + head);
        }
    }

    /** Rebuilds the projection and waits for the rebuild to end; its status. */
    public RebuildStatus rebuild(String projection) {
        ProjectionRebuilder rebuilder = bean(ProjectionRebuilder.class);
        rebuilder.start(projection);
        try {
            return rebuilder.await(projection, Duration.ofMinutes(2)).orElseThrow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
