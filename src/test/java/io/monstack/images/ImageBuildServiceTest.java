package io.monstack.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.monstack.support.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner against a fake docker CLI (a script) and, for "no engine", the real docker CLI. */
class ImageBuildServiceTest {
    @TempDir
    Path tmp;
    Path dir;
    FakeEngine fake;
    final List<String> steps = new ArrayList<>();
    final List<String> output = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    final BuildListener listener = new BuildListener() {
        @Override
        public void step(String message) {
            steps.add(message);
        }

        @Override
        public void output(String line) {
            output.add(line);
        }

        @Override
        public void note(String message) {
            notes.add(message);
        }
    };

    @BeforeEach
    void setUp() {
        dir = TestStacks.sample(tmp);
        fake = new FakeEngine(tmp.resolve("bin"));
    }

    @Test
    void buildsPrometheusThenGrafanaAndReportsWhatTheEngineSays() throws IOException {
        BuildReport report = new ImageBuildService(fake.env()).run(dir, ImageBuildOptions.defaults(), listener);

        assertThat(fake.calls()).containsExactly(
                "version --format {{.Server.Version}}",
                "build --tag diamol-ch09/prometheus:latest " + dir.resolve("prometheus"),
                "build --tag diamol-ch09/grafana:latest " + dir.resolve("grafana"),
                "image inspect --format {{.Id}}|{{.Size}}|{{json .RepoDigests}} diamol-ch09/prometheus:latest",
                "image inspect --format {{.Id}}|{{.Size}}|{{json .RepoDigests}} diamol-ch09/grafana:latest");
        assertThat(steps).containsExactly(
                "building diamol-ch09/prometheus:latest from " + dir.resolve("prometheus") + "/ ...",
                "building diamol-ch09/grafana:latest from " + dir.resolve("grafana") + "/ ...");
        assertThat(output).contains("Step 1/2 : FROM base (fake)", "Successfully tagged diamol-ch09/grafana:latest");
        assertThat(notes).isEmpty();
        assertThat(report.dryRun()).isFalse();
        assertThat(report.engineVersion()).isEqualTo("99.1.0-fake");
        assertThat(report.images()).extracting(BuiltImage::repository).containsExactly("diamol-ch09/prometheus", "diamol-ch09/grafana");
        assertThat(report.images()).allSatisfy(img -> {
            assertThat(img.tag()).isEqualTo("latest");
            assertThat(img.id()).isEqualTo(FakeEngine.ID);
            assertThat(img.sizeBytes()).isEqualTo(123_456_789L);
            assertThat(img.digest()).isEqualTo("-");
        });
    }

    @Test
    void pushesAfterBothBuilds() throws IOException {
        ImageBuildOptions o = new ImageBuildOptions(ContainerEngine.DOCKER, null, "2.0", "localhost:5000", true, false, false, false);
        BuildReport report = new ImageBuildService(fake.env()).run(dir, o, listener);
        assertThat(fake.calls()).filteredOn(c -> !c.startsWith("image ")).containsExactly(
                "version --format {{.Server.Version}}",
                "build --tag localhost:5000/diamol-ch09/prometheus:2.0 " + dir.resolve("prometheus"),
                "build --tag localhost:5000/diamol-ch09/grafana:2.0 " + dir.resolve("grafana"),
                "push localhost:5000/diamol-ch09/prometheus:2.0",
                "push localhost:5000/diamol-ch09/grafana:2.0");
        assertThat(report.pushed()).isTrue();
        assertThat(steps).contains("pushing localhost:5000/diamol-ch09/grafana:2.0 ...");
    }

    @Test
    void dryRunRunsNothing() throws IOException {
        BuildReport report = new ImageBuildService(fake.env()).run(dir, ImageBuildOptions.defaults().withDryRun(true), listener);
        assertThat(fake.calls()).isEmpty();
        assertThat(report.dryRun()).isTrue();
        assertThat(report.images()).isEmpty();
        assertThat(report.plan().shellLines()).containsExactly(
                "docker build --tag diamol-ch09/prometheus:latest " + dir.resolve("prometheus"),
                "docker build --tag diamol-ch09/grafana:latest " + dir.resolve("grafana"));
    }

