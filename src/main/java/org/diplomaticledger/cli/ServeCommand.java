package org.diplomaticledger.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code serve [SPRING-OPTION...]}: starts the ledger, with Spring Boot's options as they are. The default command:
 * {@code java -jar diplomatic-ledger.jar} and {@code java -jar diplomatic-ledger.jar --spring.profiles.active=demo}
 * serve, as they always did.
 */
@Command(
        name = "serve",
        description = {
            "Starts the ledger (the default command): the HTTP API, the stream, the projections. "
                    + "Spring Boot options are passed on as they are.",
            "Examples: serve --spring.profiles.active=demo; serve --server.port=8081 --ledger.data-dir=/var/lib/ledger; "
                    + "the same without the word serve."
        })
final class ServeCommand implements Runnable {

    @picocli.CommandLine.Mixin
    HelpOption help;

    @ParentCommand
    LedgerCommandLine cli;

    @Parameters(
            paramLabel = "SPRING-OPTION",
            arity = "0..*",
            description =
                    "Spring Boot options such as --spring.profiles.active=demo or --server.port=8081 (docs/deployment.md)")
    List<String> springOptions = List.of();

    @Override
    public void run() {
        cli.startServer(springOptions.toArray(String[]::new));
    }
}
