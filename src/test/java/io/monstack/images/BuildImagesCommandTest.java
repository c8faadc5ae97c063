package io.monstack.images;

import static org.assertj.core.api.Assertions.assertThat;

import io.monstack.support.Cli;
import io.monstack.support.Tools;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `monstack build-images` through the real command line (in-process, and once as a real process). */
class BuildImagesCommandTest {
    @TempDir
    Path tmp;
    Path dir;
    FakeEngine fake;

    @BeforeEach
    void setUp() {
        dir = TestStacks.sample(tmp);
        fake = new FakeEngine(tmp.resolve("bin"));
    }

    @Test
    void dryRunPrintsTheExactCommandsAndRunsNothing() throws IOException {
        Cli.Run r = Cli.run("build-images", dir.toString(), "--engine-cli", fake.executable.toString(), "--dry-run",
                "--tag", "1.4.0", "--registry", "registry.example.com/team", "--push", "--no-cache", "--pull");
        assertThat(r.exitCode()).as(r.err()).isZero();
        String exe = fake.executable.toString();
        assertThat(r.out()).isEqualTo(String.join(System.lineSeparator(),
                "dry run: nothing is built. build-images would run:",
                "  " + exe + " build --tag registry.example.com/team/diamol-ch09/prometheus:1.4.0 --no-cache --pull " + dir.resolve("prometheus"),
                "  " + exe + " build --tag registry.example.com/team/diamol-ch09/grafana:1.4.0 --no-cache --pull " + dir.resolve("grafana"),
                "  " + exe + " push registry.example.com/team/diamol-ch09/prometheus:1.4.0",
                "  " + exe + " push registry.example.com/team/diamol-ch09/grafana:1.4.0", ""));
        assertThat(r.err()).isEmpty();
        assertThat(fake.calls()).isEmpty();
    }

    @Test
    void dryRunWithDefaultsShowsPlainDockerCommands() {
        Cli.Run r = Cli.run("build-images", dir.toString(), "--dry-run");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("  docker build --tag diamol-ch09/prometheus:latest " + dir.resolve("prometheus"),
                "  docker build --tag diamol-ch09/grafana:latest " + dir.resolve("grafana"));
    }

    @Test
    void buildStreamsOutputAndEndsWithASummaryTable() {
        Cli.Run r = Cli.run("build-images", dir.toString(), "--engine-cli", fake.executable.toString());
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        String out = r.out();
        assertThat(out).contains("==> building diamol-ch09/prometheus:latest from " + dir.resolve("prometheus") + "/ ...",
                "Successfully tagged diamol-ch09/prometheus:latest",
                "==> building diamol-ch09/grafana:latest from " + dir.resolve("grafana") + "/ ...",
                "built 2 images with Docker 99.1.0-fake:");
        assertThat(out.indexOf("building diamol-ch09/prometheus")).isLessThan(out.indexOf("building diamol-ch09/grafana"));
        List<String> table = out.lines().dropWhile(l -> !l.startsWith("built 2 images")).skip(1).toList();
        assertThat(table).hasSize(3);
        assertThat(table.get(0).split("\\s+")).containsExactly("", "IMAGE", "TAG", "SIZE", "ID", "DIGEST");
        assertThat(table.get(1).split("\\s+")).containsExactly("", "diamol-ch09/prometheus", "latest", "123.5", "MB", "0123456789ab", "-");
        assertThat(table.get(2).split("\\s+")).containsExactly("", "diamol-ch09/grafana", "latest", "123.5", "MB", "0123456789ab", "-");
    }

    @Test
    void aFailedBuildExitsOneShowsTheEnginesErrorAndReportsNoSuccess() throws IOException {
        fake.failBuildOf("diamol-ch09/prometheus:latest");
        Cli.Run r = Cli.run("build-images", dir.toString(), "--engine-cli", fake.executable.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("ERROR: failed to solve: COPY failed for diamol-ch09/prometheus:latest (fake)")
                .doesNotContain("built 2 images").doesNotContain("building diamol-ch09/grafana");
        assertThat(r.err()).startsWith("error: building diamol-ch09/prometheus:latest failed:")
                .contains("not built: diamol-ch09/grafana:latest");
    }

    @Test
    void aMissingCliExitsThree() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Cli.Run r = Cli.run("build-images", dir.toString(), "--engine-cli", empty.resolve("docker").toString());
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).startsWith("error: cannot build images: the Docker CLI is missing: " + empty.resolve("docker"))
                .contains("apt-get install docker.io");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void pushWithoutRegistryAndBadFlagsAreRefused() {
        Cli.Run push = Cli.run("build-images", dir.toString(), "--engine-cli", fake.executable.toString(), "--push");
        assertThat(push.exitCode()).isEqualTo(1);
        assertThat(push.err()).contains("--push needs a registry");
        Cli.Run tag = Cli.run("build-images", dir.toString(), "--tag", "no spaces");
        assertThat(tag.exitCode()).isEqualTo(2);
        assertThat(tag.err()).contains("is not an image tag");
        Cli.Run engine = Cli.run("build-images", dir.toString(), "--engine", "rkt");
        assertThat(engine.exitCode()).isEqualTo(2);
        assertThat(engine.err()).contains("--engine");
    }

    @Test
    void noStackIsAUserError() {
        Cli.Run r = Cli.run("build-images", tmp.resolve("nothing-here").toString(), "--dry-run");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("monstack.yml").contains("monstack init");
    }

    @Test
    void helpShowsExamples() {
        Cli.Run r = Cli.run("build-images", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Examples:", "monstack build-images mystack --tag 1.4.0", "--push", "--dry-run", "--engine");
    }

    /** A real process with PATH pointing at an empty folder, then with DOCKER_HOST at a socket that does not exist. */
    @Test
    void asARealProcessMissingCliAndNoEngineExitThree() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Result noCli = runMain(empty.toString(), null);
        assertThat(noCli.code).as(noCli.output).isEqualTo(3);
        assertThat(noCli.output).contains("`docker` is not on PATH (" + empty + ")");

        Path docker = Tools.require("docker", "docker.io");
        Result noEngine = runMain(docker.getParent() + File.pathSeparator + "/usr/bin:/bin", "unix:///nonexistent.sock");
        assertThat(noEngine.code).as(noEngine.output).isEqualTo(3);
        assertThat(noEngine.output).contains("error: no Docker engine answers at unix:///nonexistent.sock (tried `docker version");
    }

    private record Result(int code, String output) {
    }

    private Result runMain(String path, String dockerHost) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Tools.javaCommand("build-images", dir.toString())).redirectErrorStream(true);
        pb.environment().put("PATH", path);
        pb.environment().remove("DOCKER_CONTEXT");
        if (dockerHost != null) {
            pb.environment().put("DOCKER_HOST", dockerHost);
        }
        Path log = tmp.resolve("main.log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("monstack build-images did not finish in 60 s");
        }
        return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
