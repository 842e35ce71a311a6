package org.diplomaticledger.presence.domain;

import org.diplomaticledger.presence.api.MissionKind;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A mission's kind from each date on, in the order recorded: each (re)opening, under the kind it was opened as, and
 * each change of rank (a legation raised to an embassy, an embassy lowered to a legation). The rules read the kind
 * on any day from it, as the projections do. Immutable: each event that sets the kind replaces it.
 */
record Ranks(List<Rank> ranks) {

    static final Ranks NONE = new Ranks(List.of());

    /** From {@code from} on, the mission was of {@code kind}; {@code opening}: it was (re)opened that day. */
    record Rank(LocalDate from, MissionKind kind, boolean opening) {
    }

    Ranks {
        ranks = List.copyOf(ranks);
    }

    Ranks opened(MissionKind kind, LocalDate on) {
        return with(new Rank(on, kind, true));
    }

    Ranks changed(MissionKind kind, LocalDate on) {
        return with(new Rank(on, kind, false));
    }

    /**
     * The kind on a day: that of the latest rank from that day or before (of two on one day, the one recorded later);
     * before the first, the earliest rank's kind.
     */
    MissionKind on(LocalDate day) {
        Rank found = null;
        Rank earliest = null;
        for (Rank rank : ranks) {
            if (earliest == null || rank.from().isBefore(earliest.from())) {
                earliest = rank;
            }
            if (!rank.from().isAfter(day) && (found == null || !rank.from().isBefore(found.from()))) {
                found = rank;
            }
        }
        return found != null ? found.kind() : earliest == null ? null : earliest.kind();
    }

    /** The latest (re)opening, as recorded: its kind is the one the mission's id names. */
    Rank lastOpening() {
        for (int i = ranks.size() - 1; i >= 0; i--) {
            if (ranks.get(i).opening()) {
                return ranks.get(i);
            }
        }
        return null;
    }

    /** The latest day the kind was set on, by an opening or a change of rank. */
    LocalDate lastSetOn() {
        LocalDate last = null;
        for (Rank rank : ranks) {
            if (last == null || rank.from().isAfter(last)) {
                last = rank.from();
            }
        }
        return last;
    }

    private Ranks with(Rank rank) {
        List<Rank> more = new ArrayList<>(ranks);
        more.add(rank);
        return new Ranks(more);
    }
}
