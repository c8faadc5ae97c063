package io.monstack.compose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges compose files the way {@code docker compose -f a.yaml -f b.yaml} does: mappings key by
 * key, later files winning for single values; lists appended without repeats; labels, environment
 * and a service's networks merged by key whether written as a list or a mapping; {@code !reset}
 * removes what earlier files said, {@code !override} replaces it whole.
 */
final class ComposeMerge {
    /** Keys whose list form (KEY=VALUE items, or bare names) is a mapping. */
    private static final Set<String> MAP_LIKE = Set.of("labels", "environment", "networks", "extra_hosts", "sysctls", "annotations");

    private ComposeMerge() {
    }

    static ComposeNode.Mapping merge(List<ComposeNode.Mapping> files) {
        ComposeNode.Mapping result = files.get(0);
        for (int i = 1; i < files.size(); i++) {
            result = (ComposeNode.Mapping) merge(result, files.get(i), "");
        }
        return strip(result);
    }

    private static ComposeNode merge(ComposeNode base, ComposeNode over, String key) {
        if (over.mergeTag() == ComposeNode.MergeTag.OVERRIDE || base == null) {
            return over.withMergeTag(ComposeNode.MergeTag.NONE);
        }
        if (MAP_LIKE.contains(key)) {
            base = asMapping(base);
            over = asMapping(over);
        }
        if (base instanceof ComposeNode.Mapping b && over instanceof ComposeNode.Mapping o) {
            Map<String, ComposeNode> entries = new LinkedHashMap<>(b.entries());
            Map<String, Where> keys = new LinkedHashMap<>(b.keyAt());
            o.entries().forEach((k, v) -> {
                if (v.mergeTag() == ComposeNode.MergeTag.RESET) {
                    entries.remove(k);
                    keys.remove(k);
                } else {
                    entries.put(k, merge(entries.get(k), v, k));
                    keys.put(k, o.whereKey(k));
                }
            });
            return new ComposeNode.Mapping(entries, keys, o.at(), ComposeNode.MergeTag.NONE);
        }
        if (base instanceof ComposeNode.Sequence b && over instanceof ComposeNode.Sequence o) {
            List<ComposeNode> items = new ArrayList<>(b.items());
            for (ComposeNode item : o.items()) {
                if (!(item instanceof ComposeNode.Scalar s) || items.stream().noneMatch(x -> sameScalar(x, s))) {
                    items.add(item);
                }
            }
            return new ComposeNode.Sequence(items, o.at(), ComposeNode.MergeTag.NONE);
        }
        return over.withMergeTag(ComposeNode.MergeTag.NONE);
    }

    /** ["a=1", "b"] as {a: "1", b: null}; anything else as it is. */
    static ComposeNode asMapping(ComposeNode node) {
        if (!(node instanceof ComposeNode.Sequence seq)) {
            return node;
        }
        Map<String, ComposeNode> entries = new LinkedHashMap<>();
        Map<String, Where> keys = new LinkedHashMap<>();
        for (ComposeNode item : seq.items()) {
            if (item instanceof ComposeNode.Scalar s && !s.isNull()) {
                // KEY=${UNSET}: the key as written, the value unresolved (noted where it is read)
                String text = s.value() != null ? s.value() : s.raw();
                int eq = text.indexOf('=');
                String k = eq < 0 ? text : text.substring(0, eq);
                String v = eq < 0 || s.value() == null ? null : text.substring(eq + 1);
                String rawValue = eq < 0 ? null : text.substring(eq + 1);
                entries.put(k, new ComposeNode.Scalar(rawValue, v, s.unresolved(), s.refusal(), s.at(), ComposeNode.MergeTag.NONE));
                keys.put(k, s.at());
            } else {
                return node;
            }
        }
        return new ComposeNode.Mapping(entries, keys, seq.at(), seq.mergeTag());
    }

    private static boolean sameScalar(ComposeNode a, ComposeNode.Scalar b) {
        return a instanceof ComposeNode.Scalar s && s.value() != null && s.value().equals(b.value());
    }

    /** A single file's !reset values mean nothing without an earlier file: drop them, like Compose. */
    private static ComposeNode.Mapping strip(ComposeNode.Mapping m) {
        Map<String, ComposeNode> entries = new LinkedHashMap<>();
        m.entries().forEach((k, v) -> {
            if (v.mergeTag() != ComposeNode.MergeTag.RESET) {
                entries.put(k, v instanceof ComposeNode.Mapping inner ? strip(inner) : v);
            }
        });
        return new ComposeNode.Mapping(entries, m.keyAt(), m.at(), ComposeNode.MergeTag.NONE);
    }
}
