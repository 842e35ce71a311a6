package org.diplomaticledger.talks.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/** The shape of client-supplied ids in the talks capability, and the small helpers its records share. */
final class TalksIds {

    // Lower case only: upper-case ids belong to presences (RU-US) and relations (RELATIONS-RU-US), and all
    // aggregates share one ledger, so their ids must never meet.
    static final String PATTERN = "^[a-z0-9][a-z0-9._-]{0,99}$";
    static final String MESSAGE =
            "must start with a lower-case letter or digit and contain at most 100 lower-case letters, digits, '.', '_' or '-'";

    private TalksIds() {}

    /** An id for talks the client did not name. */
    static String generate() {
        return UUID.randomUUID().toString();
    }

    /**
     * An unmodifiable copy, empty when the list is absent. Null elements are kept (unlike {@link List#copyOf}), so
     * that Bean Validation can name them instead of the constructor failing with a bare NullPointerException.
     */
    static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }
}