    @Test
    void aFailedFirstBuildStopsEverythingAndNamesWhatWasNotBuilt() throws IOException {
        fake.failBuildOf("diamol-ch09/prometheus:latest");
        assertThatThrownBy(() -> new ImageBuildService(fake.env()).run(dir, ImageBuildOptions.defaults(), listener))
                .isInstanceOf(ImageBuildException.class)
                .hasMessageStartingWith("building diamol-ch09/prometheus:latest failed: `docker build --tag diamol-ch09/prometheus:latest")
                .hasMessageContaining("exited with 1")
                .hasMessageContaining("not built: diamol-ch09/grafana:latest")
                .hasMessageNotContaining("built before the failure");
        assertThat(output).contains("ERROR: failed to solve: COPY failed for diamol-ch09/prometheus:latest (fake)");
        assertThat(fake.calls()).noneMatch(c -> c.contains("grafana")).noneMatch(c -> c.startsWith("image inspect"));
    }

    @Test
    void aFailedSecondBuildSaysTheFirstWasBuiltAndPushesNothing() throws IOException {
        fake.failBuildOf("localhost:5000/diamol-ch09/grafana:latest");
        ImageBuildOptions o = new ImageBuildOptions(ContainerEngine.DOCKER, null, null, "localhost:5000", true, false, false, false);
        assertThatThrownBy(() -> new ImageBuildService(fake.env()).run(dir, o, listener))
                .isInstanceOf(ImageBuildException.class)
                .hasMessageContaining("building localhost:5000/diamol-ch09/grafana:latest failed")
                .hasMessageContaining("built before the failure: localhost:5000/diamol-ch09/prometheus:latest")
                .hasMessageContaining("nothing was pushed");
        assertThat(fake.calls()).noneMatch(c -> c.startsWith("push"));
    }

    @Test
    void aMissingCliIsAnEnvironmentProblemNamingPath() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("PATH", empty.toString());
        assertThatThrownBy(() -> new ImageBuildService(env).run(dir, ImageBuildOptions.defaults(), listener))
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessageContaining("the Docker CLI is missing: `docker` is not on PATH (" + empty + ")")
                .hasMessageContaining("apt-get install docker.io")
                .hasMessageContaining("--engine podman");
        ImageBuildOptions path = new ImageBuildOptions(ContainerEngine.PODMAN, empty.resolve("podman").toString(), null, null, false, false, false, false);
        assertThatThrownBy(() -> new ImageBuildService(env).run(dir, path, listener))
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessageContaining("the Podman CLI is missing: " + empty.resolve("podman") + " does not exist");
    }

    @Test
    void noEngineAtDockerHostIsAnEnvironmentProblemNamingTheEndpoint() {
        Tools.require("docker", "docker.io");
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("DOCKER_HOST", "unix:///nonexistent.sock");
        env.remove("DOCKER_CONTEXT");
        assertThatThrownBy(() -> new ImageBuildService(env).run(dir, ImageBuildOptions.defaults(), listener))
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessageStartingWith("no Docker engine answers at unix:///nonexistent.sock (tried `docker version --format '{{.Server.Version}}'`")
                .hasMessageContaining("or point DOCKER_HOST");
        assertThat(steps).isEmpty();
    }

    @Test
    void endpointGuesses() {
        ImageBuildService s = new ImageBuildService(Map.of("DOCKER_CONTEXT", "remote"), null);
        assertThat(s.endpoint(ContainerEngine.DOCKER, "Cannot connect to the Docker daemon at tcp://10.0.0.5:2375. Is the docker daemon running?"))
                .isEqualTo("tcp://10.0.0.5:2375");
        assertThat(s.endpoint(ContainerEngine.DOCKER, "error during connect: ssh://me@host: connection refused"))
                .isEqualTo("ssh://me@host");
        assertThat(s.endpoint(ContainerEngine.DOCKER, "")).contains("docker context \"remote\"");
        assertThat(new ImageBuildService(Map.of(), null).endpoint(ContainerEngine.DOCKER, "")).startsWith("unix:///var/run/docker.sock");
        assertThat(new ImageBuildService(Map.of("CONTAINER_HOST", "ssh://core@vm/run/podman.sock"), null).endpoint(ContainerEngine.PODMAN, ""))
                .isEqualTo("ssh://core@vm/run/podman.sock");
    }

    @Test
    void staleStackFilesGiveANote() throws IOException {
        Path spec = dir.resolve("monstack.yml");
        Files.writeString(spec, Files.readString(spec).replace("scrapeInterval: 5s", "scrapeInterval: 15s"));
        new ImageBuildService(fake.env()).run(dir, ImageBuildOptions.defaults().withDryRun(true), listener);
        assertThat(notes).singleElement().asString()
                .contains("prometheus/prometheus.yml")
                .contains("monstack generate " + dir);
    }
}
