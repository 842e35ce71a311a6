package org.diplomaticledger.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runnable examples of one Markdown file: every fenced code block that holds a {@code curl} command, cut into
 * steps (a shell command with the comment lines above it and the documented answer below it), in document order.
 * The convention the docs follow is described in docs/contract.md, "Examples the build runs".
 */
record DocScript(Path file, String name, List<Step> steps, List<Binding> bindings) {

    /** One shell command of a block: its text (continuation lines joined), where it starts, and what the doc says of it. */
    record Step(
            int line,
            String command,
            List<String> preamble,
            List<String> answer,
            int answerLine,
            String skip,
            Integer status) {
        String firstLine() {
            String first = command.lines().findFirst().orElse("").strip();
            return first.length() > 110 ? first.substring(0, 110) + "…" : first;
        }
    }

    /**
     * {@code <!-- doc-test: let NAME = path from CommandName -->}: a placeholder the doc's later examples use, the
     * value at {@code path} in the latest answer to a request whose path ends with {@code /CommandName}.
     */
    record Binding(String name, String path, String command) {}

    private static final Pattern FENCE = Pattern.compile("^(\\s*)(```+|~~~+)\\s*(\\S*)\\s*$");
    private static final Pattern DIRECTIVE = Pattern.compile("<!--\\s*doc-test:\\s*(.*?)\\s*-->");
    private static final Pattern LET = Pattern.compile("let ([A-Z][A-Z0-9_]*) = (\\S+) from (\\S+)");
    private static final Pattern STATUS = Pattern.compile("status (\\d{3})");
    /** A line that starts a shell command (not an answer or prose): curl, printf, sleep, or an assignment. */
    private static final Pattern COMMAND = Pattern.compile("^(curl\\s|printf\\s|sleep\\s|[A-Z_][A-Z0-9_]*=)");

    private static final Pattern CURL_WORD = Pattern.compile("(^|[\\s|(])curl\\s");

    static DocScript read(Path root, Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String name = root.relativize(file).toString().replace('\\', '/');
        List<Step> steps = new ArrayList<>();
        List<Binding> bindings = new ArrayList<>();
        List<String> directives = new ArrayList<>();
        List<Step> pendingAnswer = new ArrayList<>(); // the last step of the previous block, if it had no answer
        boolean proseSinceBlock = true;
        for (int i = 0; i < lines.size(); i++) {
            Matcher fence = FENCE.matcher(lines.get(i));
            if (!fence.matches()) {
                String line = lines.get(i);
                Matcher directive = DIRECTIVE.matcher(line);
                while (directive.find()) {
                    directives.add(directive.group(1));
                    Matcher let = LET.matcher(directive.group(1));
                    if (let.matches()) {
                        bindings.add(new Binding(let.group(1), let.group(2), let.group(3)));
                    }
                }
                if (!line.isBlank()) {
                    proseSinceBlock = true;
                }
                continue;
            }
            String indent = fence.group(1);
            String marker = fence.group(2);
            int start = i + 1;
            int end = start;
            while (end < lines.size() && !lines.get(end).strip().equals(marker)) {
                end++;
            }
            List<String> block = new ArrayList<>();
            for (int j = start; j < end; j++) {
                String line = lines.get(j);
                block.add(line.startsWith(indent) ? line.substring(indent.length()) : line.stripLeading());
            }
            boolean hasCurl = block.stream()
                    .anyMatch(l ->
                            !l.strip().startsWith("#") && CURL_WORD.matcher(l).find());
            String skip = directives.stream()
                    .filter(d -> d.startsWith("skip"))
                    .findFirst()
                    .map(d -> d.substring(4).strip())
                    .orElse(null);
            if (skip != null && skip.isEmpty()) {
                throw new IllegalStateException(name + ":" + i + ": a doc-test skip needs a reason");
            }
            Integer status = directives.stream()
                    .map(STATUS::matcher)
                    .filter(Matcher::find)
                    .map(m -> Integer.valueOf(m.group(1)))
                    .findFirst()
                    .orElse(null);
            if (hasCurl) {
                steps.addAll(steps(block, start + 1, skip, status));
                pendingAnswer.clear();
                if (!steps.isEmpty() && steps.get(steps.size() - 1).answer().isEmpty()) {
                    pendingAnswer.add(steps.get(steps.size() - 1));
                }
            } else if (!proseSinceBlock && !pendingAnswer.isEmpty()) {
                // an answer in a block of its own, right after the block whose last command it answers
                Step last = pendingAnswer.remove(0);
                steps.set(
                        steps.indexOf(last),
                        new Step(
                                last.line(),
                                last.command(),
                                last.preamble(),
                                block,
                                start + 1,
                                last.skip(),
                                last.status()));
            } else {
                pendingAnswer.clear();
            }
            directives.clear();
            proseSinceBlock = false;
            i = end;
        }
        return new DocScript(file, name, steps, bindings);
    }

    /** Cuts one block into steps; {@code firstLine} is the file's line number of the block's first line. */
    private static List<Step> steps(List<String> block, int firstLine, String skip, Integer status) {
        List<Step> steps = new ArrayList<>();
        List<String> preamble = new ArrayList<>();
        int i = 0;
        while (i < block.size()) {
            String line = block.get(i).strip();
            if (line.isEmpty()) {
                preamble.clear();
                i++;
            } else if (line.startsWith("#")) {
                preamble.add(line);
                i++;
            } else if (COMMAND.matcher(line).find()) {
                int start = i;
                StringBuilder command = new StringBuilder(block.get(i));
                i++;
                while (i < block.size() && ShellWords.incomplete(command.toString())) {
                    command.append('\n').append(block.get(i));
                    i++;
                }
                List<String> answer = new ArrayList<>();
                String inline = ShellWords.inlineComment(command.toString());
                if (inline != null) {
                    answer.add(inline);
                }
                int answerLine = firstLine + i;
                while (i < block.size()
                        && !block.get(i).isBlank()
                        && !COMMAND.matcher(block.get(i).strip()).find()) {
                    answer.add(block.get(i));
                    i++;
                }
                if (inline != null) {
                    answerLine = firstLine
                            + start
                            + (int) command.chars().filter(c -> c == '\n').count();
                }
                steps.add(new Step(
                        firstLine + start,
                        command.toString(),
                        List.copyOf(preamble),
                        answer,
                        answerLine,
                        skip,
                        status));
                preamble.clear();
            } else {
                i++; // prose in a shell block that follows no command: not checked
            }
        }
        return steps;
    }
}
