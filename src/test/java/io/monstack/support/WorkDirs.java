package io.monstack.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** An end-to-end test's temp folder: removed afterwards unless MONSTACK_KEEP_E2E is set (to read the logs). */
public final class WorkDirs {
    private WorkDirs() {
    }

    /** Removes dir (null: nothing), best effort, unless MONSTACK_KEEP_E2E is set. */
    public static void removeUnlessKept(Path dir) {
        if (dir == null || System.getenv("MONSTACK_KEEP_E2E") != null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort: a temp folder
        }
    }
}
