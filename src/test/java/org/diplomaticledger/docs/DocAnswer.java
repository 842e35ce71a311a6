package org.diplomaticledger.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A documented answer and its comparison with the real one. What a doc may write after a command (as {@code #}
 * comments, plain lines, or a code block right after) is described in docs/contract.md, "Examples the build runs":
 * a status ({@code 409 ceiling-exceeded}, {@code HTTP/1.1 200}), headers, JSON with elisions, CSV lines, or
 * {@code path = value} checks; other prose is not checked. Each difference is returned as one line of text.
 */
final class DocAnswer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HTTP_STATUS = Pattern.compile("^HTTP/\\S+ (\\d{3})\\b.*");
    private static final Pattern STATUS_KIND =
            Pattern.compile("^(\\d{3})(?![\\d.])[ ,:]*([a-z0-9]+(?:-[a-z0-9]+)+)?(.*)$");
    private static final Pattern PREAMBLE_STATUS = Pattern.compile("\\b([1-5]\\d\\d) ([a-z0-9]+(?:-[a-z0-9]+)+)\\b");
    private static final Pattern HEADER = Pattern.compile("^([A-Za-z][A-Za-z0-9-]*): (.*)$");
    private static final Pattern PATH_CHECK = Pattern.compile(
            "^([A-Za-z_]\\w*(?:\\[\\d+])?(?:\\.[A-Za-z_]\\w*(?:\\[\\d+])?)*) = (\\S+?)[;,:]?(?:\\s.*)?$");
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d(:\\d\\d(\\.\\d+)?)?Z");

    private Integer status;
    private String problemKind;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private ElidedJson.Node json;
    private final List<String> csv = new ArrayList<>();
    private final Map<String, String> paths = new LinkedHashMap<>();

    private DocAnswer() {}

    /** The expectations of a step: its answer lines, the comments above it, a status directive. */
    static DocAnswer of(List<String> preamble, List<String> answer, Integer directiveStatus, boolean csvAnswer) {
        DocAnswer expected = new DocAnswer();
        List<String> lines = new ArrayList<>();
        for (String line : answer) {
            String text = line.strip();
            if (text.startsWith("#")) {
                text = text.substring(1).strip();
            }
            lines.add(text);
        }
        while (!lines.isEmpty() && lines.get(0).isEmpty()) {
            lines.remove(0);
        }
        int i = 0;
        if (i < lines.size()) {
            Matcher http = HTTP_STATUS.matcher(lines.get(i));
            Matcher kind = STATUS_KIND.matcher(lines.get(i));
            if (http.matches()) {
                expected.status = Integer.valueOf(http.group(1));
                i = expected.readHeaders(lines, i + 1);
            } else if (kind.matches()) {
                expected.status = Integer.valueOf(kind.group(1));
                expected.problemKind = kind.group(2);
                String rest = kind.group(3);
                int brace = rest.indexOf('{');
                lines.set(i, brace >= 0 ? rest.substring(brace) : "");
                if (brace < 0) {
                    i++;
                }
            } else {
                i = expected.readHeaders(lines, i);
            }
        }
        List<String> rest = lines.subList(i, lines.size());
        String text = String.join("\n", rest).strip();
        if (text.startsWith("{") || text.startsWith("[")) {
            expected.json = ElidedJson.parse(text);
        } else if (csvAnswer) {
            rest.stream().filter(l -> !l.isBlank()).forEach(expected.csv::add);
        } else {
            for (String line : rest) {
                Matcher check = PATH_CHECK.matcher(line);
                if (check.matches()) {
                    expected.paths.put(check.group(1), check.group(2));
                }
            }
        }
        if (expected.status == null) {
            for (String line : preamble) {
                Matcher m = PREAMBLE_STATUS.matcher(line);
                if (m.find()) {
                    expected.status = Integer.valueOf(m.group(1));
                    expected.problemKind = m.group(2);
                }
            }
        }
        if (directiveStatus != null) {
            expected.status = directiveStatus;
        }
        if (expected.status == null
                && expected.json instanceof ElidedJson.Obj obj
                && obj.fields().get("status") instanceof ElidedJson.Scalar s
                && s.value().isNumber()
                && obj.fields().get("type") instanceof ElidedJson.Scalar t
                && t.value().asText().contains("problem")) {
            expected.status = s.value().asInt();
        }
        return expected;
    }

    /** Reads {@code Name: value} lines from {@code i} on; the index of the first line that is not one. */
    private int readHeaders(List<String> lines, int i) {
        int at = i;
        while (at < lines.size()) {
            Matcher header = HEADER.matcher(lines.get(at));
            if (!header.matches()) {
                break;
            }
            headers.put(header.group(1), header.group(2).strip());
            at++;
        }
        return at;
    }

    /** The differences between this documented answer and the real one; empty when they agree. */
    List<String> differences(DocShell.Result result) {
        List<String> diffs = new ArrayList<>();
        DocShell.Exchange exchange = result.last();
        if (exchange == null) {
            return diffs;
        }
        int actual = exchange.status();
        if (status == null ? actual / 100 != 2 : actual != status) {
            diffs.add("status: documented " + (status == null ? "2xx" : status) + ", answered " + actual + " "
                    + abbreviate(exchange.body()));
            return diffs;
        }
        if (problemKind != null) {
            String type = json(exchange.body()).path("type").asText();
            if (!type.equals("urn:diplomatic-ledger:problem:" + problemKind)) {
                diffs.add("problem: documented " + problemKind + ", answered " + type);
            }
        }
        headers.forEach((name, value) -> {
            String real = exchange.headers().firstValue(name).orElse(null);
            if (real == null) {
                diffs.add("header " + name + ": documented " + value + ", absent");
            } else if (!scalarMatches(value, real)) {
                diffs.add("header " + name + ": documented " + value + ", answered " + real);
            }
        });
        String body = result.piped() ? result.output() : exchange.body();
        if (json != null) {
            JsonNode real = json(body);
            if (real == null) {
                diffs.add("documented JSON, answered " + abbreviate(body));
            } else {
                ElidedJson.compare(json, real, "$", diffs);
            }
        }
        if (!csv.isEmpty()) {
            compareCsv(body, diffs);
        }
        if (!paths.isEmpty()) {
            JsonNode real = json(body);
            paths.forEach((path, value) -> {
                JsonNode node = at(real, path);
                if (node == null || node.isMissingNode() || !scalarMatches(value, node.asText())) {
                    diffs.add(path + ": documented " + value + ", answered "
                            + (node == null || node.isMissingNode() ? "nothing" : node.asText()));
                }
            });
        }
        return diffs;
    }

    private void compareCsv(String body, List<String> diffs) {
        List<String> real = body.lines().toList();
        int from = 0;
        boolean elided = false;
        for (String documented : csv) {
            if (documented.equals("…") || documented.equals("...")) {
                elided = true;
                continue;
            }
            int found = -1;
            for (int k = from; k < real.size() && (elided || k == from); k++) {
                if (globMatches(shapes(documented), shapes(real.get(k)))) {
                    found = k;
                    break;
                }
            }
            if (found < 0) {
                String cell = documented.split(",", 2)[0] + ",";
                boolean anywhere = elided;
                String near = real.stream()
                        .skip(from)
                        .filter(l -> anywhere && l.startsWith(cell))
                        .findFirst()
                        .orElse(from < real.size() ? real.get(from) : "no more lines");
                diffs.add("CSV line documented\n        " + documented + "\n      answered\n        " + near);
                return;
            }
            from = found + 1;
            elided = false;
        }
        if (!elided && from < real.size()) {
            diffs.add("CSV: " + (real.size() - from) + " more line(s) answered than documented, first "
                    + abbreviate(real.get(from)));
        }
    }

    /** Ids and instants in a CSV line, as their shape: they differ from run to run. */
    private static String shapes(String line) {
        return INSTANT.matcher(UUID.matcher(line).replaceAll("<uuid>")).replaceAll("<instant>");
    }

    /** The node at a path such as {@code events[0].eventId}; a missing node when there is none. */
    static JsonNode at(JsonNode root, String path) {
        if (root == null) {
            return null;
        }
        JsonNode node = root;
        for (String part : path.split("\\.")) {
            Matcher indexed = Pattern.compile("(\\w+)\\[(\\d+)]").matcher(part);
            node = indexed.matches()
                    ? node.path(indexed.group(1)).path(Integer.parseInt(indexed.group(2)))
                    : node.path(part);
        }
        return node;
    }

    static JsonNode json(String body) {
        try {
            return body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * A documented value against a real one: equal, or the documented one holds {@code …} (any text there), or it
     * is a UUID or an instant and the real one is of the same shape (ids and clocks differ from run to run).
     */
    static boolean scalarMatches(String documented, String real) {
        if (documented.equals(real)) {
            return true;
        }
        if (UUID.matcher(documented).matches()) {
            return UUID.matcher(real).matches();
        }
        if (INSTANT.matcher(documented).matches()) {
            return INSTANT.matcher(real).matches();
        }
        return (documented.contains("…") || documented.contains("...")) && globMatches(documented, real);
    }

    static boolean globMatches(String documented, String real) {
        StringBuilder regex = new StringBuilder();
        for (String part : documented.split("…|\\.\\.\\.", -1)) {
            if (!regex.isEmpty()) {
                regex.append("[\\s\\S]*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString()).matcher(real).matches() || documented.equals(real);
    }

    static String abbreviate(String text) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }
}
