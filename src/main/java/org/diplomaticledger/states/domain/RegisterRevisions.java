package org.diplomaticledger.states.domain;

import org.diplomaticledger.history.api.RevisionRoute;
import org.diplomaticledger.history.api.RevisionRules;
import org.diplomaticledger.states.api.ReviseRegisterEntry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How retractions reach the {@link StateRegister}: a succession an ADMIN recorded can be retracted; the register
 * refuses every other revision of its entries (docs/states.md#retracting-a-succession).
 */
@Configuration(proxyBeanMethods = false)
class RegisterRevisions {

    /** No register event brings anything into being that a later event of the register refers to. */
    static final RevisionRoute ROUTE =
            new RevisionRoute(StateRegister.class.getSimpleName(), RevisionRules.NONE, ReviseRegisterEntry::new, true);

    @Bean
    RevisionRoute registerRevisionRoute() {
        return ROUTE;
    }
}
