package org.diplomaticledger.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.diplomaticledger.bench.BenchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The jar's command line ({@code java -jar diplomatic-ledger.jar [COMMAND]}, docs/cli.md), parsed by picocli before
 * Spring is touched: {@code --help}, {@code --version} and every command but {@code serve} run without starting the
 * ledger, so they open no port and create no {@code ./data}. {@code serve} is the default: with no arguments, or when
 * the first argument is a Spring option ({@code --spring.profiles.active=demo}, {@code --server.port=8081}), the
 * arguments go to Spring unchanged, as they always did.
 *
 * <p>Exit codes: 0 done, 1 failed (a refused import, a failed rebuild, an invalid export, a ledger that cannot be
 * reached), 2 bad usage (an unknown command or option, a missing file or password).
 */
@Command(
        name = "java -jar diplomatic-ledger.jar",
        mixinStandardHelpOptions = true,
        versionProvider = LedgerVersion.class,
        description = {
            "The diplomatic ledger: an event-sourced ledger of diplomatic relations.",
            "Without a command it serves (see serve). The commands that talk to a running ledger take --url "
                    + "(or LEDGER_URL, default http://localhost:8080), --user and --password (or LEDGER_USER, "
                    + "LEDGER_PASSWORD; without either the password is asked for on a terminal)."
        },
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  done",
            "  1  failed (refused, invalid, a failed rebuild, the ledger not reachable)",
            "  2  bad usage (unknown command or option, missing file or password)",
            "",
            "See docs/cli.md; 'help COMMAND' or 'COMMAND --help' for one command."
        },
        subcommands = {
            ServeCommand.class,
            ImportCommand.class,
            ExportCommand.class,
            VerifyExportCommand.class,
            DigestCommand.class,
            VerifyDigestCommand.class,
            RebuildCommand.class,
            TailCommand.class,
            HashPasswordCommand.class
        })
public final class LedgerCommandLine implements Runnable {

    /** Top-level options that are the command line's own, not Spring's: every other {@code --x} serves. */
    private static final Set<String> OWN_LONG_OPTIONS = Set.of("--help", "--version");

    final InputStream in;
    final PrintStream out;
    final PrintStream err;
    final Map<String, String> env;
    final Consumer<String[]> server;
    /** The Spring Boot application class, for the benchmark's own ledgers (null: {@code bench} cannot run). */
    final Class<?> application;

