package org.diplomaticledger.support;

import java.util.UUID;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A real (in-memory) H2 database of its own for each test, closed after it: for tests of the projections' SQL
 * helpers, which need tables but no ledger. Register it on an instance field:
 * {@code @RegisterExtension final ScratchH2 h2 = new ScratchH2();} and read {@link #jdbc()} in a {@code @BeforeEach}.
 */
public final class ScratchH2 implements BeforeEachCallback, AfterEachCallback {

    private SingleConnectionDataSource dataSource;
    private JdbcTemplate jdbc;

    @Override
    public void beforeEach(ExtensionContext context) {
        dataSource = new SingleConnectionDataSource("jdbc:h2:mem:" + UUID.randomUUID(), true);
        jdbc = new JdbcTemplate(dataSource);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        dataSource.destroy();
    }

    /** The test's database. */
    public JdbcTemplate jdbc() {
        return jdbc;
    }
}
