package io.monstack.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Validates documents against the reference schemas in ../shared/schemas (all draft-07). */
public final class Schemas {
    private static final Map<String, JsonSchema> CACHE = new ConcurrentHashMap<>();

    private Schemas() {
    }

    public static Set<ValidationMessage> validate(String schemaFile, JsonNode document) {
        return schema(schemaFile).validate(document);
    }

    public static void assertValid(String schemaFile, JsonNode document, String what) {
        Set<ValidationMessage> errors = validate(schemaFile, document);
        assertThat(errors).as("%s against %s", what, schemaFile).isEmpty();
    }

    private static JsonSchema schema(String file) {
        return CACHE.computeIfAbsent(file, f -> {
            try {
                ObjectNode node = (ObjectNode) Rendered.JSON.readTree(Files.readString(Samples.schema(f)));
                // compose-spec declares an https draft-07 URI the validator does not know; the
                // factory is pinned to draft-07, which is what all three schemas are; their $refs are all internal.
                node.remove("$schema");
                node.remove("$id");
                return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(node);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
