package org.diplomaticledger.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code digest}: takes the running ledger's signed digest ({@code GET /api/v1/audit/digest}) to keep;
 * {@code digest --check FILE} asks the ledger whether its chain still holds up to a kept digest
 * ({@code POST /api/v1/audit/digest/verify}); {@code digest --check FILE --key PEM} checks the signature offline.
 */
@Command(
        name = "digest",
        sortOptions = false,
        description = {
            "Takes a signed digest of a running ledger's audit chain (GET /api/v1/audit/digest) to keep; "
                    + "with --check FILE asks the ledger whether its chain still holds up to that kept digest, or with --key "
                    + "checks the digest's signature offline (role AUDITOR or ADMIN). Exit 0 valid, 1 invalid, 2 unreadable."
        })
final class DigestCommand implements Callable<Integer> {

    @picocli.CommandLine.Mixin
    HelpOption help;

    @ParentCommand
    LedgerCommandLine cli;

    @Mixin
    Connection connection;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Where to write the digest taken (default: standard output)")
    Path output;

    @Option(names = "--check", paramLabel = "DIGEST-FILE", description = "A kept digest to check instead of taking one")
    Path check;

    @Option(
            names = "--key",
            paramLabel = "PUBLIC-KEY.pem",
            description = "With --check: check its signature offline with the ledger's public key")
    Path key;

    @Override
    public Integer call() throws Exception {
        if (key != null && check == null) {
            throw CliFailure.usage("--key checks a kept digest offline: give it with --check DIGEST.json");
        }
        if (check != null && key != null) {
            return VerifyDigestCommand.verify(cli, check, key);
        }
        return check != null ? checkOnline() : take();
    }

    private int take() throws InterruptedException {
        LedgerApi api = connection.api();
        LedgerApi.Answer answer;
        try {
            answer = api.get("/api/v1/audit/digest");
        } catch (IOException e) {
            throw api.unreachable(e);
        }
        if (!answer.ok()) {
            throw new CliFailure(LedgerApi.refusal(answer.status(), answer.body()));
        }
        JsonNode digest = answer.json();
        if (output == null) {
            cli.out.println(answer.body().strip());
            return 0;
        }
        try {
            Path partial = output.resolveSibling(output.getFileName() + ".part");
            Files.writeString(partial, answer.body().strip() + System.lineSeparator());
            Files.move(partial, output, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw CliFailure.usage("cannot write " + output + ": " + e.getMessage());
        }
        cli.err.println("digest of position " + digest.path("position").asLong() + " ("
                + digest.path("events").asLong() + " events, hash "
                + digest.path("hash").asText() + ", signed by "
                + digest.path("keyId").asText() + ") written to " + output);
        return 0;
    }

    private int checkOnline() throws InterruptedException {
        byte[] kept;
        try {
            kept = Files.readAllBytes(check);
        } catch (NoSuchFileException e) {
            throw CliFailure.usage("cannot read " + check + ": no such file");
        } catch (IOException e) {
            throw CliFailure.usage("cannot read " + check + ": " + e.getMessage());
        }
        LedgerApi api = connection.api();
        LedgerApi.Answer answer;
        try {
            answer =
                    api.post("/api/v1/audit/digest/verify", "application/json", kept, Map.of(), Duration.ofMinutes(30));
        } catch (IOException e) {
            throw api.unreachable(e);
        }
        if (answer.status() == 400) {
            throw CliFailure.usage(check + " is not a digest the ledger can check: "
                    + LedgerApi.refusal(answer.status(), answer.body()));
        }
        if (!answer.ok()) {
            throw new CliFailure(LedgerApi.refusal(answer.status(), answer.body()));
        }
        JsonNode verdict = answer.json();
        String signature = verdict.path("signature").asText(null);
        boolean valid = verdict.path("valid").asBoolean() && (signature == null || signature.equals("valid"));
        if (valid) {
            cli.out.println("VALID: the chain holds up to position "
                    + verdict.path("position").asLong() + " ("
                    + verdict.path("events").asLong() + " events, hash "
                    + verdict.path("hash").asText() + ")"
                    + (signature == null ? "; the digest is unsigned" : "; the signature is the ledger's"));
            return 0;
        }
        JsonNode broken = verdict.path("firstBreak");
        cli.err.println("INVALID: "
                + (broken.isMissingNode()
                        ? "the signature is " + signature + " ("
                                + ("other-key".equals(signature)
                                        ? "another key signed it"
                                        : "a field or the signature was changed")
                                + ")"
                        : broken.path("reason").asText() + " at position "
                                + broken.path("position").asLong() + ": "
                                + broken.path("detail").asText()
                                + (signature == null ? "" : "; the signature is " + signature)));
        return 1;
    }
}
