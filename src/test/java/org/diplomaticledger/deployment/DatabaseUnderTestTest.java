package org.diplomaticledger.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.diplomaticledger.support.LedgerIntegrationTest;
import org.diplomaticledger.support.PostgresTestDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The suite runs on the database it claims to: PostgreSQL with -Dledger.test.database=postgresql, else H2. */
class DatabaseUnderTestTest extends LedgerIntegrationTest {

    @Autowired
    DataSource dataSource;

    @Test
    void theLedgerIsOnTheChosenDatabase() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            assertThat(connection.getMetaData().getDatabaseProductName())
                    .isEqualTo(PostgresTestDatabases.enabled() ? "PostgreSQL" : "H2");
        }
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"success\"", Integer.class))
                .isGreaterThanOrEqualTo(6);
    }
}
