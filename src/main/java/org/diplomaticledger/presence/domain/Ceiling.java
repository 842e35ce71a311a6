package org.diplomaticledger.presence.domain;

import java.time.LocalDate;
import org.diplomaticledger.presence.api.StaffCategory;

/**
 * A staff ceiling the receiving state imposed on a presence, on one mission (missionId) or the whole presence (null),
 * on one category or all (null). Lifted or replaced ones stay, no longer in force. Immutable: lifting replaces it.
 */
record Ceiling(
        String ceilingId, String missionId, StaffCategory category, int limit, LocalDate since, boolean inForce) {

    boolean covers(String staffMission, StaffCategory staffCategory) {
        return (missionId == null || missionId.equals(staffMission)) && (category == null || category == staffCategory);
    }

    boolean isInForceFor(String scopeMission, StaffCategory scopeCategory) {
        return inForce && java.util.Objects.equals(missionId, scopeMission) && category == scopeCategory;
    }

    Ceiling lifted() {
        return new Ceiling(ceilingId, missionId, category, limit, since, false);
    }

    String describeScope(String presenceId) {
        return describeScope(presenceId, missionId, category);
    }

    static String describeScope(String presenceId, String missionId, StaffCategory category) {
        return (missionId == null ? "the presence " + presenceId : "mission " + missionId)
                + (category == null ? "" : " (" + category + " staff)");
    }
}
