package org.diplomaticledger.states;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.diplomaticledger.ledger.LedgerWriter;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.LedgerTime;
import org.diplomaticledger.shared.Provenance;
import org.diplomaticledger.states.api.SeedStates;
import org.diplomaticledger.states.api.StatePeriod;
import org.diplomaticledger.states.api.StateRegistered;
import org.diplomaticledger.states.projection.StateRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Seeds the register of states on the ledger's first start, before anything else is written (the demo loader, an
 * import): one {@link SeedStates} command with every row of {@code states/states.csv}, so one event, in the audit chain
 * like any other. A ledger that holds the seed is left as it is; two nodes starting together both try, and the one
 * that loses finds the other's seed.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class StateSeed implements ApplicationRunner {

    static final String RESOURCE = "states/states.csv";
    static final String SEED = "ISO 3166-1 and ISO 3166-3, states/states.csv v1";
    private static final Logger log = LoggerFactory.getLogger(StateSeed.class);

    private final LedgerWriter writer;
    private final StateRegistry registry;

    StateSeed(LedgerWriter writer, StateRegistry registry) {
        this.writer = writer;
        this.registry = registry;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (registry.seeded()) {
            return;
        }
        List<StateRegistered> states = read();
        try {
            writer.write(
                    List.of(new SeedStates(
                            SEED,
                            states,
                            LedgerTime.EARLIEST,
                            new Provenance(
                                    "ISO 3166; dates from the Gleditsch-Ward list of independent states where known",
                                    null))),
                    new LedgerWriter.Context("ledger", "seed-" + UUID.randomUUID()),
                    null,
                    null);
            log.info("Seeded the register of states with {} states", states.size());
        } catch (RuntimeException e) {
            if (!registry.seeded()) {
                throw e;
            }
        }
        registry.refresh();
    }

    /** The seed's rows: code, alpha3, name, periods, predecessors, cow, gw, start_default, source. */
    static List<StateRegistered> read() {
        List<StateRegistered> states = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(new ClassPathResource(RESOURCE).getInputStream(), StandardCharsets.UTF_8))) {
            String header = reader.readLine();
            if (header == null || !header.startsWith("code,")) {
                throw new IllegalStateException(RESOURCE + " has no header");
            }
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    states.add(row(csv(line)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return states;
    }

    private static StateRegistered row(List<String> cells) {
        CountryCode code = CountryCode.of(cells.get(0));
        List<StatePeriod> periods = new ArrayList<>();
        for (String period : split(cells.get(3))) {
            String[] ends = period.split("/", -1);
            periods.add(new StatePeriod(LocalDate.parse(ends[0]), ends[1].isEmpty() ? null : LocalDate.parse(ends[1])));
        }
        List<CountryCode> predecessors =
                split(cells.get(4)).stream().map(CountryCode::of).toList();
        List<String> schemeCodes = new ArrayList<>();
        for (String scheme : List.of("cow", "gw")) {
            for (String pair : split(cells.get(scheme.equals("cow") ? 5 : 6))) {
                for (String part : pair.split(":")) {
                    if (!schemeCodes.contains(scheme + ":" + part)) {
                        schemeCodes.add(scheme + ":" + part);
                    }
                }
            }
        }
        return new StateRegistered(
                code,
                List.of(cells.get(2)),
                periods,
                predecessors,
                schemeCodes,
                Boolean.parseBoolean(cells.get(7)),
                periods.get(0).from(),
                new Provenance(cells.get(8), null));
    }

    private static List<String> split(String cell) {
        return cell.isBlank() ? List.of() : Arrays.asList(cell.split(";"));
    }

    /** One RFC 4180 line: commas, and double quotes around a cell that holds one. */
    private static List<String> csv(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
