package io.monstack.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * .monstack/manifest: the SHA-256 of every file monstack last wrote, one "hash[,hash] path" line
 * per file (sha256sum style, readable and diffable). A file whose current hash is in its set is
 * ours to replace; any other content is the user's. A path holds two hashes while a run is
 * writing (old and new), so a run killed halfway is not mistaken for hand edits.
 */
public final class Manifest {
    public static final String PATH = ".monstack/manifest";
    private static final String HEADER = "# monstack manifest: sha256 of each generated file as last written. Do not edit.\n";
    private final Map<String, Set<String>> hashes = new TreeMap<>();

    public static Manifest load(Path stackDir) {
        Manifest m = new Manifest();
        Path file = stackDir.resolve(PATH);
        if (!Files.exists(file)) {
            return m;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int space = line.indexOf(' ');
                if (line.startsWith("#") || space < 0) {
                    continue;
                }
                Set<String> set = new LinkedHashSet<>(java.util.List.of(line.substring(0, space).split(",")));
                m.hashes.put(line.substring(space + 1), set);
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
        StringBuilder sb = new StringBuilder(HEADER);
        hashes.forEach((path, set) -> sb.append(String.join(",", set)).append(' ').append(path).append('\n'));
        AtomicFiles.write(stackDir.resolve(PATH), sb.toString().getBytes(StandardCharsets.UTF_8));
    }
}
