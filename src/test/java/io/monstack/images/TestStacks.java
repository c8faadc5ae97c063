package io.monstack.images;

import static org.assertj.core.api.Assertions.assertThat;

import io.monstack.support.Cli;
import io.monstack.support.Samples;
import java.nio.file.Path;

/** Renders the diamol-ch09 sample into a folder through the real CLI. */
final class TestStacks {
    private TestStacks() {
    }

    static Path sample(Path parent) {
        Path dir = parent.resolve("stack");
        Cli.Run r = Cli.run("init", dir.toString(), "--from", Samples.ROOT.resolve("diamol-ch09/monstack.yml").toString());
        assertThat(r.exitCode()).as("init: %s%s", r.out(), r.err()).isZero();
        return dir;
    }
}
