package org.diplomaticledger.history;

import java.util.List;
import java.util.Optional;
import org.axonframework.common.caching.NoCache;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.diplomaticledger.history.api.RevisionRoute;

/**
 * Runs corrections and retractions in an aggregate's test fixture as the ledger runs them: {@code CorrectEntry} and
 * {@code RetractEntry} go to {@link EntryRevisions}, which reads the fixture's history, judges the revision under the
 * route's rules and hands the aggregate the route's command. Every event id is taken to belong to the fixture's
 * aggregate (the event table's look-up is the one part left out), so an id it never recorded reaches the rules.
 */
public final class RevisionsInAFixture {

    private RevisionsInAFixture() {}

    public static void register(FixtureConfiguration<?> fixture, String aggregateId, RevisionRoute route) {
        EntryRevisions.Owners owners =
                eventId -> Optional.of(new EntryRevisions.Owner(aggregateId, route.aggregateType()));
        fixture.registerAnnotatedCommandHandler(new EntryRevisions(
                owners, fixture.getEventStore(), fixture.getCommandBus(), NoCache.INSTANCE, List.of(route)));
    }
}
