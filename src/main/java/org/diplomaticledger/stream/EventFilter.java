package org.diplomaticledger.stream;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.diplomaticledger.projection.QueryParameterException;
import org.diplomaticledger.projection.QueryParams;
import org.diplomaticledger.shared.CountryCode;

/**
 * What a consumer wants of the ledger: event types (by name, {@code DiplomatExpelled}, or CloudEvents type,
 * {@code org.diplomaticledger.DiplomatExpelled.v1}), a state as sending, receiving state or party, an aggregate
 * (the CloudEvent's subject), and a range of effective dates. Empty means everything.
 */
public record EventFilter(Set<String> types, String state, String aggregate, LocalDate from, LocalDate to) {

    public static final EventFilter ALL = new EventFilter(Set.of(), null, null, null, null);

    /**
     * Reads the query parameters; a bad one is a {@link QueryParameterException} naming it.
     *
     * @param types repeated and/or comma-separated type names
     * @param known the ledger's event names, e.g. {@code DiplomatExpelled}
     */
    public static EventFilter parse(
            Collection<String> types, String state, String aggregate, String from, String to, Set<String> known) {
        Set<String> wanted = new TreeSet<>();
        if (types != null) {
            for (String value : types) {
                for (String type : value.split(",")) {
                    String name = type.trim();
                    if (name.isEmpty()) {
                        continue;
                    }
                    String simple = name.startsWith(LedgerCloudEvents.TYPE_PREFIX)
                            ? name.substring(LedgerCloudEvents.TYPE_PREFIX.length())
                                    .replaceFirst("\\.v\\d+$", "")
                            : name;
                    if (!known.contains(simple)) {
                        throw new QueryParameterException("type", "no event type '" + name + "'; types are " + known);
                    }
                    wanted.add(name);
                }
            }
        }
        CountryCode country = QueryParams.country("state", state);
        if (aggregate != null && (aggregate.isBlank() || aggregate.length() > 255)) {
            throw new QueryParameterException("aggregate", "an aggregate id such as RU-US, of at most 255 characters");
        }
        LocalDate fromDate = date("from", from);
        LocalDate toDate = date("to", to);
        if (fromDate != null && toDate != null && fromDate.isAfter(toDate)) {
            throw new QueryParameterException("from", "from " + fromDate + " is after to " + toDate);
        }
        return new EventFilter(
                Set.copyOf(wanted),
                country == null ? null : country.value(),
                aggregate == null ? null : aggregate.trim(),
                fromDate,
                toDate);
    }

    private static LocalDate date(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return org.diplomaticledger.shared.LedgerTime.parse(parameter, value, java.time.Clock.systemUTC());
        } catch (org.diplomaticledger.shared.InvalidValueException e) {
            throw new QueryParameterException(parameter, e.getMessage());
        }
    }

    public boolean isEmpty() {
        return types.isEmpty() && state == null && aggregate == null && from == null && to == null;
    }

    public boolean matches(StreamedEvent event) {
        if (!types.isEmpty() && !types.contains(event.name()) && !types.contains(event.type())) {
            return false;
        }
        if (aggregate != null && !aggregate.equals(event.subject())) {
            return false;
        }
        if (from != null || to != null) {
            LocalDate effective = event.effectiveDate();
            if (effective == null || from != null && effective.isBefore(from) || to != null && effective.isAfter(to)) {
                return false;
            }
        }
        return state == null || event.states().contains(state);
    }

    /** The filter as query parameters, for links. */
    public List<String> asQuery() {
        List<String> query = new ArrayList<>();
        types.forEach(type -> query.add("type=" + type));
        if (state != null) {
            query.add("state=" + state);
        }
        if (aggregate != null) {
            query.add("aggregate=" + java.net.URLEncoder.encode(aggregate, java.nio.charset.StandardCharsets.UTF_8));
        }
        if (from != null) {
            query.add("from=" + from);
        }
        if (to != null) {
            query.add("to=" + to);
        }
        return query;
    }
}
