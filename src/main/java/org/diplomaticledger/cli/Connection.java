package org.diplomaticledger.cli;

import java.io.Console;
import java.net.URI;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Where the running ledger is and who talks to it: {@code --url}, {@code --user}, {@code --password}, each falling
 * back on an environment variable ({@code LEDGER_URL}, {@code LEDGER_USER}, {@code LEDGER_PASSWORD}); a password
 * given nowhere is asked for on the terminal. The environment or the prompt keep it out of the process list.
 */
final class Connection {

    static final String DEFAULT_URL = "http://localhost:8080";

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(
            names = "--url",
            paramLabel = "URL",
            description = "The ledger's address (env LEDGER_URL; default " + DEFAULT_URL + ")")
    String url;

    @Option(
            names = {"-u", "--user"},
            paramLabel = "USER",
            description = "The user to sign in as (env LEDGER_USER)")
    String user;

    @Option(
            names = {"-p", "--password"},
            paramLabel = "PASSWORD",
            description =
                    "Its password (env LEDGER_PASSWORD, or asked for on a terminal; a password here shows in the process list)")
    String password;

    /** The ledger's API as the user given; a usage error when no user or no password is to be had. */
    LedgerApi api() {
        Map<String, String> env = cli().env;
        String address = firstOf(url, env.get("LEDGER_URL"), DEFAULT_URL);
        URI base;
        try {
            base = URI.create(address.endsWith("/") ? address.substring(0, address.length() - 1) : address);
        } catch (IllegalArgumentException e) {
            throw usage("--url is not an address: " + address);
        }
        if (base.getScheme() == null
                || !(base.getScheme().equals("http") || base.getScheme().equals("https"))
                || base.getHost() == null) {
            throw usage("--url must be an http or https address such as " + DEFAULT_URL + ", not " + address);
        }
        String name = firstOf(user, env.get("LEDGER_USER"), null);
        if (name == null) {
            throw usage("who signs in? Give --user USER (or set LEDGER_USER)");
        }
        String secret = firstOf(password, env.get("LEDGER_PASSWORD"), null);
        if (secret == null) {
            Console console = System.console();
            char[] typed = console == null ? null : console.readPassword("Password for %s at %s: ", name, base);
            if (typed == null || typed.length == 0) {
                throw usage("no password for " + name
                        + ": give --password, set LEDGER_PASSWORD, or run on a terminal to be asked");
            }
            secret = new String(typed);
        }
        return new LedgerApi(base, name, secret);
    }

    private LedgerCommandLine cli() {
        return (LedgerCommandLine) mixee.root().userObject();
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(mixee.commandLine(), message);
    }

    private static String firstOf(String given, String fromEnvironment, String otherwise) {
        if (given != null && !given.isEmpty()) {
            return given;
        }
        return fromEnvironment != null && !fromEnvironment.isEmpty() ? fromEnvironment : otherwise;
    }
}
