package io.monstack.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.monstack.render.ShellQuote;
import io.monstack.spec.ImageSettings;
import io.monstack.spec.StackSpec;
import io.monstack.stack.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageBuilderTest {
    @TempDir
    Path tmp;
    Path dir;
    StackSpec spec;

    @BeforeEach
    void stack() throws IOException {
        dir = tmp.resolve("gallery");
        for (String c : List.of("prometheus", "grafana")) {
            Files.createDirectories(dir.resolve(c));
            Files.writeString(dir.resolve(c).resolve("Dockerfile"), "FROM scratch\n");
        }
        spec = StackSpec.empty("gallery");
    }

    private static ImageBuildOptions opts(String tag, String registry, boolean push, boolean noCache, boolean pull) {
        return new ImageBuildOptions(ContainerEngine.DOCKER, null, tag, registry, push, noCache, pull, false);
    }

    @Test
    void defaultsBuildBothImagesFromTheirFoldersTaggedLikeCompose() {
        BuildPlan plan = new ImageBuilder(ImageBuildOptions.defaults()).plan(dir, spec);
        assertThat(plan.jobs()).extracting(ImageJob::image).containsExactly("gallery/prometheus:latest", "gallery/grafana:latest");
        assertThat(plan.jobs().get(0).repository()).isEqualTo("gallery/prometheus");
        assertThat(plan.jobs().get(0).tag()).isEqualTo("latest");
        assertThat(plan.buildCommands()).containsExactly(
                List.of("docker", "build", "--tag", "gallery/prometheus:latest", dir.resolve("prometheus").toString()),
                List.of("docker", "build", "--tag", "gallery/grafana:latest", dir.resolve("grafana").toString()));
        assertThat(plan.pushCommands()).isEmpty();
        // The same names compose.yaml uses for the services' `image:`.
        assertThat(plan.jobs().get(0).image()).isEqualTo(spec.images().imageName("gallery", "prometheus"));
    }

    @Test
    void tagAndRegistryOverrideTheSpecAndFlagsPassThrough() {
        StackSpec withImages = spec.withName("gallery").withImages(new ImageSettings("old.example.com/x", "0.1"));
        BuildPlan plan = new ImageBuilder(opts("1.4.0", "registry.example.com:5000/team", true, true, true)).plan(dir, withImages);
        assertThat(plan.shellLines()).containsExactly(
                "docker build --tag registry.example.com:5000/team/gallery/prometheus:1.4.0 --no-cache --pull " + dir.resolve("prometheus"),
                "docker build --tag registry.example.com:5000/team/gallery/grafana:1.4.0 --no-cache --pull " + dir.resolve("grafana"),
                "docker push registry.example.com:5000/team/gallery/prometheus:1.4.0",
                "docker push registry.example.com:5000/team/gallery/grafana:1.4.0");
        assertThat(plan.jobs().get(1).repository()).isEqualTo("registry.example.com:5000/team/gallery/grafana");
        assertThat(plan.jobs().get(1).tag()).isEqualTo("1.4.0");
    }

    @Test
    void theSpecsRegistryAndTagAreUsedWithoutFlags() {
        StackSpec withImages = spec.withName("gallery").withImages(new ImageSettings("ghcr.io/acme/", "2.0"));
        BuildPlan plan = new ImageBuilder(opts(null, null, true, false, false)).plan(dir, withImages);
        assertThat(plan.jobs()).extracting(ImageJob::image).containsExactly("ghcr.io/acme/gallery/prometheus:2.0", "ghcr.io/acme/gallery/grafana:2.0");
        assertThat(plan.pushCommands()).hasSize(2);
    }

    @Test
    void anEmptyRegistryFlagClearsTheSpecsRegistry() {
        StackSpec withImages = spec.withName("gallery").withImages(new ImageSettings("ghcr.io/acme", "2.0"));
        BuildPlan plan = new ImageBuilder(opts(null, "", false, false, false)).plan(dir, withImages);
        assertThat(plan.jobs().get(0).image()).isEqualTo("gallery/prometheus:2.0");
    }

    @Test
    void pushWithoutARegistryIsAClearError() {
        assertThatThrownBy(() -> new ImageBuilder(opts(null, null, true, false, false)).plan(dir, spec))
                .isInstanceOf(UserException.class)
                .hasMessageContaining("--push needs a registry")
                .hasMessageContaining("--registry")
                .hasMessageContaining("images.registry");
    }

    @Test
    void badTagOrRegistryIsRefused() {
        assertThatThrownBy(() -> new ImageBuilder(opts("1.0 ; rm -rf /", null, false, false, false)).plan(dir, spec))
                .isInstanceOf(UserException.class).hasMessageContaining("is not an image tag");
        assertThatThrownBy(() -> new ImageBuilder(opts(null, "Bad Registry", false, false, false)).plan(dir, spec))
                .isInstanceOf(UserException.class).hasMessageContaining("is not a registry prefix");
    }

    @Test
    void aMissingDockerfileSaysToGenerate() throws IOException {
        Files.delete(dir.resolve("grafana/Dockerfile"));
        assertThatThrownBy(() -> new ImageBuilder(ImageBuildOptions.defaults()).plan(dir, spec))
                .isInstanceOf(UserException.class)
                .hasMessageContaining("grafana/Dockerfile is missing")
                .hasMessageContaining("monstack generate");
    }

    @Test
    void podmanAndACustomExecutable() {
        ImageBuildOptions podman = new ImageBuildOptions(ContainerEngine.PODMAN, null, null, null, false, false, false, false);
        ImageBuilder b = new ImageBuilder(podman);
        assertThat(b.plan(dir, spec).buildCommands().get(0)).startsWith("podman", "build");
        assertThat(b.probeCommand()).containsExactly("podman", "info", "--format", "{{.Version.Version}}");
        ImageBuildOptions custom = new ImageBuildOptions(ContainerEngine.DOCKER, "/opt/docker/bin/docker", null, null, false, false, false, false);
        assertThat(new ImageBuilder(custom).plan(dir, spec).buildCommands().get(1).get(0)).isEqualTo("/opt/docker/bin/docker");
    }

    @Test
    void probeAndInspectCommands() {
        ImageBuilder b = new ImageBuilder(ImageBuildOptions.defaults());
        assertThat(b.probeCommand()).containsExactly("docker", "version", "--format", "{{.Server.Version}}");
        assertThat(b.inspectCommand("gallery/grafana:latest"))
                .containsExactly("docker", "image", "inspect", "--format", "{{.Id}}|{{.Size}}|{{json .RepoDigests}}", "gallery/grafana:latest");
    }

    @Test
    void relativeStackFolderGivesRelativeContexts() throws IOException {
        Path rel = Path.of("").toAbsolutePath().relativize(dir);
        BuildPlan plan = new ImageBuilder(ImageBuildOptions.defaults()).plan(rel, spec);
        assertThat(plan.buildCommands().get(0)).last().isEqualTo(rel.resolve("prometheus").toString());
    }

    @Test
    void shellQuoting() {
        assertThat(ShellQuote.join(List.of("docker", "version", "--format", "{{.Server.Version}}")))
                .isEqualTo("docker version --format '{{.Server.Version}}'");
        assertThat(ShellQuote.quote("it's")).isEqualTo("'it'\\''s'");
        assertThat(ShellQuote.quote("")).isEqualTo("''");
        assertThat(ShellQuote.quote("/a/b-c_d.e:f=g")).isEqualTo("/a/b-c_d.e:f=g");
    }

    @Test
    void builtImageFormatting() {
        BuiltImage img = new BuiltImage("grafana", "reg.example.com/team/gallery/grafana", "1.0", FakeEngine.ID, 123_456_789L,
                List.of("other/repo@sha256:aaa", "reg.example.com/team/gallery/grafana@sha256:bbb"));
        assertThat(img.shortId()).isEqualTo("0123456789ab");
        assertThat(img.humanSize()).isEqualTo("123.5 MB");
        assertThat(img.digest()).isEqualTo("sha256:bbb");
        assertThat(new BuiltImage("p", "gallery/p", "latest", "abc", 999, List.of()).digest()).isEqualTo("-");
        assertThat(new BuiltImage("p", "gallery/p", "latest", "abc", 999, List.of()).humanSize()).isEqualTo("999 B");
    }
}
