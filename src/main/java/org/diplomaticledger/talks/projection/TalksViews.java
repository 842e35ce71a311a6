package org.diplomaticledger.talks.projection;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/** What the talks board answers. */
public final class TalksViews {

    private TalksViews() {}

    public record VenueView(String city, String country, String place) {}

    public record MemberView(String name, String title, Boolean diplomat, String personId) {
        @Override
        public String toString() {
            return name + (title == null ? "" : " (" + title + ")");
        }
    }

    public record DelegationView(
            String state,
            String headName,
            String headTitle,
            boolean headDiplomat,
            List<MemberView> members,
            LocalDate namedOn) {
        @Override
        public String toString() {
            return state + ": " + headName + (headTitle == null ? "" : " (" + headTitle + ")")
                    + (members.isEmpty() ? "" : " + " + members.size() + " member(s)");
        }
    }

    /** One talks on the board. */
    public record TalksView(
            String talksId,
            String title,
            String status,
            LocalDate statusSince,
            LocalDate date,
            LocalTime time,
            VenueView venue,
            boolean thirdLocation,
            String scope,
            List<String> excludedTopics,
            String format,
            List<String> parties,
            List<DelegationView> delegations,
            LocalDate heldOn,
            LocalDate endDate,
            LocalDate concludedOn,
            String outcome,
            String statement,
            List<String> followUps,
            String cancelledBy,
            Instant lastRecordedAt) {}

    /** One step in a talks' status history. */
    public record StatusChange(
            int seq,
            String status,
            LocalDate effectiveDate,
            Instant recordedAt,
            String event,
            String note,
            String source) {}

    /** One talks with its whole status history. */
    public record TalksDetail(TalksView talks, List<StatusChange> history) {}
}
