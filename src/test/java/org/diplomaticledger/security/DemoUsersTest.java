package org.diplomaticledger.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * Issue 18, point 10: the demo profile has a user for every role, ADMIN included (rebuilds, metrics and health
 * details need no borrowed auditor), each with its name as password, as README.md and docs/api.md say.
 */
class DemoUsersTest {

    @Test
    void theDemoProfileHasAUserForEveryRoleAdminIncluded() throws Exception {
        Properties demo = PropertiesLoaderUtils.loadProperties(new ClassPathResource("application-demo.properties"));
        LedgerUsersProperties properties = new Binder(new MapConfigurationPropertySource(demo))
                .bind("ledger.security", LedgerUsersProperties.class)
                .get();
        UserDetailsService users = SecurityConfiguration.users(properties, true);
        for (Role role : Role.values()) {
            String name = role.name().toLowerCase(java.util.Locale.ROOT);
            var user = users.loadUserByUsername(name);
            assertThat(user.getAuthorities())
                    .extracting(GrantedAuthority::getAuthority)
                    .containsExactly("ROLE_" + role.name());
            assertThat(user.getPassword()).isEqualTo("{noop}" + name);
        }
    }
}
