package io.monstack.compose;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A compose file as a tree, after Compose's own steps: aliases and {@code <<} merge keys
 * resolved, every value interpolated. Each node remembers where it was written; a value that
 * could not be interpolated keeps the reason instead of a value, so only the values monstack
 * reads are noted as left out.
 */
sealed interface ComposeNode permits ComposeNode.Scalar, ComposeNode.Sequence, ComposeNode.Mapping {
    Where at();

    /** Compose's merge tags: {@code !reset} drops the value of earlier files, {@code !override} replaces it whole. */
    enum MergeTag { NONE, RESET, OVERRIDE }

    MergeTag mergeTag();

    ComposeNode withMergeTag(MergeTag tag);

    /**
     * A single value: raw as written, value as interpolated. value is null for YAML null, and for
     * a value interpolation could not resolve (then unresolved says why, e.g. "WEB_PORT is not set",
     * and refusal, when Compose refuses the file for it, what makes Compose accept it).
     */
    record Scalar(String raw, String value, String unresolved, String refusal, Where at, MergeTag mergeTag) implements ComposeNode {
        Scalar(String raw, String value, Where at, MergeTag mergeTag) {
            this(raw, value, null, null, at, mergeTag);
        }

        boolean isNull() {
            return value == null && unresolved == null;
        }

        @Override
        public Scalar withMergeTag(MergeTag tag) {
            return new Scalar(raw, value, unresolved, refusal, at, tag);
        }
    }

    record Sequence(List<ComposeNode> items, Where at, MergeTag mergeTag) implements ComposeNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public Sequence withMergeTag(MergeTag tag) {
            return new Sequence(items, at, tag);
        }
    }

    /** A mapping in file order; keys are plain text, keyAt says where each key was written. */
    record Mapping(Map<String, ComposeNode> entries, Map<String, Where> keyAt, Where at, MergeTag mergeTag) implements ComposeNode {
        public Mapping {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
            keyAt = Collections.unmodifiableMap(new LinkedHashMap<>(keyAt));
        }

        ComposeNode get(String key) {
            return entries.get(key);
        }

        /** Where the key was written, else where the mapping starts. */
        Where whereKey(String key) {
            return keyAt.getOrDefault(key, at);
        }

        @Override
        public Mapping withMergeTag(MergeTag tag) {
            return new Mapping(entries, keyAt, at, tag);
        }
    }
}
