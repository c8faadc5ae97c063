package io.monstack.spec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads typed values out of a composed YAML node tree, remembering where each value sat in the
 * file, so that every error names file, line and column and what was expected.
 */
final class YamlTree {
    private final String file;
    private final Map<String, Mark> marks = new LinkedHashMap<>();
    private final Map<String, Mark> keyMarks = new LinkedHashMap<>();
    /** What could not be read, in file order: reading goes on past it (with the value left out), so all are said at once. */
    private final List<Issue> issues = new ArrayList<>();

    /** A value that could not be read: its place in the spec, where it is in the file, and the message at its file:line:col. */
    record Issue(String path, int line, int column, String message) {
    }

    YamlTree(String file) {
        this.file = file;
    }

    List<Issue> issues() {
        return issues;
    }

    /** Records what is wrong with the value at path (read as left out from here on). */
    void fail(Node node, String path, String message) {
        fail(node.getStartMark(), path, message);
    }

    private void fail(Mark mark, String path, String message) {
        issues.add(new Issue(path, mark.getLine(), mark.getColumn(), at(mark) + message));
    }

    Map<String, Mark> marks() {
        return marks;
    }

    String at(Mark mark) {
        return file + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1) + ": ";
    }

    /** The keys of a mapping, in file order; unknown or duplicate keys are errors. */
    Map<String, Node> mapping(Node node, String path, Collection<String> allowed) {
        Map<String, Node> entries = anyMapping(node, path);
        for (Map.Entry<String, Node> e : entries.entrySet()) {
            if (!allowed.contains(e.getKey())) {
                String hint = suggest(e.getKey(), allowed);
                fail(keyMarks.get(child(path, e.getKey())), child(path, e.getKey()), "unknown key "
                        + SpecValidator.show(e.getKey()) + (path.isEmpty() ? "" : " in " + path)
                        + (hint == null ? "; expected one of " + String.join(", ", allowed) : didYouMean(hint)));
            }
        }
        entries.keySet().retainAll(allowed);
        return entries;
    }

    /** A mapping whose keys are free (labels). */
    Map<String, Node> anyMapping(Node node, String path) {
        Map<String, Node> entries = new LinkedHashMap<>();
        if (!(node instanceof MappingNode mapping)) {
            fail(node, path, (path.isEmpty() ? "the spec" : path) + " must be a mapping (key: value lines)");
            return entries;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                fail(tuple.getKeyNode(), path, "keys must be plain text" + (path.isEmpty() ? "" : " in " + path));
                continue;
            }
            if (entries.containsKey(key.getValue())) {
                fail(key, child(path, key.getValue()), "duplicate key \"" + key.getValue() + "\"" + (path.isEmpty() ? "" : " in " + path));
                continue;
            }
            entries.put(key.getValue(), tuple.getValueNode());
            marks.put(child(path, key.getValue()), tuple.getValueNode().getStartMark());
            keyMarks.put(child(path, key.getValue()), key.getStartMark());
        }
        return entries;
    }

    List<Node> sequence(Node node, String path) {
        if (!(node instanceof SequenceNode seq)) {
            fail(node, path, path + " must be a list");
            return List.of();
        }
        List<Node> items = new ArrayList<>(seq.getValue());
        for (int i = 0; i < items.size(); i++) {
            marks.put(path + "[" + i + "]", items.get(i).getStartMark());
        }
        return items;
    }

    String string(Node node, String path) {
        if (node == null) {
            return null;
        }
        if (!(node instanceof ScalarNode scalar)) {
            fail(node, path, path + " must be a single value, not a list or mapping");
            return null;
        }
        if (scalar.getTag().equals(Tag.BINARY) || !scalar.getTag().getValue().startsWith(Tag.PREFIX)) {
            fail(node, path, path + ": YAML tags such as " + scalar.getTag().getValue() + " are not supported; write the plain value");
            return null;
        }
        if (scalar.getTag().equals(Tag.NULL) && scalar.getValue().isEmpty() || "~".equals(scalar.getValue()) && scalar.getTag().equals(Tag.NULL)) {
            return null;
        }
        return scalar.getValue();
    }

    List<String> strings(Node node, String path) {
        if (node == null) {
            return List.of();
        }
        if (node instanceof ScalarNode) {
            String one = string(node, path);
            return one == null ? List.of() : List.of(one);
        }
        List<String> out = new ArrayList<>();
        List<Node> items = sequence(node, path);
        for (int i = 0; i < items.size(); i++) {
            String value = string(items.get(i), path + "[" + i + "]");
            if (value == null) {
                if (items.get(i) instanceof ScalarNode) { // a list or mapping there is said already
                    fail(items.get(i), path + "[" + i + "]", path + "[" + i + "] must not be empty");
                }
                continue;
            }
            out.add(value);
        }
        return out;
    }

    Integer integer(Node node, String path) {
        String text = string(node, path);
        if (text == null) {
            return null;
        }
        if (!text.matches("\\d{1,9}")) {
            fail(node, path, path + " must be a whole number, got " + SpecValidator.show(text));
            return null;
        }
        return Integer.parseInt(text);
    }

    /** A plain number (12, 0.95, -3.5); no exponent, no "inf"/"nan". */
    Double decimal(Node node, String path) {
        String text = string(node, path);
        if (text == null) {
            return null;
        }
        if (!text.matches("-?\\d{1,15}(\\.\\d{1,15})?")) {
            fail(node, path, path + " must be a number such as 100 or 0.95, got " + SpecValidator.show(text));
            return null;
        }
        return Double.valueOf(text);
    }

    Boolean bool(Node node, String path) {
        String text = string(node, path);
        if (text == null) {
            return null;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> {
                fail(node, path, path + " must be true or false");
                yield null;
            }
        };
    }

    static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** " (did you mean \"x\"?)" for a near miss, else "": the candidate quoted and escaped, as it may come from a user's file. */
    static String didYouMean(String given, Collection<String> allowed) {
        String hint = suggest(given, allowed);
        return hint == null ? "" : didYouMean(hint);
    }

    private static String didYouMean(String hint) {
        return " (did you mean " + SpecValidator.show(hint) + "?)";
    }

    /** "did you mean": same letters ignoring case/underscores (scrape_interval), or a small typo. */
    static String suggest(String given, Collection<String> allowed) {
        String normal = normalise(given);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : allowed) {
            if (normalise(candidate).equals(normal)) {
                return candidate;
            }
            int d = distance(normal, normalise(candidate));
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return bestDistance <= Math.max(2, normal.length() / 4) ? best : null;
    }

    private static String normalise(String s) {
        return s.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
    }

    private static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 3 || a.length() > 64 || b.length() > 64) {
            return Integer.MAX_VALUE;
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
