package org.diplomaticledger.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.diplomaticledger.presence.projection.StaffingViews.CeilingView;
import org.diplomaticledger.presence.projection.StaffingViews.PresenceStaffingView;
import org.diplomaticledger.relations.projection.RelationsViews.RelationsView;

/**
 * The overview: the presences as a matrix, sending states down, receiving states across, one cell per presence,
 * and the level of relations between every pair the ledger knows.
 *
 * @param sending   the sending states, in order (the rows)
 * @param receiving the receiving states, in order (the columns)
 * @param relations every pair's level of relations on the day shown
 * @param filter    the state the page is limited to, or null
 */
record OverviewPage(
        List<String> sending,
        List<String> receiving,
        Map<String, Cell> cells,
        List<RelationsView> relations,
        String filter,
        int presences) {

    /** One presence in the matrix. */
    record Cell(PresenceStaffingView presence, String link) {

        /** The presence's headcount, or "unknown" when no fact of the day gives one (a ceiling alone, say). */
        public String headcount() {
            return presence.headcountKnown()
                    ? String.valueOf(presence.headcount().total())
                    : "unknown";
        }

        /** The word after the headcount: "unknown headcount" reads better than "unknown staff". */
        public String headcountNoun() {
            return presence.headcountKnown() ? "staff" : "headcount";
        }

        /** The ceilings in force, each as "limit (room n)", "limit (over by n)" or "limit (headcount unknown)". */
        public List<String> ceilings() {
            List<String> texts = new ArrayList<>();
            for (CeilingView ceiling : presence.ceilings()) {
                texts.add(ceiling.limit()
                        + (ceiling.category() == null ? "" : " " + Labels.category(ceiling.category()))
                        + (!ceiling.headcountKnown()
                                ? " (headcount unknown)"
                                : ceiling.excess() != null
                                        ? " (over by " + ceiling.excess() + ")"
                                        : " (room " + ceiling.room() + ")"));
            }
            return texts;
        }

        public boolean overCeiling() {
            return presence.ceilings().stream().anyMatch(ceiling -> ceiling.excess() != null);
        }

        public String missions() {
            return presence.missions().open() + " open, " + presence.missions().suspended() + " suspended, "
                    + (presence.missions().closing() > 0 ? presence.missions().closing() + " closing, " : "")
                    + presence.missions().closed() + " closed";
        }

        /** The level of relations between the two states, or null when the ledger knows none on the day. */
        public String relations() {
            return presence.relations() == null
                    ? null
                    : Labels.level(presence.relations().level());
        }

        public String relationsClass() {
            return presence.relations() == null
                    ? ""
                    : "level-" + presence.relations().level().toLowerCase(java.util.Locale.ROOT);
        }
    }

    static OverviewPage of(
            List<PresenceStaffingView> presences, List<RelationsView> relations, String filter, TimeControls time) {
        TreeSet<String> sending = new TreeSet<>();
        TreeSet<String> receiving = new TreeSet<>();
        Map<String, Cell> cells = new TreeMap<>();
        for (PresenceStaffingView presence : presences) {
            sending.add(presence.sendingState());
            receiving.add(presence.receivingState());
            cells.put(
                    presence.sendingState() + "-" + presence.receivingState(),
                    new Cell(
                            presence,
                            time.link("/presences/" + presence.sendingState() + "/" + presence.receivingState())));
        }
        return new OverviewPage(
                List.copyOf(sending), List.copyOf(receiving), cells, relations, filter, presences.size());
    }

    /** The presence of the sending state in the receiving state, or null. */
    public Cell cell(String sendingState, String receivingState) {
        return cells.get(sendingState + "-" + receivingState);
    }
}
