package org.diplomaticledger.history.api;

import java.util.Objects;
import java.util.function.BiFunction;

/**
 * How a correction or retraction reaches one type of aggregate. Each capability registers one route per aggregate
 * type as a Spring bean; {@code history} finds the aggregate that recorded the event named, reads its history, judges
 * the revision under the route's {@link RevisionRules} and sends the aggregate the route's command. {@code history}
 * names no capability: adding an aggregate type adds a route.
 *
 * @param aggregateType the aggregate's type as the event table stores it (its simple class name, {@code Presence})
 * @param rules         what the aggregate's events introduce and what identifies them
 * @param command       the command that hands the aggregate (by its id) the judged revision
 * @param byAdmin       whether an ADMIN revises these entries (the register's successions, which an ADMIN records);
 *                      a CLERK revises the others, and an ADMIN's revision of one of them is refused
 */
public record RevisionRoute(
        String aggregateType,
        RevisionRules rules,
        BiFunction<String, JudgedRevision, ? extends ReviseEntry> command,
        boolean byAdmin) {

    public RevisionRoute {
        Objects.requireNonNull(aggregateType, "aggregateType");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(command, "command");
    }

    /** The route of entries a CLERK records and revises. */
    public RevisionRoute(
            String aggregateType,
            RevisionRules rules,
            BiFunction<String, JudgedRevision, ? extends ReviseEntry> command) {
        this(aggregateType, rules, command, false);
    }
}
