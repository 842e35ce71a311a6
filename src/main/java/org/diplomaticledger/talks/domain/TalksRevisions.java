package org.diplomaticledger.talks.domain;

import java.util.List;
import java.util.Map;
import org.diplomaticledger.history.api.RevisionRoute;
import org.diplomaticledger.history.api.RevisionRules;
import org.diplomaticledger.talks.api.ReviseTalksEntry;
import org.diplomaticledger.talks.api.TalksScheduled;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How corrections and retractions reach {@link Talks}, and what their events mean for them. */
@Configuration(proxyBeanMethods = false)
class TalksRevisions {

    /** The scheduling brings the talks into being, so every later event depends on it. */
    static final RevisionRules RULES = new RevisionRules(Map.of(TalksScheduled.class, List.of("talksId")), Map.of());

    static final RevisionRoute ROUTE = new RevisionRoute(Talks.class.getSimpleName(), RULES, ReviseTalksEntry::new);

    @Bean
    RevisionRoute talksRevisionRoute() {
        return ROUTE;
    }
}
