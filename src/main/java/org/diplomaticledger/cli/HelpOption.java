package org.diplomaticledger.cli;

import picocli.CommandLine.Option;

/** {@code -h, --help} for a command (the version is the top command's own: {@code --version}). */
final class HelpOption {

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help message and exit.")
    boolean help;
}
