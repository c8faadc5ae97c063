package io.monstack.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The specs under samples/ and the shared reference schemas. */
public final class Samples {
    public static final Path ROOT = Path.of("samples");
    public static final Path SCHEMAS = Path.of("..", "shared", "schemas");

    private Samples() {
    }

    public static List<Path> specs() {
        try (Stream<Path> s = Files.walk(ROOT)) {
            return s.filter(p -> p.getFileName().toString().equals("monstack.yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path schema(String name) {
        Path p = SCHEMAS.resolve(name);
        if (!Files.exists(p)) {
            throw new AssertionError("reference schema " + p.toAbsolutePath() + " is missing (../shared/schemas beside the repo)");
        }
        return p;
    }
}
