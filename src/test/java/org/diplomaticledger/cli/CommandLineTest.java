package org.diplomaticledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar's command line in this JVM, without Spring: what serves and what does not, usage errors, the old entry
 * names. (The packaged jar's {@code --help} in an empty directory is PackagedApplicationIT's.)
 */
class CommandLineTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<String[]> served = new ArrayList<>();

    private LedgerCommandLine cli(String stdin) {
        return new LedgerCommandLine(
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of(),
                served::add);
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return cli("").execute(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpShowsEveryCommandsUsageAndServesNothing() {
        for (String help : new String[] {"--help", "-h", "help"}) {
            assertThat(run(help)).as(help + ": " + err()).isZero();
            for (String command : List.of(
                    "serve",
                    "import",
                    "export",
                    "verify-export",
                    "digest",
                    "verify-digest",
                    "rebuild",
                    "tail",
                    "hash-password",
                    "bench")) {
                assertThat(out()).as(help).contains("java -jar diplomatic-ledger.jar " + command + " [");
            }
            assertThat(out()).contains("--chunk-size=LINES", "--resume-from=LINE", "--state-file=FILE", "Exit codes:");
        }
        assertThat(run("import", "--help")).isZero();
        assertThat(out()).contains("Idempotency-Key", "--chunk-size");
        assertThat(served).isEmpty();
    }

    @Test
    void printsItsVersion() {
        assertThat(run("--version")).isZero();
        assertThat(out()).startsWith("diplomatic-ledger ");
        assertThat(served).isEmpty();
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        assertThat(run("improt", "file.ndjson")).isEqualTo(2);
        assertThat(err()).contains("unknown command 'improt'", "Did you mean", "import");
        assertThat(run("-x")).isEqualTo(2);
        assertThat(err()).contains("Unknown option: '-x'");
        assertThat(run("rebuild")).isEqualTo(2);
        assertThat(err()).contains("Missing required parameter: 'NAME'");
        assertThat(served).isEmpty();
    }

    @Test
    void servesWithNoArgumentsAndWithSpringOptionsAsTheyAre() {
        LedgerCommandLine bare = cli("");
        assertThat(bare.execute()).isZero();
        assertThat(bare.serving()).isTrue();
        assertThat(served.get(0)).isEmpty();

        String[] spring = {"--spring.profiles.active=demo", "--server.port=8081", "--ledger.data-dir=/tmp/x", "--debug"
        };
        assertThat(cli("").execute(spring)).isZero();
        assertThat(served.get(1)).containsExactly(spring);

        assertThat(cli("").execute("serve", "--server.port=0", "@not-a-file")).isZero();
        assertThat(served.get(2)).containsExactly("--server.port=0", "@not-a-file");
    }

    @Test
    void keepsTheOldEntryNames(@TempDir Path dir) {
        assertThat(cli("secret\n").execute("hash-password", "--strength", "4")).isZero();
        assertThat(out()).startsWith("{bcrypt}$2a$04$");

        assertThat(run("verify-export", dir.resolve("missing.ndjson").toString()))
                .isEqualTo(2);
        assertThat(err()).contains("no such file");
        assertThat(run(
                        "verify-digest",
                        dir.resolve("missing.json").toString(),
                        "--key",
                        dir.resolve("key.pem").toString()))
                .isEqualTo(2);
        assertThat(run(
                        "digest",
                        "--check",
                        dir.resolve("missing.json").toString(),
                        "--key",
                        dir.resolve("key.pem").toString()))
                .isEqualTo(2);
        assertThat(served).isEmpty();
    }

    @Test
    void anImportNeedsAReadableFileAndAUserBeforeItSendsAnything(@TempDir Path dir) throws Exception {
        assertThat(run("import", dir.resolve("missing.ndjson").toString(), "-u", "clerk", "-p", "clerk"))
                .isEqualTo(2);
        assertThat(err()).contains("cannot read", "no such file");

        Path file = Files.writeString(dir.resolve("one.ndjson"), "{}\n");
        assertThat(run("import", file.toString())).isEqualTo(2);
        assertThat(err()).contains("--user");
        assertThat(run(
                        "import",
                        file.toString(),
                        "-u",
                        "clerk",
                        "-p",
                        "clerk",
                        "--chunk-size",
                        "2",
                        "--resume-from",
                        "2"))
                .isEqualTo(2);
        assertThat(err()).contains("--resume-from must be the first line of a chunk");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }
}
