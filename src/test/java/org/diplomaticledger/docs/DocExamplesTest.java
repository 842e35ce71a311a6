package org.diplomaticledger.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.diplomaticledger.DiplomaticLedgerApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * Every {@code curl} example of README.md, docs/*.md and docs/projections/*.md, run against a demo ledger and
 * compared with the answer the doc shows, so that the docs cannot drift from what the ledger answers. The
 * convention the docs follow (what is compared, what may vary, how to skip a block) is in docs/contract.md,
 * "Examples the build runs".
 *
 * <p>Each file that writes (a command or an import) runs on a fresh demo ledger of its own, its examples in
 * document order, as a reader would run them after {@code spring-boot:run -Dspring-boot.run.profiles=demo}: its
 * positions and totals are then exact. The files that only read run first, together, on the first ledger before
 * anything is written to it (reads leave positions as they are), so that only the writing files pay a start.
 */
class DocExamplesTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Pattern WRITE = Pattern.compile("/api/v1/(commands/|imports)");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void everyCurlExampleOfTheDocsAnswersAsDocumented() throws IOException {
        List<DocScript> scripts = new ArrayList<>();
        for (Path file : docFiles()) {
            DocScript script = DocScript.read(ROOT, file);
            if (!script.steps().isEmpty()) {
                scripts.add(script);
            }
        }
        List<DocScript> readers = scripts.stream().filter(s -> !writes(s)).toList();
        List<DocScript> writers =
                scripts.stream().filter(DocExamplesTest::writes).toList();
        assertThat(scripts).extracting(DocScript::name).contains("README.md", "docs/api.md");

