package org.diplomaticledger.history.api;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an aggregate's events mean for corrections and retractions, beyond ids and states (which every aggregate's
 * events share: a field ending in {@code Id} or {@code Ids}, or naming a state, identifies what an event is about).
 *
 * @param introduces per event type, the id fields whose value the event brings into being (MissionOpened:
 *                   missionId); a later event naming that value depends on it, and the event cannot be retracted
 *                   before that later event is
 * @param identifies per event type, identifying fields besides ids and states (MissionOpened: city, kind, which
 *                   its mission id is made of); they cannot be corrected
 */
public record RevisionRules(Map<Class<?>, List<String>> introduces, Map<Class<?>, Set<String>> identifies) {

    public RevisionRules {
        introduces = Map.copyOf(introduces);
        identifies = Map.copyOf(identifies);
    }

    /** No event introduces anything, and only ids and states identify. */
    public static final RevisionRules NONE = new RevisionRules(Map.of(), Map.of());
}
