package org.diplomaticledger.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.diplomaticledger.audit.DigestVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code verify-digest FILE --key PEM}: the offline signature check of docs/audit.md, kept under its old name. */
@Command(
        name = "verify-digest",
        description = {
            "Checks a signed digest's signature offline with the ledger's public key (the same as digest --check FILE --key PEM). "
                    + "Exit 0 valid, 1 invalid, 2 unreadable."
        })
final class VerifyDigestCommand implements Callable<Integer> {

    @picocli.CommandLine.Mixin
    HelpOption help;

    @ParentCommand
    LedgerCommandLine cli;

    @Parameters(
            paramLabel = "DIGEST-FILE",
            description = "A signed digest, as GET /api/v1/audit/digest or the digest command wrote it")
    Path digest;

    @Option(
            names = "--key",
            required = true,
            paramLabel = "PUBLIC-KEY.pem",
            description = "The ledger's public key (signing-key.pub.pem)")
    Path key;

    @Override
    public Integer call() {
        return verify(cli, digest, key);
    }

    static int verify(LedgerCommandLine cli, Path digest, Path key) {
        return DigestVerifier.run(new String[] {digest.toString(), "--key", key.toString()}, cli.out, cli.err);
    }
}
