package org.diplomaticledger.presence.domain;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.diplomaticledger.history.api.RevisionRoute;
import org.diplomaticledger.history.api.RevisionRules;
import org.diplomaticledger.presence.api.AgrementGranted;
import org.diplomaticledger.presence.api.AgrementRequested;
import org.diplomaticledger.presence.api.AmbassadorAppointed;
import org.diplomaticledger.presence.api.ChargeDAffairesAppointed;
import org.diplomaticledger.presence.api.DiplomatAccredited;
import org.diplomaticledger.presence.api.DiplomatExpelled;
import org.diplomaticledger.presence.api.MissionOpened;
import org.diplomaticledger.presence.api.MissionRankChanged;
import org.diplomaticledger.presence.api.RevisePresenceEntry;
import org.diplomaticledger.presence.api.StaffCeilingImposed;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How corrections and retractions reach a {@link Presence}, and what its events mean for them. */
@Configuration(proxyBeanMethods = false)
class PresenceRevisions {

    /**
     * What the presence's events introduce, and what identifies them besides ids and states. A change of rank is
     * identified by the two kinds: a wrong one is retracted, not turned into another change (a correction may move its
     * date or its source).
     */
    static final RevisionRules RULES = new RevisionRules(
            Map.of(
                    MissionOpened.class,
                    List.of("missionId"),
                    DiplomatAccredited.class,
                    List.of("personId"),
                    DiplomatExpelled.class,
                    List.of("expulsionId"),
                    StaffCeilingImposed.class,
                    List.of("ceilingId"),
                    AgrementRequested.class,
                    List.of("personId"),
                    AgrementGranted.class,
                    List.of("personId"),
                    AmbassadorAppointed.class,
                    List.of("personId"),
                    ChargeDAffairesAppointed.class,
                    List.of("personId")),
            Map.of(
                    MissionOpened.class,
                    Set.of("kind", "city", "organisation"),
                    MissionRankChanged.class,
                    Set.of("previousKind", "kind")));

    static final RevisionRoute ROUTE =
            new RevisionRoute(Presence.class.getSimpleName(), RULES, RevisePresenceEntry::new);

    @Bean
    RevisionRoute presenceRevisionRoute() {
        return ROUTE;
    }
}
