package org.diplomaticledger.security;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * {@code java -jar diplomatic-ledger.jar hash-password [--strength N]}: reads a password (from the terminal without
 * echo, or the first line of standard input) and prints it hashed with bcrypt as the ledger's configuration takes it,
 * {@code {bcrypt}$2a$10$…}. The password is never an argument, so it stays out of the shell's history and the
 * process list. Runs before and without Spring.
 */
public final class HashPassword {

    /** bcrypt's cost factor when none is given: 2^10 rounds, about 70 ms a check on a 2-core machine. */
    public static final int DEFAULT_STRENGTH = 10;

    private HashPassword() {}

    /** Hashes one password; the process's exit code (0 done, 2 bad usage or no password). */
    public static int run(String[] args, InputStream in, Console console, PrintStream out, PrintStream err) {
        int strength = DEFAULT_STRENGTH;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--strength") && i + 1 < args.length) {
                try {
                    strength = Integer.parseInt(args[++i]);
                } catch (NumberFormatException e) {
                    strength = -1;
                }
                if (strength < 4 || strength > 31) {
                    err.println("hash-password: --strength is bcrypt's cost factor, from 4 to 31 (default 10)");
                    return 2;
                }
            } else {
                err.println("usage: java -jar diplomatic-ledger.jar hash-password [--strength N] < password");
                err.println("  prints {bcrypt}$2a$... for ledger.security.users[i].password");
                return 2;
            }
        }
        String password;
        try {
            password = read(in, console);
        } catch (IOException e) {
            err.println("hash-password: cannot read the password: " + e.getMessage());
            return 2;
        }
        if (password == null || password.isEmpty()) {
            err.println("hash-password: no password given (type it, or pipe it on standard input)");
            return 2;
        }
        out.println("{bcrypt}" + new BCryptPasswordEncoder(strength).encode(password));
        return 0;
    }

    private static String read(InputStream in, Console console) throws IOException {
        if (console != null) {
            char[] typed = console.readPassword("Password: ");
            return typed == null ? null : new String(typed);
        }
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        return reader.readLine();
    }
}
