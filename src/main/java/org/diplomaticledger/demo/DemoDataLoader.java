package org.diplomaticledger.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Comparator;
import java.util.UUID;
import org.diplomaticledger.ledger.CommandFailed;
import org.diplomaticledger.ledger.LedgerWriter;
import org.diplomaticledger.ledger.NdjsonCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * With {@code ledger.demo.load=true} (the demo profile), imports {@code demo/*.ndjson} in file-name order into an
 * empty ledger on start, as the user {@code demo-loader}, all or nothing. A ledger that holds events is left as it is.
 */
@Component
@ConditionalOnProperty(name = "ledger.demo.load", havingValue = "true")
class DemoDataLoader implements ApplicationRunner {

    static final String ACTOR = "demo-loader";
    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);

    private final JdbcTemplate jdbc;
    private final NdjsonCommands ndjson;
    private final LedgerWriter writer;

    DemoDataLoader(JdbcTemplate jdbc, NdjsonCommands ndjson, LedgerWriter writer) {
        this.jdbc = jdbc;
        this.ndjson = ndjson;
        this.writer = writer;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        // The register of states' seed (written first, on every new ledger) does not make a ledger non-empty.
        Long events = jdbc.queryForObject(
                "SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier <> 'STATE-REGISTER'", Long.class);
        if (events != null && events > 0) {
            log.info("Demo data not loaded: the ledger already holds {} events", events);
            return;
        }
        Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath*:demo/*.ndjson");
        if (files.length == 0) {
            log.warn("Demo data not loaded: no demo/*.ndjson on the class path");
            return;
        }
        Arrays.sort(files, Comparator.comparing(Resource::getFilename));
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Resource file : files) {
            try (InputStream in = file.getInputStream()) {
                in.transferTo(all);
            }
            all.write('\n');
        }
        NdjsonCommands.Parsed parsed;
        try {
            parsed = ndjson.parse(all.toByteArray());
        } catch (NdjsonCommands.InvalidLines e) {
            throw new IllegalStateException(
                    "The demo data is invalid (line numbers count across "
                            + Arrays.toString(Arrays.stream(files)
                                    .map(Resource::getFilename)
                                    .toArray()) + "): " + e.errors(),
                    e);
        }
        try {
            var receipts = writer.write(
                    parsed.commands(), new LedgerWriter.Context(ACTOR, "demo-" + UUID.randomUUID()), null, null);
            long last = receipts.get(receipts.size() - 1).position();
            log.info(
                    "Demo data loaded: {} commands from {} file(s), ledger now at position {}",
                    receipts.size(),
                    files.length,
                    last);
        } catch (CommandFailed e) {
            throw new IllegalStateException(
                    "The demo data was refused at line " + parsed.lines().get(e.index()) + " (" + e.command() + "): "
                            + e.getMessage(),
                    e);
        }
    }
}
