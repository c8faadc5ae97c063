package io.monstack.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.monstack.generate.GeneratedFile;
import io.monstack.generate.StackGenerator;
import io.monstack.spec.StackSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** A spec rendered in memory, with parse-back helpers for its YAML and JSON files. */
public final class Rendered {
    public static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, String> files = new LinkedHashMap<>();

    public Rendered(StackSpec spec) {
        for (GeneratedFile f : new StackGenerator().generate(spec)) {
            files.put(f.path(), f.content());
        }
    }

    public Map<String, String> files() {
        return files;
    }

    public String text(String path) {
        String t = files.get(path);
        if (t == null) {
            throw new AssertionError("no generated file " + path + "; generated: " + files.keySet());
        }
        return t;
    }

    public static Object yaml(String text) {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> yamlMap(String path) {
        return (Map<String, Object>) yaml(text(path));
    }

    public JsonNode json(String path) {
        try {
            return JSON.readTree(text(path));
        } catch (IOException e) {
            throw new AssertionError(path + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    public List<String> paths(String prefix) {
        return files.keySet().stream().filter(p -> p.startsWith(prefix)).toList();
    }

    /** Writes every file under dir, as the real writer would lay them out. */
    public Path writeTo(Path dir) {
        try {
            for (Map.Entry<String, String> e : files.entrySet()) {
                Path p = dir.resolve(e.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, e.getValue());
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
