package io.monstack.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.monstack.spec.AppNetwork;
import io.monstack.spec.SpecReader;
import io.monstack.spec.SpecValidator;
import io.monstack.spec.StackSpec;
import io.monstack.support.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What cannot be imported is one line (per problem) naming the file and line, exit 1, and nothing
 * is written: not a compose file, a service that does not exist, a network Prometheus cannot join,
 * a label monstack cannot use.
 */
class ComposeErrorsTest {
    @TempDir
    Path tmp;

    static Stream<Arguments> broken() {
        return Stream.of(
                Arguments.of("a list", "- web\n- api\n", "compose.yaml:1:1: not a compose file: it must be a mapping with services:"),
                Arguments.of("empty", "", "compose.yaml: is empty, so not a compose file"),
                Arguments.of("no services", "version: \"3.8\"\nvolumes: {}\n", "compose.yaml: not a compose file: it has no services: mapping"),
                Arguments.of("invalid YAML", "services:\n  web:\n    image: [golang\n", "compose.yaml:4:1: not a compose file: invalid YAML"),
                Arguments.of("unknown top-level key", "services: {}\nservice:\n  web: {}\n",
                        "compose.yaml:2:1: not a compose file: unknown top-level key \"service\""),
                Arguments.of("undefined network", "services:\n  web:\n    image: golang\n    expose: [\"80\"]\n    networks: [front]\n",
                        "compose.yaml:5:16: service web joins network \"front\", which the top-level networks: does not define"),
                Arguments.of("overlay, not attachable", """
                        services:
                          web:
                            image: golang
                            expose: ["80"]
                            networks: [mesh]
                        networks:
                          mesh:
                            driver: overlay
                        """, "compose.yaml:7:3: network mesh (app_mesh) is an overlay network that is not attachable"),
                Arguments.of("host driver", """
                        services:
                          web:
                            image: golang
                            expose: ["80"]
                            networks: [h]
                        networks:
                          h:
                            external: true
                            name: host
                        """, "compose.yaml:7:3: network h (host) is the engine's own host network"),
                Arguments.of("container_name and replicas", """
                        services:
                          web:
                            image: golang
                            container_name: web
                            deploy: {replicas: 2}
                        """, "compose.yaml:4:5: service web has container_name and 2 replicas, which Compose refuses"),
                Arguments.of("a bad port", "services:\n  web:\n    image: golang\n    ports: [\"80:http\"]\n",
                        "compose.yaml:4:13: service web ports: \"http\" is not a port or a range of ports"),
                Arguments.of("a port of an unknown protocol", "services:\n  web:\n    image: golang\n    ports: [\"80:80/tpc\"]\n",
                        "compose.yaml:4:13: service web ports: \"80:80/tpc\" has protocol \"tpc\", which Compose refuses (tcp, udp or sctp)"),
                Arguments.of("an unknown monstack label", "services:\n  web:\n    image: golang\n    labels:\n      monstack.intervall: 5s\n",
                        "compose.yaml:5:27: service web: unknown label monstack.intervall (did you mean \"monstack.interval\"?)"),
                Arguments.of("a label the validator refuses", "services:\n  web:\n    image: golang\n    expose: [\"80\"]\n"
                        + "    labels:\n      monstack.interval: 5x\n      monstack.path: no-slash\n",
                        "compose.yaml:6:26: service web: \"5x\" is not a Prometheus duration"),
                Arguments.of("exporter and runtime labels that disagree", "services:\n  db:\n    image: golang\n    expose: [\"5432\"]\n"
                        + "    labels:\n      monstack.runtime: go\n      monstack.exporter: postgres\n",
                        "compose.yaml:7:26: service db: label monstack.exporter \"postgres\" and label monstack.runtime \"go\" do not go "
                        + "together: label monstack.exporter sets the runtime; give one of them"),
                Arguments.of("a tag Compose does not know", "services:\n  web: !!binary aGVsbG8=\n",
                        "compose.yaml:2:8: the tag tag:yaml.org,2002:binary is not one Compose knows"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("broken")
    void isOneLineNamingTheFileAndLineAndNothingIsWritten(String what, String text, String expected) throws IOException {
        Path file = ComposeImportTest.composeFile(tmp.resolve("app"), text);
        Path dir = tmp.resolve("stack");
        Cli.Run run = Cli.run("init", dir.toString(), "--no-input", "--compose", file.toString());
        assertThat(run.exitCode()).as("%s:%n%s%s", what, run.out(), run.err()).isEqualTo(1);
        List<String> errors = run.err().lines().filter(l -> l.startsWith("error: ")).toList();
        assertThat(errors).as(run.err()).isNotEmpty().allMatch(l -> l.startsWith("error: " + file));
        assertThat(String.join("\n", errors)).contains(expected.replace("compose.yaml", file.toString()));
        assertThat(run.err()).doesNotContain("Exception", "\tat ");
        assertThat(dir).doesNotExist();
    }

    @Test
    void everyProblemOfTheLabelsIsSaidAtOnce() throws IOException {
        Path file = ComposeImportTest.composeFile(tmp.resolve("app"), "services:\n  web:\n    image: golang\n    expose: [\"80\"]\n"
                + "    labels:\n      monstack.interval: 5x\n      monstack.path: no-slash\n");
        Cli.Run run = Cli.run("init", tmp.resolve("stack").toString(), "--no-input", "--compose", file.toString());
        assertThat(run.err().lines().filter(l -> l.startsWith("error: "))).hasSize(2)
                .anyMatch(l -> l.contains("compose.yaml:6:26: service web: \"5x\" is not a Prometheus duration"))
                .anyMatch(l -> l.contains("compose.yaml:7:22: service web: metrics path \"no-slash\" must start with '/'"));
    }

    @Test
    void aMonstackSpecIsNotAComposeFile() {
        Path sample = Path.of("samples/diamol-ch09/monstack.yml");
        Cli.Run run = Cli.run("init", tmp.resolve("stack").toString(), "--no-input", "--compose", sample.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("error: " + sample + ":4:1: not a compose file: unknown top-level key \"prometheus\" "
                + "(a compose file has services:, networks:, volumes:, ..., and x- extensions)");
        assertThat(tmp.resolve("stack")).doesNotExist();
    }

    @Test
    void addTargetTakesOneServiceAndItsNetwork() throws IOException {
        Path dir = tmp.resolve("stack");
        assertThat(Cli.run("init", dir.toString(), "--no-input", "--target", "name=web,runtime=go,static=web:8080").exitCode()).isZero();
        String before = Files.readString(dir.resolve("monstack.yml"));
        Path file = ComposeShapesTest.FIXTURES.resolve("external-new/compose.yaml");

        Cli.Run missing = Cli.run("add-target", "job", "-C", dir.toString(), "--no-input", "--compose", file.toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err().strip()).isEqualTo("error: " + file + " has no service \"job\" (did you mean \"jobs\"?); "
                + "its services: web, api, jobs");
        assertThat(Files.readString(dir.resolve("monstack.yml"))).isEqualTo(before);

        Cli.Run add = Cli.run("add-target", "jobs", "-C", dir.toString(), "--no-input", "--compose", file.toString(),
                "--interval", "3s");
        assertThat(add.exitCode()).as(add.err()).isZero();
        StackSpec spec = SpecReader.read(dir.resolve("monstack.yml"));
        assertThat(spec.target("jobs").orElseThrow().dns().names()).containsExactly("jobs");
        assertThat(spec.target("jobs").orElseThrow().scrapeInterval()).as("a flag wins over the file").isEqualTo("3s");
        assertThat(spec.networks()).containsExactly(new AppNetwork("modern-internal"));
        ComposeImportTest.checkGeneratedCompose(dir, "stack", List.of("modern-internal"));
    }

    @Test
    void aServiceNameInTheSuggestionIsQuotedAndEscaped() throws IOException {
        Path dir = tmp.resolve("stack");
        assertThat(Cli.run("init", dir.toString(), "--no-input", "--target", "name=web,runtime=go,static=web:8080").exitCode()).isZero();
        Path file = ComposeImportTest.composeFile(tmp.resolve("app"), "services:\n  \"api\\e\":\n    image: golang\n");
        Cli.Run run = Cli.run("add-target", "api", "-C", dir.toString(), "--no-input", "--compose", file.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("error: " + file + " has no service \"api\" (did you mean \"api\\x1b\"?); "
                + "its services: \"api\\x1b\"");
    }

    @Test
    void aServiceThatIsATargetOfTheFromFileAlreadySaysWhere() throws IOException {
        Path base = tmp.resolve("base");
        assertThat(Cli.run("init", base.toString(), "--no-input", "--target", "name=api,runtime=go,static=api:8080").exitCode()).isZero();
        Path existing = base.resolve("monstack.yml");
        Path file = ComposeImportTest.composeFile(tmp.resolve("app"), "services:\n  api:\n    image: golang\n    expose: [\"8080\"]\n");
        Path dir = tmp.resolve("stack");
        Cli.Run run = Cli.run("init", dir.toString(), "--no-input", "--from", existing.toString(), "--compose", file.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().lines().filter(l -> l.startsWith("error: ")).toList()).containsExactly("error: target \"api\" is in "
                + SpecValidator.show(existing.toString()) + " already: remove it there, or leave out --compose");
        assertThat(dir).doesNotExist();

        Cli.Run target = Cli.run("init", dir.toString(), "--no-input", "--from", existing.toString(),
                "--target", "name=api,static=api:9090");
        assertThat(target.err().strip()).isEqualTo("error: target \"api\" is in " + SpecValidator.show(existing.toString())
                + " already: remove it there, or give this --target another name");
        Cli.Run twice = Cli.run("init", dir.toString(), "--no-input", "--compose", file.toString(), "--target", "name=api,static=api:9090");
        assertThat(twice.err().strip()).isEqualTo("error: target \"api\" is given twice (by --target and by --compose)");
        assertThat(dir).doesNotExist();
    }

    @Test
    void probeWithNothingRunningSaysHowThePlatformStartsTheApp() throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path docker = Files.writeString(bin.resolve("docker"), "#!/bin/sh\nexit 0\n"); // docker ps: no container
        docker.toFile().setExecutable(true);
        Path file = ComposeImportTest.composeFile(tmp.resolve("shop"), "services:\n  web:\n    image: golang\n    expose: [\"8080\"]\n");
        ComposeImporter importer = new ComposeImporter(Map.of("PATH", bin.toString()));
        assertThatThrownBy(() -> importer.importAll(new ComposeRequest(List.of(file), List.of(), true, false, 3, false)))
                .hasMessage("--probe: no running container of the compose project shop on the default engine (no DOCKER_HOST); "
                        + "start the app first (docker compose -p shop up -d), or leave out --probe");
        assertThatThrownBy(() -> importer.importAll(new ComposeRequest(List.of(file), List.of(), true, true, 3, false)))
                .hasMessage("--probe: no running container of the stack shop on the default engine (no DOCKER_HOST); "
                        + "deploy the app first (docker stack deploy -c " + file + " shop; a stack deployed under another name: "
                        + "COMPOSE_PROJECT_NAME=THAT-NAME), or leave out --probe");
    }
}