    private boolean serving;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * @param server starts the ledger with Spring's arguments (the application class's {@code SpringApplication.run}),
     *               for {@code serve}
     */
    public LedgerCommandLine(
            InputStream in, PrintStream out, PrintStream err, Map<String, String> env, Consumer<String[]> server) {
        this(in, out, err, env, null, server);
    }

    /**
     * @param application the Spring Boot application class: passed in, not named here, so that the command line and
     *                    the benchmark do not depend on the package that starts them (no package cycle)
     */
    public LedgerCommandLine(
            InputStream in,
            PrintStream out,
            PrintStream err,
            Map<String, String> env,
            Class<?> application,
            Consumer<String[]> server) {
        this.application = application;
        this.in = in;
        this.out = out;
        this.err = err;
        this.env = env;
        this.server = server;
    }

    /**
     * The jar's {@code main}: runs the command and exits with its code, except after {@code serve}, whose ledger keeps
     * the JVM alive.
     */
    public static void main(String[] args, Class<?> application, Consumer<String[]> server) {
        LedgerCommandLine cli =
                new LedgerCommandLine(System.in, System.out, System.err, System.getenv(), application, server);
        int exit = cli.execute(args);
        if (!cli.serving) {
            System.exit(exit);
        }
    }

    /** Runs one command line; its exit code. */
    public int execute(String... args) {
        return commandLine().execute(withDefaultCommand(args));
    }

    /** Whether {@link #execute} started the ledger (then the caller must not exit). */
    public boolean serving() {
        return serving;
    }

    void startServer(String[] springArguments) {
        serving = true;
        server.accept(springArguments);
    }

    /** No arguments, or a Spring option first: {@code serve} with the arguments as they are. */
    static String[] withDefaultCommand(String[] args) {
        if (args.length == 0 || (args[0].startsWith("--") && !OWN_LONG_OPTIONS.contains(args[0]))) {
            String[] serve = new String[args.length + 1];
            serve[0] = "serve";
            System.arraycopy(args, 0, serve, 1, args.length);
            return serve;
        }
        return args;
    }

    CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(this);
        // The benchmark parses its own options with picocli already: it becomes a command as it is.
        commandLine.addSubcommand("bench", new BenchCommand(application));
        commandLine.addSubcommand("help", new CommandLine.HelpCommand());
        // Spring's options (--server.port=8081) are serve's arguments, not options picocli should know.
        commandLine.getSubcommands().get("serve").setUnmatchedOptionsArePositionalParams(true);
        // An argument starting with @ stays an argument (picocli would read it as a file of arguments).
        commandLine.setExpandAtFiles(false);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        commandLine.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        commandLine.setExecutionExceptionHandler((e, failed, parseResult) -> {
            if (e instanceof CliFailure failure) {
                failed.getErr().println(failed.getCommandSpec().qualifiedName() + ": " + failure.getMessage());
                return failure.exitCode();
            }
            failed.getErr().println(failed.getCommandName() + ": " + e);
            e.printStackTrace(failed.getErr());
            return CommandLine.ExitCode.SOFTWARE;
        });
        commandLine.setParameterExceptionHandler((e, args) -> {
            CommandLine failed = e.getCommandLine();
            PrintWriter err = failed.getErr();
            if (failed.getCommandSpec().userObject() == this
                    && e instanceof CommandLine.UnmatchedArgumentException unmatched
                    && unmatched.getUnmatched().size() > 0
                    && args.length > 0
                    && args[0].equals(unmatched.getUnmatched().get(0))
                    && !args[0].startsWith("-")) {
                err.println(failed.getCommandSpec().qualifiedName() + ": unknown command '" + args[0]
                        + "'; the commands are "
                        + String.join(", ", failed.getSubcommands().keySet()));
            } else {
                err.println(failed.getCommandSpec().qualifiedName() + ": " + e.getMessage());
            }
            CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
            err.println("Try '" + failed.getCommandSpec().qualifiedName() + " --help' for usage.");
            return failed.getCommandSpec().exitCodeOnInvalidInput();
        });
        commandLine
                .getHelpSectionMap()
                .put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, LedgerCommandLine::everyCommand);
        return commandLine;
    }

    /**
     * {@code --help} lists every command with its own synopsis (all its options) and what it does, so that one screen
     * answers how to call any of them.
     */
    private static String everyCommand(CommandLine.Help help) {
        StringBuilder text = new StringBuilder();
        Map<CommandLine.Help, Boolean> seen = new IdentityHashMap<>();
        CommandLine.Help.TextTable table = CommandLine.Help.TextTable.forColumns(
                help.colorScheme(),
                new CommandLine.Help.Column(
                        help.commandSpec().usageMessage().width(), 4, CommandLine.Help.Column.Overflow.WRAP));
        for (CommandLine.Help command : help.subcommands().values()) {
            if (seen.put(command, true) != null
                    || command.commandSpec().usageMessage().hidden()) {
                continue;
            }
            text.append(command.synopsis(0));
            String summary = java.util.Arrays.stream(
                            command.commandSpec().usageMessage().description())
                    .map(line -> String.format(line).strip())
                    .filter(line -> !line.isEmpty())
                    .findFirst()
                    .orElse(null);
            if (summary != null) {
                table.addRowValues(summary);
                text.append(table);
                table = CommandLine.Help.TextTable.forColumns(
                        help.colorScheme(),
                        new CommandLine.Help.Column(
                                help.commandSpec().usageMessage().width(), 4, CommandLine.Help.Column.Overflow.WRAP));
            }
        }
        return text.toString();
    }

    @Override
    public void run() {
        // Reached only for arguments that are neither a command nor a Spring option: withDefaultCommand sends an
        // empty command line to serve.
        throw new CommandLine.ParameterException(
                spec.commandLine(),
                "Missing command: one of "
                        + String.join(", ", spec.subcommands().keySet()) + " (or --help)");
    }
}
