package io.monstack.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import io.monstack.spec.SpecReader;
import io.monstack.spec.StackSpec;
import io.monstack.spec.Target;
import io.monstack.support.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * init --compose with questions: a service the file tells everything about is asked nothing; a
 * service whose port nothing tells is asked it, and an empty answer leaves it out, as --no-input does.
 */
class ComposeQuestionsTest {
    static final String APP = """
            services:
              api:
                image: acme/api-spring:1
                deploy: {replicas: 2}
              mystery:
                image: acme/mystery:1
              single:
                image: golang:1.22
                container_name: single
              db:
                image: postgres:16
            """;

    @TempDir
    Path tmp;

    @Test
    void aServiceWithoutAPortIsLeftOutByAnEmptyAnswer() throws IOException {
        Cli.Run run = init(List.of(
                "",                 // stack name
                "go",               // mystery: its runtime
                "skip", "",         // ... its port: a wrong answer, then empty: leave it out
                "",                 // single: its host:port, empty: leave it out
                "n",                // no other service
                "n", "", "", "",    // no Docker engine, no host view, no container view, no alerting
                "y"));
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("Port on each replica (empty: leave mystery out): ",
                        "! a port is a number from 1 to 65535, or empty to leave mystery out",
                        "left out mystery", "Host:port of single's metrics (empty: leave single out): ", "left out single")
                .doesNotContain("Metrics path", "Scrape interval", "The app's own metrics", "Record type", "error:");
        StackSpec spec = SpecReader.read(tmp.resolve("mon/monstack.yml"));
        assertThat(spec.targets()).extracting(Target::name).containsExactly("api", "db");
    }

    @Test
    void theOpenQuestionsAreAllThatIsAsked() throws IOException {
        Cli.Run run = init(List.of("", "python", "9100", "single:2112", "n", "n", "", "", "", "y"));
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("Service 1 to scrape: api (from the compose file)", "Runtime of mystery:")
                .doesNotContain("Runtime of api:", "Runtime of single:", "Metrics path", "Scrape interval", "The app's own metrics",
                        "User it logs in as", "left out");
        StackSpec spec = SpecReader.read(tmp.resolve("mon/monstack.yml"));
        assertThat(spec.targets()).extracting(Target::name).containsExactly("api", "mystery", "single", "db");
        assertThat(spec.target("mystery").orElseThrow().dns().port()).isEqualTo(9100);
        assertThat(spec.target("mystery").orElseThrow().runtime()).isEqualTo("python");
        assertThat(spec.target("single").orElseThrow().staticTargets()).containsExactly("single:2112");
        assertThat(spec.target("single").orElseThrow().runtime()).isEqualTo("go");
        assertThat(spec.target("api").orElseThrow().metricsPath()).isEqualTo("/actuator/prometheus");
    }

    /** add-target --compose asks the same way: nothing for a service the file tells all about, the port for one it does not. */
    @Test
    void addTargetFromTheComposeFileAsksOnlyWhatIsOpen() throws IOException {
        Path stack = tmp.resolve("stack");
        assertThat(Cli.run("init", stack.toString(), "--name", "shop", "--no-input").exitCode()).isZero();
        Path file = Files.writeString(Files.createDirectories(tmp.resolve("app")).resolve("compose.yaml"), APP);
        Cli.Run api = Cli.run("add-target", "api", "-C", stack.toString(), "--compose", file.toString(), "--answers",
                Files.write(tmp.resolve("a1.txt"), List.of("y")).toString());
        assertThat(api.exitCode()).as(api.out() + api.err()).isZero();
        assertThat(api.out()).doesNotContain("Runtime of", "Metrics path", "Scrape interval", "The app's own metrics", "Port on each");
        assertThat(SpecReader.read(stack.resolve("monstack.yml")).target("api").orElseThrow().metricsPath())
                .isEqualTo("/actuator/prometheus");

        String before = Files.readString(stack.resolve("monstack.yml"));
        Cli.Run mystery = Cli.run("add-target", "mystery", "-C", stack.toString(), "--compose", file.toString(), "--answers",
                Files.write(tmp.resolve("a2.txt"), List.of("go", "")).toString());
        assertThat(mystery.exitCode()).isEqualTo(1);
        assertThat(mystery.out()).contains("Port on each replica");
        assertThat(mystery.err()).contains("aborted: nothing written");
        assertThat(Files.readString(stack.resolve("monstack.yml"))).isEqualTo(before);
    }

    private Cli.Run init(List<String> answers) throws IOException {
        Path app = Files.createDirectories(tmp.resolve("app"));
        Path file = Files.writeString(app.resolve("compose.yaml"), APP);
        Path answersFile = Files.write(tmp.resolve("answers.txt"), answers);
        return Cli.run("init", tmp.resolve("mon").toString(), "--compose", file.toString(), "--answers", answersFile.toString());
    }
}
