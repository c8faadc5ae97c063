package io.monstack.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.monstack.render.Quote;
import java.util.Iterator;
import java.util.Map;

/**
 * Stable pretty JSON (two-space indent, \n line ends, trailing newline) for generated files.
 * Written by hand from the node tree: building Jackson's ObjectMapper costs more start-up time
 * than rendering a whole stack, and the tree walk is all the generator needs.
 */
public final class Json {
    /** For callers that parse JSON; built on first use (it loads hundreds of classes). */
    public static ObjectMapper mapper() {
        return MapperHolder.MAPPER;
    }

    private static final class MapperHolder {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private Json() {
    }

    public static String pretty(JsonNode node) {
        StringBuilder sb = new StringBuilder(4096);
        write(sb, node, 0);
        return sb.append('\n').toString();
    }

    private static void write(StringBuilder sb, JsonNode node, int depth) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                if (node.isEmpty()) {
                    sb.append("{ }");
                    return;
                }
                sb.append("{\n");
                Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> e = fields.next();
                    indent(sb, depth + 1).append(Quote.json(e.getKey())).append(" : ");
                    write(sb, e.getValue(), depth + 1);
                    sb.append(fields.hasNext() ? ",\n" : "\n");
                }
                indent(sb, depth).append('}');
            }
            case ARRAY -> {
                if (node.isEmpty()) {
                    sb.append("[ ]");
                    return;
                }
                sb.append("[\n");
                for (int i = 0; i < node.size(); i++) {
                    indent(sb, depth + 1);
                    write(sb, node.get(i), depth + 1);
                    sb.append(i + 1 < node.size() ? ",\n" : "\n");
                }
                indent(sb, depth).append(']');
            }
            case STRING -> sb.append(Quote.json(node.textValue()));
            case NUMBER, BOOLEAN, NULL -> sb.append(node.asText());
            default -> throw new IllegalArgumentException("cannot write JSON node of type " + node.getNodeType());
        }
    }

    private static StringBuilder indent(StringBuilder sb, int depth) {
        for (int i = 0; i < depth; i++) {
            sb.append("  ");
        }
        return sb;
    }
}
