package org.diplomaticledger.relations.domain;

import org.diplomaticledger.history.api.RevisionRoute;
import org.diplomaticledger.history.api.RevisionRules;
import org.diplomaticledger.relations.api.ReviseRelationsEntry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How corrections and retractions reach {@link BilateralRelations}. */
@Configuration(proxyBeanMethods = false)
class RelationsRevisions {

    /** No relations event brings anything into being that later events refer to. */
    static final RevisionRoute ROUTE =
            new RevisionRoute(BilateralRelations.class.getSimpleName(), RevisionRules.NONE, ReviseRelationsEntry::new);

    @Bean
    RevisionRoute relationsRevisionRoute() {
        return ROUTE;
    }
}
