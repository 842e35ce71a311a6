package org.diplomaticledger.cli;

import java.util.concurrent.Callable;
import org.diplomaticledger.security.HashPassword;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code hash-password [--strength N]}: a bcrypt hash for the ledger's users (docs/api.md), as it was. */
@Command(
        name = "hash-password",
        description = {
            "Reads a password (typed without echo, or the first line of standard input) and prints its bcrypt hash "
                    + "{bcrypt}$2a$… for ledger.security.users[i].password."
        })
final class HashPasswordCommand implements Callable<Integer> {

    @picocli.CommandLine.Mixin
    HelpOption help;

    @ParentCommand
    LedgerCommandLine cli;

    @Option(names = "--strength", paramLabel = "N", description = "bcrypt's cost factor, 4 to 31 (default 10)")
    Integer strength;

    @Override
    public Integer call() {
        String[] args = strength == null ? new String[0] : new String[] {"--strength", strength.toString()};
        return HashPassword.run(args, cli.in, System.console(), cli.out, cli.err);
    }
}
