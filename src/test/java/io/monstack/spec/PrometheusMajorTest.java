package io.monstack.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.monstack.support.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Prometheus major a stack is written for comes from the image's tag; majors monstack does not write for are refused. */
class PrometheusMajorTest {
    @TempDir
    Path tmp;

    private static PrometheusSettings image(String image) {
        return PrometheusSettings.defaults().withImage(image);
    }

    @Test
    void theTagNamesTheMajor() {
        assertThat(image("prom/prometheus:v3.5.0").majorVersion()).isEqualTo(3);
        assertThat(image("prom/prometheus:v2.53.4").majorVersion()).isEqualTo(2);
        assertThat(image("registry.example.com:5000/prom:2.42.0-distroless").majorVersion()).isEqualTo(2);
        // no version in the tag: the newest
        assertThat(image("prom/prometheus:latest").taggedMajor()).isEqualTo(-1);
        assertThat(image("prom/prometheus:latest").majorVersion()).isEqualTo(3);
        assertThat(image("registry.example.com:5000/prometheus").taggedMajor()).isEqualTo(-1);
        assertThat(image("prom/prometheus@sha256:0123abcd").taggedMajor()).isEqualTo(-1);
    }

    @Test
    void otherMajorsAreRefusedWithOneLineAndNothingWritten() throws Exception {
        for (String refused : new String[] {"prom/prometheus:v1.8.0", "prom/prometheus:v4.0.0", "prometheus/prometheus:v99999.1"}) {
            Path dir = tmp.resolve(refused.replaceAll("[^a-z0-9]", "-"));
            Cli.Run run = Cli.run("init", dir.toString(), "--name", "s", "--no-input", "--prometheus-image", refused);
            assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
            assertThat(run.err().strip()).doesNotContain("\n").contains("\"" + refused + "\" is Prometheus ")
                    .contains("monstack writes for Prometheus 2.x and 3.x");
            assertThat(Files.exists(dir)).isFalse();
        }
        assertThat(SpecValidator.validate(StackSpec.empty("s").with(b -> b.prometheus(image("prom/prometheus:v2.53.4"))))).isEmpty();
        assertThat(SpecValidator.validate(StackSpec.empty("s").with(b -> b.prometheus(image("prom/prometheus:latest"))))).isEmpty();
    }

    @Test
    void anImageThatNamesNoVersionIsWrittenFor3AndSaidToBeUnpinned() {
        Cli.Run run = Cli.run("init", tmp.resolve("latest").toString(), "--name", "s", "--no-input",
                "--prometheus-image", "prom/prometheus:latest");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("note: the Prometheus image prom/prometheus:latest names no version: the stack is written "
                + "for Prometheus 3.x, and a later pull may bring another; pin a tag such as " + PrometheusSettings.DEFAULT_IMAGE);
        Cli.Run pinned = Cli.run("init", tmp.resolve("pinned").toString(), "--name", "s", "--no-input");
        assertThat(pinned.err()).doesNotContain("names no version");
    }
}
