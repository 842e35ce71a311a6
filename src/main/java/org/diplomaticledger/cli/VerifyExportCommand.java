package org.diplomaticledger.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.diplomaticledger.audit.ExportVerifier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code verify-export FILE [--digest …] [--key …]}: the offline export check of docs/audit.md, as it was. */
@Command(
        name = "verify-export",
        description = {
            "Checks an audit export offline, without the ledger: every link, no line missing, the closing digest "
                    + "(and a kept digest: POSITION:HASH, or a signed digest's file with the ledger's public key). "
                    + "Exit 0 valid, 1 invalid, 2 unreadable."
        })
final class VerifyExportCommand implements Callable<Integer> {

    @picocli.CommandLine.Mixin
    HelpOption help;

    @ParentCommand
    LedgerCommandLine cli;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(
            paramLabel = "FILE",
            description = "The export (NDJSON, as GET /api/v1/audit/export or the export command wrote it)")
    Path file;

    @Option(
            names = "--digest",
            paramLabel = "DIGEST",
            description = "A kept digest: POSITION:HASH, or a signed digest's JSON file (then with --key)")
    String digest;

    @Option(
            names = "--key",
            paramLabel = "PUBLIC-KEY.pem",
            description = "The ledger's public key, to check a signed digest's signature first")
    Path key;

    @Override
    public Integer call() {
        if (key != null && digest == null) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--key checks a signed digest: give it with --digest FILE");
        }
        List<String> args = new ArrayList<>(List.of(file.toString()));
        if (digest != null) {
            args.addAll(List.of("--digest", digest));
        }
        if (key != null) {
            args.addAll(List.of("--key", key.toString()));
        }
        return ExportVerifier.run(args.toArray(String[]::new), cli.out, cli.err);
    }
}
