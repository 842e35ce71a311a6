package org.diplomaticledger.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON as the docs write it: with {@code …} (or {@code ...}) for what they leave out. In an object a bare
 * {@code …} or a member {@code "…": "…"} lets the answer have more members than shown (without one, it must have
 * exactly those); in an array a bare {@code …} (or a string that starts with it, a note such as
 * {@code "… Huntsman, Sullivan …"}) stands for any number of elements; as a value, {@code …} or {@code "…"} is any
 * value, and a string holding {@code …} matches any text in its place.
 */
final class ElidedJson {

    sealed interface Node permits Obj, Arr, Scalar, Any, Elision {}

    record Obj(Map<String, Node> fields, boolean open) implements Node {}

    record Arr(List<Node> items) implements Node {}

    record Scalar(JsonNode value) implements Node {}

    /** Any value. */
    record Any() implements Node {}

    /** Any number of array elements. */
    record Elision() implements Node {}

    private final String s;
    private int i;

    private ElidedJson(String s) {
        this.s = s;
    }

    /** Parses the first value of the text; what follows it (prose) is not part of the answer. */
    static Node parse(String text) {
        ElidedJson parser = new ElidedJson(text);
        return parser.value(false);
    }

    private Node value(boolean inArray) {
        space();
        if (i >= s.length()) {
            throw error("a value");
        }
        char c = s.charAt(i);
        if (c == '{') {
            return object();
        }
        if (c == '[') {
            return array();
        }
        if (ellipsis()) {
            return inArray ? new Elision() : new Any();
        }
        if (c == '"') {
            String text = string();
            if (text.equals("…") || text.equals("...")) {
                return inArray ? new Elision() : new Any();
            }
            if (inArray && (text.startsWith("…") || text.startsWith("..."))) {
                return new Elision();
            }
            return new Scalar(TextNode.valueOf(text));
        }
        if (s.startsWith("true", i)) {
            i += 4;
            return new Scalar(BooleanNode.TRUE);
        }
        if (s.startsWith("false", i)) {
            i += 5;
            return new Scalar(BooleanNode.FALSE);
        }
        if (s.startsWith("null", i)) {
            i += 4;
            return new Scalar(NullNode.instance);
        }
        int start = i;
        while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        if (start == i) {
            throw error("a value");
        }
        return new Scalar(DecimalNode.valueOf(new BigDecimal(s.substring(start, i))));
    }

    private boolean ellipsis() {
        if (s.startsWith("…", i)) {
            i += 1;
            return true;
        }
        if (s.startsWith("...", i)) {
            i += 3;
            return true;
        }
        return false;
    }

    private Obj object() {
        i++;
        Map<String, Node> fields = new LinkedHashMap<>();
        boolean open = false;
        while (true) {
            space();
            if (i >= s.length()) {
                return new Obj(fields, true); // a doc that stops short: the rest is left out
            }
            if (peek('}')) {
                i++;
                return new Obj(fields, open);
            }
            if (ellipsis()) {
                open = true;
            } else {
                String key = string();
                space();
                expect(':');
                Node value = value(false);
                if (key.equals("…") || key.equals("...")) {
                    open = true;
                } else {
                    fields.put(key, value);
                }
            }
            space();
            if (peek(',')) {
                i++;
            } else if (!peek('}') && i < s.length()) {
                throw error("',' or '}'");
            }
        }
    }

    private Arr array() {
        i++;
        List<Node> items = new ArrayList<>();
        while (true) {
            space();
            if (i >= s.length()) {
                items.add(new Elision()); // a doc that stops short: the rest is left out
                return new Arr(items);
            }
            if (peek(']')) {
                i++;
                return new Arr(items);
            }
            items.add(value(true));
            space();
            if (peek(',')) {
                i++;
            } else if (!peek(']') && i < s.length()) {
                throw error("',' or ']'");
            }
        }
    }

    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (i < s.length() && s.charAt(i) != '"') {
            char c = s.charAt(i++);
            if (c == '\\') {
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> out.append(e);
                }
            } else {
                out.append(c);
            }
        }
        expect('"');
        return out.toString();
    }

    private boolean peek(char c) {
        return i < s.length() && s.charAt(i) == c;
    }

    private void expect(char c) {
        if (!peek(c)) {
            throw error("'" + c + "'");
        }
        i++;
    }

    private void space() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
    }

    private IllegalArgumentException error(String wanted) {
        int from = Math.max(0, i - 40);
        return new IllegalArgumentException("documented JSON: expected " + wanted + " at …"
                + s.substring(from, Math.min(s.length(), i + 20)).replace('\n', ' ') + "…");
    }

    /** Adds a line to {@code diffs} for every place where the real answer differs from the documented one. */
    static void compare(Node documented, JsonNode real, String path, List<String> diffs) {
        if (real == null || real.isMissingNode()) {
            diffs.add(path + ": documented, not answered");
            return;
        }
        if (documented instanceof Any || documented instanceof Elision) {
            return;
        }
        if (documented instanceof Scalar scalar) {
            JsonNode doc = scalar.value();
            boolean same;
            if (doc.isNumber()) {
                same = real.isNumber() && real.decimalValue().compareTo(doc.decimalValue()) == 0;
            } else if (doc.isTextual()) {
                same = real.isValueNode() && !real.isNull()
                        ? DocAnswer.scalarMatches(doc.asText(), real.asText())
                        : DocAnswer.globMatches(doc.asText(), real.toString())
                                && doc.asText().contains("…");
            } else {
                same = doc.equals(real);
            }
            if (!same) {
                diffs.add(path + ": documented " + doc + ", answered " + DocAnswer.abbreviate(real.toString()));
            }
        } else if (documented instanceof Obj obj) {
            if (!real.isObject()) {
                diffs.add(path + ": documented an object, answered " + DocAnswer.abbreviate(real.toString()));
                return;
            }
            obj.fields().forEach((key, value) -> compare(value, real.get(key), path + "." + key, diffs));
            if (!obj.open()) {
                List<String> extra = new ArrayList<>();
                Iterator<String> names = real.fieldNames();
                names.forEachRemaining(name -> {
                    if (!obj.fields().containsKey(name)) {
                        extra.add(name);
                    }
                });
                if (!extra.isEmpty()) {
                    diffs.add(path + ": answered members not documented (write … to leave them out): " + extra);
                }
            }
        } else if (documented instanceof Arr arr) {
            if (!real.isArray()) {
                diffs.add(path + ": documented an array, answered " + DocAnswer.abbreviate(real.toString()));
                return;
            }
            int at = 0;
            boolean elided = false;
            int index = 0;
            for (Node item : arr.items()) {
                if (item instanceof Elision) {
                    elided = true;
                    continue;
                }
                int found = -1;
                for (int k = at; k < real.size() && (elided || k == at); k++) {
                    List<String> trial = new ArrayList<>();
                    compare(item, real.get(k), path + "[" + k + "]", trial);
                    if (trial.isEmpty()) {
                        found = k;
                        break;
                    }
                    if (!elided) {
                        diffs.addAll(trial);
                        found = k;
                    }
                }
                if (found < 0) {
                    diffs.add(path + ": no element at or after [" + at + "] matches documented element " + index
                            + " (answered " + real.size() + " elements: "
                            + DocAnswer.abbreviate(real.toString()) + ")");
                    return;
                }
                at = found + 1;
                elided = false;
                index++;
            }
            if (!elided && at < real.size()) {
                diffs.add(path + ": answered " + real.size() + " elements, documented " + at
                        + " (write … to leave some out)");
            }
        }
    }
}
