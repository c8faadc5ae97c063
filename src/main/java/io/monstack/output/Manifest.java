package io.monstack.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monstack.generate.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * .monstack/manifest.json: the SHA-256 of every file monstack last wrote. A file whose current
 * hash is in its set is ours to replace; any other content is the user's. A path may hold two
 * hashes while a run is writing (old and new), so a run killed halfway is not mistaken for edits.
 */
public final class Manifest {
    public static final String PATH = ".monstack/manifest.json";
    private final Map<String, Set<String>> hashes = new TreeMap<>();

    public static Manifest load(Path stackDir) {
        Manifest m = new Manifest();
        Path file = stackDir.resolve(PATH);
        if (!Files.exists(file)) {
            return m;
        }
        try {
            JsonNode root = Json.MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
            JsonNode files = root.path("files");
            for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                Set<String> set = new LinkedHashSet<>();
                e.getValue().forEach(h -> set.add(h.asText()));
                m.hashes.put(e.getKey(), set);
            }
        } catch (IOException e) {
            // A damaged manifest only makes monstack more careful: every existing file becomes a conflict.
        }
        return m;
    }

    public Set<String> paths() {
        return hashes.keySet();
    }

    public boolean matches(String path, String hash) {
        return hashes.getOrDefault(path, Set.of()).contains(hash);
    }

    public void put(String path, String... allowed) {
        Set<String> set = new LinkedHashSet<>();
        for (String h : allowed) {
            if (h != null) {
                set.add(h);
            }
        }
        hashes.put(path, set);
    }

    public void remove(String path) {
        hashes.remove(path);
    }

    public void save(Path stackDir) throws IOException {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("generator", "monstack");
        ObjectNode files = root.putObject("files");
        hashes.forEach((path, set) -> {
            ArrayNode arr = files.putArray(path);
            set.forEach(arr::add);
        });
        AtomicFiles.write(stackDir.resolve(PATH), Json.pretty(root).getBytes(StandardCharsets.UTF_8));
    }
}
