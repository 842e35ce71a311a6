package org.diplomaticledger.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.diplomaticledger.DiplomaticLedgerApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Outside the demo the ledger never runs open: without configured users it refuses to start, and says why. */
class UsersConfigurationTest {

    @TempDir
    Path dataDir;

    @Test
    void refusesToStartWithoutUsers() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(DiplomaticLedgerApplication.class)
                        .run("--ledger.data-dir=" + dataDir, "--server.port=0", "--spring.main.banner-mode=off"))
                .hasStackTraceContaining("No users are configured");
    }

    @Test
    void refusesAnUnknownRole() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(DiplomaticLedgerApplication.class)
                        .run(
                                "--ledger.data-dir=" + dataDir,
                                "--server.port=0",
                                "--spring.main.banner-mode=off",
                                "--ledger.security.users[0].username=alice",
                                "--ledger.security.users[0].password=secret",
                                "--ledger.security.users[0].roles=SUPERUSER"))
                .hasStackTraceContaining("unknown role 'SUPERUSER'");
    }
}
