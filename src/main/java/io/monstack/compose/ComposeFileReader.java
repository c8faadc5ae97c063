package io.monstack.compose;

import io.monstack.stack.UserException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads one compose file into a {@link ComposeNode} tree, bounded like monstack.yml's reader
 * (size, aliases, nesting, and the nodes aliases expand to), with Compose's own steps: {@code <<}
 * merge keys, the {@code !reset}/{@code !override} tags, interpolation of every value (never of
 * keys). Errors are one line with file:line:column.
 */
final class ComposeFileReader {
    static final int MAX_BYTES = 4 * 1024 * 1024;
    /** Anchors are common in compose files (x-common: &common); their expansion is what is bounded. */
    private static final int MAX_ALIASES = 100;
    private static final int MAX_NODES = 200_000;
    private static final Tag RESET = new Tag("!reset");
    private static final Tag OVERRIDE = new Tag("!override");

    private final String fileName;
    private final Interpolation interpolation;
    private int nodes;

    private ComposeFileReader(String fileName, Interpolation interpolation) {
        this.fileName = fileName;
        this.interpolation = interpolation;
    }

    static ComposeNode read(Path file, Interpolation interpolation) {
        return parse(text(file), file.toString(), interpolation);
    }

    /** The file as UTF-8 text, at most MAX_BYTES; a missing or unreadable file is one line. */
    static String text(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new UserException(file + ": " + size / 1024 + " KiB is too large for a compose file (at most "
                        + MAX_BYTES / (1024 * 1024) + " MiB are read)");
            }
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (NoSuchFileException e) {
            throw new UserException(file + ": no such compose file");
        } catch (CharacterCodingException e) {
            throw new UserException(file + ": is not UTF-8 text, so not a compose file");
        } catch (IOException e) {
            throw new UserException(file + ": cannot read it: " + e.getMessage());
        }
    }

    static ComposeNode parse(String text, String fileName, Interpolation interpolation) {
        ComposeFileReader reader = new ComposeFileReader(fileName, interpolation);
        Node root = reader.compose(text);
        if (root == null) {
            throw new UserException(fileName + ": is empty, so not a compose file (it needs services:)");
        }
        return reader.convert(root);
    }

    private Node compose(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(40);
        options.setCodePointLimit(MAX_BYTES);
        options.setAllowDuplicateKeys(false);
        try {
            return new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String what = e.getProblem() != null ? e.getProblem() : e.getMessage();
            throw new UserException((mark == null ? fileName + ": " : where(mark).prefix()) + "not a compose file: invalid YAML: "
                    + what.strip());
        } catch (YAMLException e) {
            throw new UserException(fileName + ": refused: " + e.getMessage().lines().findFirst().orElse("invalid YAML"));
        }
    }

    private Where where(Mark mark) {
        return new Where(fileName, mark.getLine() + 1, mark.getColumn() + 1);
    }

    private Where where(Node node) {
        return where(node.getStartMark());
    }

    private ComposeNode convert(Node node) {
        if (++nodes > MAX_NODES) {
            throw new UserException(where(node).prefix() + "refused: the aliases expand to more than " + MAX_NODES + " values");
        }
        ComposeNode.MergeTag tag = mergeTag(node);
        if (node instanceof ScalarNode s) {
            if (s.getTag().equals(Tag.NULL)) {
                return new ComposeNode.Scalar(null, null, where(node), tag);
            }
            Interpolation.Result r = interpolation.resolve(s.getValue());
            return new ComposeNode.Scalar(s.getValue(), r.value(), r.problem(), r.refusal(), where(node), tag);
        }
        if (node instanceof SequenceNode seq) {
            List<ComposeNode> items = new ArrayList<>();
            for (Node item : seq.getValue()) {
                items.add(convert(item));
            }
            return new ComposeNode.Sequence(items, where(node), tag);
        }
        MappingNode map = (MappingNode) node;
        Map<String, ComposeNode> entries = new LinkedHashMap<>();
        Map<String, Where> keys = new LinkedHashMap<>();
        // YAML merge keys: what << brings in, earlier sources first; the mapping's own keys win.
        Map<String, ComposeNode> merged = new LinkedHashMap<>();
        Map<String, Where> mergedKeys = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            if (t.getKeyNode().getTag().equals(Tag.MERGE)) {
                List<Node> sources = t.getValueNode() instanceof SequenceNode s ? s.getValue() : List.of(t.getValueNode());
                for (Node source : sources) {
                    if (!(source instanceof MappingNode)) {
                        throw new UserException(where(source).prefix() + "<< must merge a mapping (or a list of mappings)");
                    }
                    ComposeNode.Mapping m = (ComposeNode.Mapping) convert(source);
                    m.entries().forEach(merged::putIfAbsent);
                    m.keyAt().forEach(mergedKeys::putIfAbsent);
                }
                continue;
            }
            if (!(t.getKeyNode() instanceof ScalarNode key)) {
                throw new UserException(where(t.getKeyNode()).prefix() + "keys must be plain text");
            }
            if (entries.containsKey(key.getValue())) {
                throw new UserException(where(key).prefix() + "duplicate key " + Shown.value(key.getValue()));
            }
            // Compose does not interpolate keys; it does interpolate x- extensions (and refuses them as any value).
            entries.put(key.getValue(), convert(t.getValueNode()));
            keys.put(key.getValue(), where(key));
        }
        merged.forEach(entries::putIfAbsent);
        mergedKeys.forEach(keys::putIfAbsent);
        return new ComposeNode.Mapping(entries, keys, where(node), tag);
    }

    private ComposeNode.MergeTag mergeTag(Node node) {
        Tag tag = node.getTag();
        if (tag.equals(RESET)) {
            return ComposeNode.MergeTag.RESET;
        }
        if (tag.equals(OVERRIDE)) {
            return ComposeNode.MergeTag.OVERRIDE;
        }
        if (!tag.getValue().startsWith(Tag.PREFIX) || tag.equals(Tag.BINARY)) {
            throw new UserException(where(node).prefix() + "the tag " + tag.getValue()
                    + " is not one Compose knows (only !reset and !override)");
        }
        return ComposeNode.MergeTag.NONE;
    }
}
