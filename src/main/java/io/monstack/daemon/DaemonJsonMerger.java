package io.monstack.daemon;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monstack.generate.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Merges monstack's daemon.json snippet into the engine's daemon.json. Pure: no I/O. Every key
 * of the existing file is kept (nested objects are merged key by key); a key the snippet sets
 * to a different value than the file already has is a conflict, refused unless forced.
 */
public final class DaemonJsonMerger {
    /** Strict like dockerd's Go parser: no comments, no duplicate keys, nothing after the object. */
    private static final ObjectMapper STRICT = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonParser.Feature.ALLOW_COMMENTS);

    private DaemonJsonMerger() {
    }

    /** One key the snippet sets where the file already holds another value. */
    public record Conflict(String key, JsonNode existing, JsonNode wanted) {
        @Override
        public String toString() {
            if (Redact.isSecretKey(key)) {
                return "\"" + key + "\" (value hidden), the snippet wants another value";
            }
            return "\"" + key + "\" to " + Redact.line(existing.toString()) + ", the snippet wants " + Redact.line(wanted.toString());
        }
    }

    /**
     * The merged document and what the merge did: keys added, keys already set to the wanted
     * value, and conflicts (replaced only when forced).
     */
    public record Result(ObjectNode merged, List<String> added, List<String> alreadySet, List<Conflict> conflicts) {
        public Result {
            added = List.copyOf(added);
            alreadySet = List.copyOf(alreadySet);
            conflicts = List.copyOf(conflicts);
        }

        public boolean changes(ObjectNode existing) {
            return !merged.equals(existing);
        }
    }

    /**
     * Parses a daemon.json. Empty (or whitespace-only) text is an empty object, as dockerd treats
     * it; anything that is not one JSON object is refused with file:line:column.
     */
    public static ObjectNode parse(String text, String fileName) {
        if (text.isBlank()) {
            return Json.mapper().createObjectNode();
        }
        JsonNode node;
        try {
            node = STRICT.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? fileName : fileName + ":" + at.getLineNr() + ":" + at.getColumnNr();
            throw new DaemonJsonException(where + ": invalid JSON: " + firstLine(e.getOriginalMessage())
                    + "; fix the file (or restore a backup) and run again; nothing was changed");
        }
        if (!(node instanceof ObjectNode object)) {
            throw new DaemonJsonException(fileName + ": must hold one JSON object ({...}), not "
                    + (node == null ? "nothing" : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT))
                    + "; nothing was changed");
        }
        return object;
    }

    /** Merges without forcing: conflicts are refused with a message naming each one and --force. */
    public static Result merge(ObjectNode existing, ObjectNode snippet) {
        return merge(existing, snippet, false);
    }

    public static Result merge(ObjectNode existing, ObjectNode snippet, boolean force) {
        ObjectNode merged = existing.deepCopy();
        List<String> added = new ArrayList<>();
        List<String> alreadySet = new ArrayList<>();
        List<Conflict> conflicts = new ArrayList<>();
        mergeInto(merged, snippet, "", force, added, alreadySet, conflicts);
        if (!conflicts.isEmpty() && !force) {
            List<String> shown = conflicts.stream().map(Conflict::toString).toList();
            throw new DaemonJsonException("daemon.json already sets " + String.join("; ", shown)
                    + ". Nothing was changed: edit the value by hand, or use --force to replace it");
        }
        return new Result(merged, added, alreadySet, conflicts);
    }

    private static void mergeInto(ObjectNode target, ObjectNode snippet, String prefix, boolean force,
            List<String> added, List<String> alreadySet, List<Conflict> conflicts) {
        for (Iterator<Map.Entry<String, JsonNode>> it = snippet.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = prefix + e.getKey();
            JsonNode have = target.get(e.getKey());
            JsonNode want = e.getValue();
            if (have == null) {
                target.set(e.getKey(), want.deepCopy());
                added.add(key);
            } else if (have.equals(want)) {
                alreadySet.add(key);
            } else if (have instanceof ObjectNode haveObject && want instanceof ObjectNode wantObject) {
                mergeInto(haveObject, wantObject, key + ".", force, added, alreadySet, conflicts);
            } else {
                conflicts.add(new Conflict(key, have.deepCopy(), want));
                if (force) {
                    target.set(e.getKey(), want.deepCopy());
                }
            }
        }
    }

    /** The merged file's text: pretty JSON ("key": value, two-space indent), keys in their order, trailing newline. */
    public static String format(ObjectNode node) {
        return format(node, "  ");
    }

    /** As {@link #format(ObjectNode)} with the given indent unit, so a file keeps its own indentation. */
    public static String format(ObjectNode node, String indent) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(new DefaultIndenter(indent, "\n"))
                .withArrayIndenter(new DefaultIndenter(indent, "\n"));
        try {
            return Json.mapper().writer(printer).writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The indent unit of a JSON text: the leading whitespace of its first indented line, else two spaces. */
    public static String indentOf(String text) {
        for (String line : text.split("\n")) {
            int n = 0;
            while (n < line.length() && (line.charAt(n) == ' ' || line.charAt(n) == '\t')) {
                n++;
            }
            if (n > 0 && n < line.length() && n <= 8) {
                return line.substring(0, n);
            }
        }
        return "  ";
    }

    private static String firstLine(String message) {
        String m = message == null ? "unreadable" : message;
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
