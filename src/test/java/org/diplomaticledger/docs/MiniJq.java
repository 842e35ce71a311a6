package org.diplomaticledger.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * The jq filters the docs pipe answers through: paths ({@code .a.b}, {@code .[0]}, {@code .items[]}), pipes,
 * {@code select(PATH == "text")} and {@code [ … ]} collecting into an array, followed by a path. Anything else is
 * refused, so that a doc using more of jq fails loudly here instead of being misread.
 */
final class MiniJq {

    private final String src;
    private int i;

    private MiniJq(String src) {
        this.src = src;
    }

    static List<JsonNode> apply(String filter, JsonNode input) {
        MiniJq jq = new MiniJq(filter);
        List<JsonNode> out = jq.pipe(List.of(input));
        jq.space();
        if (jq.i != filter.length()) {
            throw new IllegalArgumentException("jq filter not understood at " + jq.i + ": " + filter);
        }
        return out;
    }

    private List<JsonNode> pipe(List<JsonNode> in) {
        List<JsonNode> out = term(in);
        space();
        while (peek('|')) {
            i++;
            out = term(out);
            space();
        }
        return out;
    }

    private List<JsonNode> term(List<JsonNode> in) {
        space();
        List<JsonNode> out;
        if (src.startsWith("select(", i)) {
            i += "select(".length();
            int start = i;
            List<JsonNode> kept = new ArrayList<>();
            for (JsonNode node : in) {
                i = start;
                List<JsonNode> left = path(List.of(node));
                space();
                expect("==");
                space();
                String text = string();
                if (left.size() == 1
                        && left.get(0).isValueNode()
                        && left.get(0).asText().equals(text)) {
                    kept.add(node);
                }
            }
            if (in.isEmpty()) {
                path(List.of(JsonNodeFactory.instance.nullNode()));
                space();
                expect("==");
                space();
                string();
            }
            space();
            expect(")");
            out = kept;
        } else if (peek('[')) {
            i++;
            List<JsonNode> collected = new ArrayList<>();
            int start = i;
            for (JsonNode node : in) {
                i = start;
                ArrayNode array = JsonNodeFactory.instance.arrayNode();
                pipe(List.of(node)).forEach(array::add);
                collected.add(array);
            }
            space();
            expect("]");
            out = collected;
        } else if (peek('.')) {
            return path(in);
        } else {
            throw new IllegalArgumentException("jq filter not understood at " + i + ": " + src);
        }
        return path(out);
    }

    /** A path: {@code .}, {@code .name}, {@code [n]}, {@code []}, repeated; the input alone when there is none. */
    private List<JsonNode> path(List<JsonNode> in) {
        List<JsonNode> current = in;
        while (i < src.length()) {
            if (peek('.')) {
                i++;
                int start = i;
                while (i < src.length() && (Character.isLetterOrDigit(src.charAt(i)) || src.charAt(i) == '_')) {
                    i++;
                }
                String name = src.substring(start, i);
                if (!name.isEmpty()) {
                    current = current.stream().map(n -> n.path(name)).toList();
                }
            } else if (src.startsWith("[]", i)) {
                i += 2;
                List<JsonNode> next = new ArrayList<>();
                current.forEach(n -> n.forEach(next::add));
                current = next;
            } else if (peek('[') && i + 1 < src.length() && Character.isDigit(src.charAt(i + 1))) {
                int close = src.indexOf(']', i);
                int index = Integer.parseInt(src.substring(i + 1, close));
                i = close + 1;
                current = current.stream().map(n -> n.path(index)).toList();
            } else {
                break;
            }
        }
        return current;
    }

    private String string() {
        expect("\"");
        int close = src.indexOf('"', i);
        String text = src.substring(i, close);
        i = close + 1;
        return text;
    }

    private boolean peek(char c) {
        return i < src.length() && src.charAt(i) == c;
    }

    private void expect(String token) {
        if (!src.startsWith(token, i)) {
            throw new IllegalArgumentException("jq filter: expected " + token + " at " + i + ": " + src);
        }
        i += token.length();
    }

    private void space() {
        while (i < src.length() && Character.isWhitespace(src.charAt(i))) {
            i++;
        }
    }
}