        List<String> failures = new ArrayList<>();
        int run = 0;
        int skipped = 0;
        Path demo = Files.createTempDirectory("ledger-doc-test-demo-");
        try (Ledger ledger = Ledger.start(demo)) {
            for (DocScript script : readers) {
                int[] counts = runScript(script, ledger, failures);
                run += counts[0];
                skipped += counts[1];
            }
        }
        for (DocScript script : writers) {
            Path copy = Files.createTempDirectory("ledger-doc-test-");
            FileSystemUtils.copyRecursively(demo, copy);
            try (Ledger ledger = Ledger.start(copy)) {
                int[] counts = runScript(script, ledger, failures);
                run += counts[0];
                skipped += counts[1];
            }
        }
        System.out.printf("doc-test: %d examples run, %d skipped, in %d files%n", run, skipped, scripts.size());
        if (!failures.isEmpty()) {
            fail(failures.size() + " documented answer(s) differ from the ledger's:\n" + String.join("\n", failures));
        }
        assertThat(run).isGreaterThan(100);
    }

    private static boolean writes(DocScript script) {
        return script.steps().stream()
                .anyMatch(s -> s.skip() == null && WRITE.matcher(s.command()).find());
    }

    private static List<Path> docFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(ROOT.resolve("README.md"));
        for (String dir : List.of("docs", "docs/projections")) {
            try (Stream<Path> list = Files.list(ROOT.resolve(dir))) {
                list.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
            }
        }
        return files;
    }

    /** Runs one file's examples in order; the numbers run and skipped. */
    private static int[] runScript(DocScript script, Ledger ledger, List<String> failures) {
        long started = System.nanoTime();
        DocShell shell = new DocShell(ledger.port, script.file().getParent());
        int run = 0;
        int skipped = 0;
        boolean written = false;
        for (DocScript.Step step : script.steps()) {
            String where = script.name() + ":" + step.line() + ": " + step.firstLine();
            if (step.skip() != null) {
                skipped++;
                System.out.println("doc-test skip " + script.name() + ":" + step.line() + ": " + step.skip());
                continue;
            }
            run++;
            if (written && !WRITE.matcher(step.command()).find()) {
                ledger.awaitProjections(); // a read after writes sees them, as a reader a moment later would
                written = false;
            }
            DocShell.Result result;
            long stepStarted = System.nanoTime();
            try {
                result = shell.run(placeholders(step.command(), script, shell));
            } catch (RuntimeException e) {
                failures.add(where + "\n    could not run: " + e);
                continue;
            }
            long stepMillis = (System.nanoTime() - stepStarted) / 1_000_000;
            if (stepMillis > 1000) {
                System.out.println("doc-test slow " + where + ": " + stepMillis + " ms");
            }
            for (DocShell.Exchange exchange : result.exchanges()) {
                bind(script, shell, exchange);
            }
            List<String> answer = step.answer().stream()
                    .map(line -> placeholders(line, script, shell))
                    .toList();
            DocShell.Exchange last = result.last();
            boolean csv = last != null && last.contentType().startsWith("text/csv");
            List<String> diffs;
            try {
                diffs = DocAnswer.of(step.preamble(), answer, step.status(), csv)
                        .differences(result);
            } catch (RuntimeException e) {
                diffs = List.of("the documented answer cannot be read: " + e.getMessage());
            }
            if (!diffs.isEmpty()) {
                failures.add(where + "\n    answer at " + script.name() + ":" + step.answerLine() + ":\n    - "
                        + String.join("\n    - ", diffs));
            }
            written |= result.exchanges().stream().anyMatch(e -> e.method().equals("POST") && e.status() / 100 == 2);
        }
        System.out.printf(
                "doc-test %s: %d run, %d skipped, %d ms%n",
                script.name(), run, skipped, (System.nanoTime() - started) / 1_000_000);
        return new int[] {run, skipped};
    }

    /** The doc's placeholders ({@code let NAME = … from …}) replaced by the values bound so far. */
    private static String placeholders(String text, DocScript script, DocShell shell) {
        String out = text;
        for (DocScript.Binding binding : script.bindings()) {
            String value = shell.vars().get(binding.name());
            if (value != null) {
                out = out.replaceAll("\\b" + binding.name() + "\\b", Matcher.quoteReplacement(value));
            }
        }
        return out;
    }

    private static void bind(DocScript script, DocShell shell, DocShell.Exchange exchange) {
        for (DocScript.Binding binding : script.bindings()) {
            if (exchange.path().endsWith("/" + binding.command()) && exchange.status() / 100 == 2) {
                JsonNode node = DocAnswer.at(DocAnswer.json(exchange.body()), binding.path());
                shell.set(binding.name(), node == null ? "" : node.asText());
            }
        }
    }

    /** A demo ledger of its own: the demo profile on a random port, in a fresh data directory. */
    private static final class Ledger implements AutoCloseable {
        final ConfigurableApplicationContext context;
        final int port;

        private Ledger(ConfigurableApplicationContext context) {
            this.context = context;
            this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
        }

        /** Starts the demo ledger on {@code dir}: a fresh one loads the demo, a copy of a loaded one keeps it. */
        static Ledger start(Path dir) {
            long started = System.nanoTime();
            try {
                Ledger ledger = new Ledger(new SpringApplicationBuilder(DiplomaticLedgerApplication.class)
                        .profiles("demo")
                        .run(
                                "--ledger.data-dir=" + dir,
                                "--server.port=0",
                                "--spring.main.banner-mode=off",
                                "--logging.level.root=WARN",
                                "--logging.level.org.axonframework=WARN",
                                "--ledger.audit.publish.interval=0"));
                ledger.awaitProjections();
                System.out.printf(
                        "doc-test: a demo ledger started in %d ms%n", (System.nanoTime() - started) / 1_000_000);
                return ledger;
            } catch (RuntimeException e) {
                throw new IllegalStateException("the demo ledger did not start on " + dir, e);
            }
        }

        /** Waits until every projection has applied the ledger's head, so that a read sees the writes before it. */
        void awaitProjections() {
            await("the projections catching up with the head")
                    .atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> {
                        JsonNode projections = DocAnswer.json(get("/api/v1/projections"));
                        return projections != null
                                && !projections.findValues("lag").isEmpty()
                                && projections.findValues("lag").stream().allMatch(lag -> lag.asLong() == 0);
                    });
        }

        private String get(String path) {
            try {
                return HTTP.send(
                                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                        .header(
                                                "Authorization",
                                                "Basic "
                                                        + Base64.getEncoder()
                                                                .encodeToString(
                                                                        "admin:admin".getBytes(StandardCharsets.UTF_8)))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            context.close();
        }
    }
}
