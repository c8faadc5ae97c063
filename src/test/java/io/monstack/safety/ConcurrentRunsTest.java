package io.monstack.safety;

import static org.assertj.core.api.Assertions.assertThat;

import io.monstack.spec.SpecReader;
import io.monstack.spec.StackSpec;
import io.monstack.spec.Target;
import io.monstack.stack.RunOptions;
import io.monstack.stack.StackService;
import io.monstack.support.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two monstack runs at once on one stack (two processes): both changes survive, nothing is corrupted. */
class ConcurrentRunsTest {
    @TempDir
    Path tmp;

    private record Child(Process process, Path log) {
    }

    private Child start(Path dir, String name, int round) throws IOException {
        Path log = tmp.resolve(name + "-" + round + ".log");
        Process p = new ProcessBuilder(Tools.javaCommand("add-target", name, "--runtime", "go", "--static", name + ":8080",
                "--label", "round=" + round, "-C", dir.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new Child(p, log);
    }

    @Test
    void twoAddTargetsInParallelNeverLoseEitherTarget() throws Exception {
        Path dir = tmp.resolve("stack");
        new StackService(msg -> { }).init(dir, StackSpec.empty("shop"), RunOptions.DEFAULT);
        List<String> expected = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            String a = "alpha-" + round;
            String b = "beta-" + round;
            Child first = start(dir, a, round);
            Child second = start(dir, b, round);
            for (Child c : List.of(first, second)) {
                assertThat(c.process().waitFor(120, TimeUnit.SECONDS)).as("finishes").isTrue();
                String output = Files.readString(c.log());
                assertThat(c.process().exitValue()).as(output).isZero();
                assertThat(output).doesNotContain("Exception");
            }
            expected.add(a);
            expected.add(b);
            StackSpec spec = SpecReader.read(dir.resolve(StackService.SPEC_FILE));
            assertThat(spec.targets().stream().map(Target::name).toList()).as("round %d", round)
                    .containsExactlyInAnyOrderElementsOf(expected);
            String prometheus = Files.readString(dir.resolve("prometheus/prometheus.yml"));
            for (String name : expected) {
                assertThat(prometheus).contains("job_name: \"" + name + "\"");
                assertThat(dir.resolve("grafana/dashboards/service-" + name + ".json")).exists();
            }
        }
        // The stack is consistent: a plain re-run finds no conflict and changes nothing.
        var result = new StackService(msg -> { }).generate(dir, RunOptions.DEFAULT);
        assertThat(result.plan().hasConflicts()).isFalse();
        assertThat(result.plan().files()).allMatch(f -> f.action() == io.monstack.output.FileAction.UNCHANGED);
    }
}
