package org.diplomaticledger.dashboard;

import org.diplomaticledger.security.Role;
import org.springframework.security.core.Authentication;

/** Which of the dashboard's pages a signed-in user's roles reach (the same roles as the API's paths). */
final class Roles {

    private Roles() {}

    static boolean has(Authentication user, Role... roles) {
        if (user == null) {
            return false;
        }
        for (Role role : roles) {
            if (user.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_" + role.name()))) {
                return true;
            }
        }
        return false;
    }

    /** ANALYST, AUDITOR, ADMIN: the roles that read projections. */
    static boolean reads(Authentication user) {
        return has(user, Role.ANALYST, Role.AUDITOR, Role.ADMIN);
    }

    /** AUDITOR, ADMIN: the roles of history and the audit chain. */
    static boolean audits(Authentication user) {
        return has(user, Role.AUDITOR, Role.ADMIN);
    }

    /** CLERK: the forms that record facts (the role that sends commands). */
    static boolean records(Authentication user) {
        return has(user, Role.CLERK);
    }

    /** INTEGRATOR, AUDITOR, ADMIN: the live feed of the ledger's events. */
    static boolean feeds(Authentication user) {
        return has(user, Role.INTEGRATOR, Role.AUDITOR, Role.ADMIN);
    }
}
