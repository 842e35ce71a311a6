package org.diplomaticledger.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The little of POSIX shell syntax the docs' examples use: words with single and double quotes, backslash-newline,
 * {@code $NAME}, {@code ${NAME}} and {@code $(…)}, the operators {@code |}, {@code ;} and {@code >}, and a
 * {@code #} comment. Nothing is run here: a {@code $(…)} is handed to the caller.
 */
final class ShellWords {

    /** A word (quotes removed, expanded) or an operator ({@code |}, {@code ;}, {@code >}). */
    record Token(String text, boolean operator) {
        boolean is(String op) {
            return operator && text.equals(op);
        }
    }

    private ShellWords() {}

    /** Whether the text needs another line: an open quote or {@code $(}, a trailing backslash or pipe. */
    static boolean incomplete(String text) {
        Scan scan = new Scan(text);
        scan.run(null, null);
        String trimmed = text.substring(0, scan.commentAt < 0 ? text.length() : scan.commentAt)
                .stripTrailing();
        return scan.open || trimmed.endsWith("\\") || trimmed.endsWith("|");
    }

    /** The text of a {@code #} comment on the command's last line, without the {@code #}; null without one. */
    static String inlineComment(String text) {
        Scan scan = new Scan(text);
        scan.run(null, null);
        return scan.commentAt < 0 ? null : text.substring(scan.commentAt).strip();
    }

    /** The words and operators of a command; {@code vars} expands a name, {@code substitute} runs a {@code $(…)}. */
    static List<Token> tokens(String text, Function<String, String> vars, Function<String, String> substitute) {
        Scan scan = new Scan(text);
        scan.run(vars, substitute);
        if (scan.open) {
            throw new IllegalArgumentException("unterminated quote or $( in: " + text);
        }
        return scan.tokens;
    }

    private static final class Scan {
        final String s;
        final List<Token> tokens = new ArrayList<>();
        StringBuilder word;
        boolean open;
        int commentAt = -1;
        int i;

        Scan(String s) {
            this.s = s;
        }

        void end() {
            if (word != null) {
                tokens.add(new Token(word.toString(), false));
                word = null;
            }
        }

        StringBuilder word() {
            if (word == null) {
                word = new StringBuilder();
            }
            return word;
        }

        void run(Function<String, String> vars, Function<String, String> substitute) {
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    i += 2;
                } else if (c == '\\' && i + 1 < s.length()) {
                    word().append(s.charAt(i + 1));
                    i += 2;
                } else if (c == '\\') {
                    i++;
                } else if (Character.isWhitespace(c)) {
                    end();
                    i++;
                } else if (c == '#' && word == null) {
                    commentAt = i;
                    int eol = s.indexOf('\n', i);
                    i = eol < 0 ? s.length() : eol;
                } else if (c == '|' || c == ';' || c == '>') {
                    end();
                    tokens.add(new Token(String.valueOf(c), true));
                    i++;
                } else if (c == '\'') {
                    int close = s.indexOf('\'', i + 1);
                    if (close < 0) {
                        open = true;
                        return;
                    }
                    word().append(s, i + 1, close);
                    i = close + 1;
                } else if (c == '"') {
                    word();
                    i++;
                    while (i < s.length() && s.charAt(i) != '"') {
                        char d = s.charAt(i);
                        if (d == '\\' && i + 1 < s.length() && "\"\\$`".indexOf(s.charAt(i + 1)) >= 0) {
                            word.append(s.charAt(i + 1));
                            i += 2;
                        } else if (d == '$') {
                            if (!dollar(vars, substitute)) {
                                return;
                            }
                        } else {
                            word.append(d);
                            i++;
                        }
                    }
                    if (i >= s.length()) {
                        open = true;
                        return;
                    }
                    i++;
                } else if (c == '$') {
                    word();
                    if (!dollar(vars, substitute)) {
                        return;
                    }
                } else {
                    word().append(c);
                    i++;
                }
            }
            end();
        }

        /** At a {@code $}: expands it into the current word; false when a {@code $(} is not closed. */
        boolean dollar(Function<String, String> vars, Function<String, String> substitute) {
            if (i + 1 < s.length() && s.charAt(i + 1) == '(') {
                int close = closingParen(i + 2);
                if (close < 0) {
                    open = true;
                    return false;
                }
                String inner = s.substring(i + 2, close);
                word.append(substitute == null ? "" : substitute.apply(inner).replaceAll("\n+$", ""));
                i = close + 1;
                return true;
            }
            int j = i + 1;
            String name;
            if (j < s.length() && s.charAt(j) == '{') {
                int close = s.indexOf('}', j);
                name = s.substring(j + 1, close);
                j = close + 1;
            } else {
                int k = j;
                while (k < s.length() && (Character.isLetterOrDigit(s.charAt(k)) || s.charAt(k) == '_')) {
                    k++;
                }
                name = s.substring(j, k);
                j = k;
            }
            if (name.isEmpty()) {
                word.append('$');
            } else if (vars != null) {
                word.append(vars.apply(name));
            }
            i = j;
            return true;
        }

        /** The index of the {@code )} that closes a {@code $(} whose text starts at {@code from}, or -1. */
        int closingParen(int from) {
            int depth = 1;
            for (int k = from; k < s.length(); k++) {
                char c = s.charAt(k);
                if (c == '\'') {
                    k = s.indexOf('\'', k + 1);
                    if (k < 0) {
                        return -1;
                    }
                } else if (c == '"') {
                    k++;
                    while (k < s.length() && s.charAt(k) != '"') {
                        if (s.charAt(k) == '\\') {
                            k++;
                        }
                        k++;
                    }
                    if (k >= s.length()) {
                        return -1;
                    }
                } else if (c == '(') {
                    depth++;
                } else if (c == ')' && --depth == 0) {
                    return k;
                }
            }
            return -1;
        }
    }
}
