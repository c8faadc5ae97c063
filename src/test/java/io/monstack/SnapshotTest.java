package io.monstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.monstack.support.Cli;
import io.monstack.support.Samples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole rendered stack of every sample, byte for byte, against src/test/resources/snapshots.
 * After an intended change, rewrite them with: mvn test -Dtest=SnapshotTest -Dmonstack.updateSnapshots=true
 * and review the diff in git.
 */
class SnapshotTest {
    private static final Path SNAPSHOTS = Path.of("src/test/resources/snapshots");
    private static final boolean UPDATE = Boolean.getBoolean("monstack.updateSnapshots");

    @TempDir
    Path tmp;

    static Stream<Path> samples() {
        return Samples.specs().stream();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void renderedStackMatchesTheSnapshot(Path sample) throws IOException {
        Path out = tmp.resolve("stack");
        Cli.Run run = Cli.run("init", out.toString(), "--from", sample.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        Map<String, String> actual = stackFiles(out);
        Path snapshot = SNAPSHOTS.resolve(sample.getParent().getFileName());
        if (UPDATE) {
            deleteRecursively(snapshot);
            for (Map.Entry<String, String> e : actual.entrySet()) {
                Path p = snapshot.resolve(e.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, e.getValue());
            }
            Assumptions.abort("snapshot " + snapshot + " rewritten, not compared: review it with git diff");
        }
        assertThat(snapshot).as("snapshot missing; create it with -Dmonstack.updateSnapshots=true").isDirectory();
        Map<String, String> expected = stackFiles(snapshot);
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        for (String path : expected.keySet()) {
            assertThat(actual.get(path)).as("%s differs from the snapshot (rewrite with -Dmonstack.updateSnapshots=true if intended)", path)
                    .isEqualTo(expected.get(path));
        }
    }

    @ParameterizedTest
    @MethodSource("samples")
    void sameSpecRendersByteIdenticalOutputTwice(Path sample) throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        assertThat(Cli.run("init", a.toString(), "--from", sample.toString()).exitCode()).isZero();
        assertThat(Cli.run("init", b.toString(), "--from", sample.toString()).exitCode()).isZero();
        assertThat(stackFiles(a)).isEqualTo(stackFiles(b));
        // and regenerating in place changes nothing
        Cli.Run again = Cli.run("generate", a.toString());
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("0 created, 0 updated");
        assertThat(stackFiles(a)).isEqualTo(stackFiles(b));
    }

    /** Every file of a stack folder but the random secret and monstack's own bookkeeping. */
    static Map<String, String> stackFiles(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                if (rel.equals(".env") || rel.startsWith(".monstack/")) {
                    continue;
                }
                files.put(rel, Files.readString(p));
            }
        }
        return files;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted((x, y) -> y.getNameCount() - x.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }

}
