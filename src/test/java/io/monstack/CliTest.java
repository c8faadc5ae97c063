package io.monstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.monstack.spec.SpecReader;
import io.monstack.spec.StackSpec;
import io.monstack.spec.Target;
import io.monstack.support.Cli;
import io.monstack.support.PromTools;
import io.monstack.support.PrometheusMajors;
import io.monstack.support.Rendered;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The commands as a user runs them: output, exit codes, and what lands on disk. */
class CliTest {
    private static final String SAMPLE = "samples/diamol-ch09/monstack.yml";

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"init", "add-target", "remove-target", "generate", "runtimes"})
    void everyCommandHasHelpWithExamples(String command) {
        Cli.Run run = Cli.run(command, "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: monstack " + command);
        if (!command.equals("runtimes")) {
            assertThat(run.out()).contains("Examples:").contains("monstack " + command);
        }
    }

    @Test
    void topLevelHelpAndVersion() {
        assertThat(Cli.run("--help").out()).contains("init", "add-target", "generate", "Exit codes");
        Cli.Run version = Cli.run("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).matches("monstack \\d+\\.\\d+\\.\\d+.*\\s*");
    }

    @Test
    void mistypedOptionIsAUsageErrorWithASuggestion() {
        Cli.Run run = Cli.run("init", tmp.toString(), "--form", SAMPLE);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("error: unknown option").contains("--form").contains("Possible solutions")
                .doesNotContain("Usage:").contains("Run 'monstack init --help' for usage.");
    }

    @Test
    void initFromTheSampleThenRefusesToOverwrite() throws IOException {
        Path dir = tmp.resolve("stack");
        Cli.Run first = Cli.run("init", dir.toString(), "--from", SAMPLE);
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("create     prometheus/prometheus.yml").contains("wrote      monstack.yml");
        assertThat(SpecReader.read(dir.resolve("monstack.yml"))).isEqualTo(SpecReader.read(Path.of(SAMPLE)));
        Cli.Run same = Cli.run("init", dir.toString(), "--from", SAMPLE);
        assertThat(same.exitCode()).as("the same init twice").isZero();
        assertThat(same.out()).contains("0 created, 0 updated");
        Cli.Run second = Cli.run("init", dir.toString(), "--from", SAMPLE, "--scrape-interval", "20s");
        assertThat(second.exitCode()).isEqualTo(1);
        assertThat(second.err()).startsWith("error: ").contains("already holds a stack").contains("--force");
        Cli.Run forced = Cli.run("init", dir.toString(), "--from", SAMPLE, "--force");
        assertThat(forced.exitCode()).isZero();
    }

    @Test
    void initFromFlagsAloneEqualsTheSampleSpec() throws IOException {
        Path dir = tmp.resolve("diamol-ch09");
        Cli.Run run = Cli.run("init", dir.toString(), "--no-input",
                "--target", "name=image-gallery,runtime=go,static=image-gallery:80",
                "--target", "name=iotd-api,runtime=spring-boot,static=iotd",
                "--target", "name=access-log,runtime=node,dns=accesslog,dns-port=80,interval=3s,"
                        + "metric=access_log_total:counter:total log requests+access_client_ip_current:gauge:current unique IP addresses");
        assertThat(run.exitCode()).as(run.err()).isZero();
        StackSpec fromFlags = SpecReader.read(dir.resolve("monstack.yml"));
        assertThat(fromFlags).isEqualTo(SpecReader.read(Path.of(SAMPLE)));
    }

    @Test
    void addTargetUpdatesTheSpecAndOnlyTheFilesThatChange() throws IOException {
        Path dir = tmp.resolve("stack");
        assertThat(Cli.run("init", dir.toString(), "--from", SAMPLE).exitCode()).isZero();
        Cli.Run add = Cli.run("add-target", "shop-api", "-C", dir.toString(), "--runtime", "spring-boot",
                "--static", "shop:8080,shop2:8080", "--interval", "5s", "--timeout", "4s", "--label", "team=pay",
                "--metric", "orders_total:counter:Orders placed", "--metric", "order_seconds:histogram");
        assertThat(add.exitCode()).as(add.err()).isZero();
        assertThat(add.out()).contains("create     grafana/dashboards/service-shop-api.json")
                .contains("update     prometheus/prometheus.yml").contains("update     README.md")
                .doesNotContain("compose.yaml").doesNotContain("Dockerfile");
        Target t = SpecReader.read(dir.resolve("monstack.yml")).target("shop-api").orElseThrow();
        assertThat(t.metricsPath()).isEqualTo("/actuator/prometheus");
        assertThat(t.staticTargets()).containsExactly("shop:8080", "shop2:8080");
        assertThat(t.labels()).isEqualTo(Map.of("team", "pay"));
        assertThat(t.metrics()).hasSize(2);
        PromTools.assertConfigValid(PrometheusMajors.of(SpecReader.read(dir.resolve("monstack.yml"))), dir.resolve("prometheus/prometheus.yml"));
    }

    @Test
    void addingAnExistingNameIsAnErrorThatOffersReplace() throws IOException {
        Path dir = tmp.resolve("stack");
        assertThat(Cli.run("init", dir.toString(), "--from", SAMPLE).exitCode()).isZero();
        String before = Files.readString(dir.resolve("monstack.yml"));
        Cli.Run dup = Cli.run("add-target", "iotd-api", "-C", dir.toString(), "--static", "x:1");
        assertThat(dup.exitCode()).isEqualTo(1);
        assertThat(dup.err().strip()).isEqualTo("error: target \"iotd-api\" already exists in monstack.yml; use --replace to change it");
        assertThat(Files.readString(dir.resolve("monstack.yml"))).isEqualTo(before);
        Cli.Run replace = Cli.run("add-target", "iotd-api", "-C", dir.toString(), "--runtime", "quarkus", "--static", "iotd:8080", "--replace");
        assertThat(replace.exitCode()).as(replace.err()).isZero();
        StackSpec spec = SpecReader.read(dir.resolve("monstack.yml"));
        assertThat(spec.targets()).extracting(Target::name).containsExactly("image-gallery", "iotd-api", "access-log");
        assertThat(spec.target("iotd-api").orElseThrow().metricsPath()).isEqualTo("/q/metrics");
    }

    @Test
    void generateAfterHandEditingTheSpec() throws IOException {
        Path dir = tmp.resolve("stack");
        assertThat(Cli.run("init", dir.toString(), "--from", SAMPLE).exitCode()).isZero();
        Path specFile = dir.resolve("monstack.yml");
        Files.writeString(specFile, Files.readString(specFile).replace("scrapeInterval: 3s", "scrapeInterval: 7s"));
        Cli.Run gen = Cli.run("generate", dir.toString());
        assertThat(gen.exitCode()).as(gen.err()).isZero();
        assertThat(gen.out()).contains("update     prometheus/prometheus.yml");
        assertThat(Files.readString(dir.resolve("prometheus/prometheus.yml"))).contains("scrape_interval: \"7s\"");
    }

    @Test
    void forcedRunsSayWhichHandEditsTheyReplaced() throws IOException {
        Path dir = tmp.resolve("stack");
        assertThat(Cli.run("init", dir.toString(), "--from", SAMPLE).exitCode()).isZero();
        Path config = dir.resolve("prometheus/prometheus.yml");
        String generated = Files.readString(config);
        Files.writeString(config, generated + "# my edit\n");
        Cli.Run refused = Cli.run("generate", dir.toString());
        assertThat(refused.exitCode()).isEqualTo(4);
        assertThat(refused.err()).contains("prometheus/prometheus.yml", "--force");
        Cli.Run forced = Cli.run("generate", dir.toString(), "--force");
        assertThat(forced.exitCode()).isZero();
        assertThat(forced.out()).contains("overwrite  prometheus/prometheus.yml", "1 overwritten (hand edits replaced, --force)");
        assertThat(Files.readString(config)).isEqualTo(generated);
    }

    @Test
    void removeTargetDeletesItsDashboard() {
        Path dir = tmp.resolve("stack");
        assertThat(Cli.run("init", dir.toString(), "--from", SAMPLE).exitCode()).isZero();
        Cli.Run rm = Cli.run("remove-target", "access-log", "-C", dir.toString());
        assertThat(rm.exitCode()).as(rm.err()).isZero();
        assertThat(rm.out()).contains("delete     grafana/dashboards/service-access-log.json");
        assertThat(dir.resolve("grafana/dashboards/service-access-log.json")).doesNotExist();
        assertThat(Cli.run("remove-target", "nope", "-C", dir.toString()).err()).contains("no target \"nope\"");
    }

    @Test
    void badFlagValuesAreOneLineErrorsAndWriteNothing() {
        Path dir = tmp.resolve("stack");
        Cli.Run run = Cli.run("init", dir.toString(), "--name", "shop", "--target", "name=web,static=web:99999", "--scrape-interval", "10x");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().lines().toList()).allMatch(l -> l.startsWith("error: ")).hasSize(2);
        assertThat(run.err()).contains("port must be a number from 1 to 65535").contains("\"10x\" is not a Prometheus duration");
        assertThat(dir).doesNotExist();
    }

    @Test
    void commandsOutsideAStackSayWhatToDo() {
        Cli.Run run = Cli.run("generate", tmp.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("no monstack.yml in").contains("monstack init");
    }

    @Test
    void dryRunWritesNothing() {
        Path dir = tmp.resolve("stack");
        Cli.Run run = Cli.run("init", dir.toString(), "--from", SAMPLE, "--dry-run");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("dry run: nothing is written").contains("create     compose.yaml");
        assertThat(dir).doesNotExist();
    }

    @Test
    void engineExposureIsSaidOnStderr() {
        Cli.Run run = Cli.run("init", tmp.resolve("s").toString(), "--from", SAMPLE);
        assertThat(run.err()).contains("note: the Docker engine will serve its metrics on 0.0.0.0:9323");
        Cli.Run quiet = Cli.run("init", tmp.resolve("q").toString(), "--from", SAMPLE, "--metrics-addr", "172.17.0.1:9323");
        assertThat(quiet.err()).doesNotContain("note: the Docker engine");
        Rendered r = new Rendered(SpecReader.read(tmp.resolve("q/monstack.yml")));
        assertThat(r.json("docker/daemon.json").get("metrics-addr").asText()).isEqualTo("172.17.0.1:9323");
        assertThat(List.of(r.text("README.md"))).noneMatch(s -> s.contains("on every interface"));
    }
}
