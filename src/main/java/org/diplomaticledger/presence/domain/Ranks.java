package org.diplomaticledger.presence.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.diplomaticledger.presence.api.HeadOfMissionClass;
import org.diplomaticledger.presence.api.MissionKind;
import org.diplomaticledger.presence.api.PresenceIds;

/**
 * A mission's kind from each date on, in the order recorded: each (re)opening, under the kind it was opened as, and
 * each change of rank (a legation raised to an embassy, an embassy lowered to a legation). The rules read the kind
 * on any day from it, as the projections do. Immutable: each event that sets the kind replaces it.
 */
record Ranks(List<Rank> ranks) {

    static final Ranks NONE = new Ranks(List.of());

    /** From {@code from} on, the mission was of {@code kind}; {@code opening}: it was (re)opened that day. */
    record Rank(LocalDate from, MissionKind kind, boolean opening) {}

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

    /**
     * The id the mission would have had, had it been opened as the kind it is now ({@code kind}):
     * {@code US-JP-EMBASSY-TOKYO} for {@code US-JP-LEGATION-TOKYO} raised to an embassy; its own id while it is of the
     * kind it was opened as.
     */
    String idAsItIsNow(String missionId, MissionKind kind) {
        MissionKind openedAs = lastOpening().kind();
        if (openedAs == kind) {
            return missionId;
        }
        String presence = PresenceIds.presenceOfMission(missionId);
        return presence + "-" + kind.idPart()
                + missionId.substring(presence.length() + 1 + openedAs.idPart().length());
    }

    /**
     * The class of head given, else the one the mission's kind on that day calls for: an envoy for a legation, an
     * ambassador otherwise (VCDR Art. 14). A head keeps the class of their appointment when the mission's rank
     * changes: an envoy in office at a legation raised to an embassy stays an envoy until an ambassador is accredited.
     */
    HeadOfMissionClass classOn(HeadOfMissionClass given, LocalDate day) {
        if (given != null) {
            return given;
        }
        return on(day) == MissionKind.LEGATION ? HeadOfMissionClass.ENVOY : HeadOfMissionClass.AMBASSADOR;
    }

    /** "an embassy", "a legation". */
    static String article(MissionKind kind) {
        String words = kind.name().toLowerCase().replace('_', ' ');
        return (words.startsWith("e") ? "an " : "a ") + words;
    }

    private Ranks with(Rank rank) {
        List<Rank> more = new ArrayList<>(ranks);
        more.add(rank);
        return new Ranks(more);
    }
}
