package org.diplomaticledger.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * What an import's state file holds after each chunk the ledger acknowledged: the settings the import sends with, the
 * last line acknowledged, a SHA-256 of the lines up to it and the totals so far; read by {@link ImportCommand} to
 * resume, written by {@link ImportRun}.
 */
record ImportState(
        int version,
        String file,
        int chunkSize,
        String keyPrefix,
        long acknowledgedThrough,
        String linesSha256,
        long chunks,
        long commands,
        long written,
        long replayed,
        Long position) {

    /** The state an interrupted import left in {@code state}, or null when there is none. */
    static ImportState read(Path state) {
        if (!Files.exists(state)) {
            return null;
        }
        try {
            return LedgerApi.JSON.readValue(state.toFile(), ImportState.class);
        } catch (IOException e) {
            throw CliFailure.usage(
                    "cannot read the state file " + state + " (" + e.getMessage() + "); delete it to start over");
        }
    }

    /** Writes this state to {@code state} at once (through a temporary file beside it), replacing what it held. */
    void write(Path state) {
        Path temporary = state.resolveSibling(state.getFileName() + ".tmp");
        try {
            LedgerApi.JSON.writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), this);
            Files.move(temporary, state, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw CliFailure.usage("cannot write the state file " + state + " (" + e.getMessage()
                    + "): give another with --state-file");
        }
    }
}
