package io.monstack.wizard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.monstack.cli.wizard.Prompter;
import io.monstack.cli.wizard.StackQuestions;
import io.monstack.cli.wizard.Wizard;
import io.monstack.spec.DnsDiscovery;
import io.monstack.spec.SpecReader;
import io.monstack.spec.StackOverrides;
import io.monstack.spec.StackSpec;
import io.monstack.spec.Target;
import io.monstack.support.Cli;
import io.monstack.support.Rendered;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wizard driven by scripted answers, in-process: same spec and files as the flags, re-asks, aborts. */
class WizardAnswersTest {
    static final Path SAMPLE = Path.of("samples/diamol-ch09/monstack.yml");

    /** The answers that describe samples/diamol-ch09 (one a line; "" takes the default). */
    static final List<String> SAMPLE_ANSWERS = List.of(
            "",                                   // stack name: the folder's, diamol-ch09
            "image-gallery", "go", "1", "image-gallery:80", "", "", "",
            "y",
            "iotd-api", "2", "static", "iotd", "", "", "",
            "y",
            "access-log", "node", "2", "accesslog", "A", "80", "", "3s",
            "access_log_total:counter:total log requests",
            "access_client_ip_current:gauge:current unique IP addresses", "",
            "n",
            "y", "",                              // Docker engine, on 0.0.0.0:9323
            "", "",                               // host and container views: no (the defaults)
            "",                                   // alerting: no (the default)
            "",                                   // platform: compose (the default)
            "y");                                 // write it

    @TempDir
    Path tmp;

    @Test
    void answersGiveTheSameSpecAndFilesAsTheFlags() throws IOException {
        Path byWizard = tmp.resolve("wizard/diamol-ch09");
        Cli.Run wizard = Cli.run("init", byWizard.toString(), "--answers", answers(SAMPLE_ANSWERS).toString());
        assertThat(wizard.exitCode()).as(wizard.err()).isZero();
        assertThat(wizard.out()).contains("This is the monstack.yml it will write:", "Write this stack to", "wrote      monstack.yml");

        Path byFlags = tmp.resolve("flags/diamol-ch09");
        Cli.Run flags = Cli.run("init", byFlags.toString(), "--no-input",
                "--target", "name=image-gallery,runtime=go,static=image-gallery:80",
                "--target", "name=iotd-api,runtime=spring-boot,static=iotd",
                "--target", "name=access-log,runtime=node,dns=accesslog,dns-port=80,interval=3s,"
                        + "metric=access_log_total:counter:total log requests+access_client_ip_current:gauge:current unique IP addresses");
        assertThat(flags.exitCode()).as(flags.err()).isZero();

        StackSpec spec = SpecReader.read(byWizard.resolve("monstack.yml"));
        assertThat(spec).isEqualTo(SpecReader.read(byFlags.resolve("monstack.yml"))).isEqualTo(SpecReader.read(SAMPLE));
        Map<String, String> wizardFiles = files(byWizard);
        assertThat(wizardFiles).containsKeys("prometheus/prometheus.yml", "compose.yaml", "grafana/dashboards/service-access-log.json")
                .isEqualTo(files(byFlags));
        assertThat(new Rendered(spec).files()).isEqualTo(new Rendered(SpecReader.read(SAMPLE)).files());
    }

    @Test
    void wrongAnswersAreAskedAgainWithTheReason() {
        StringWriter out = new StringWriter();
        StackSpec spec = wizard(out, String.join("\n",
                "Shop!", "shop",
                "a b", "prometheus", "web", "99", "go", "3", "static", "web:70000", "web:8080", "metrics", "/metrics", "5x", "5s",
                "orders", "orders_total:countr", "orders_total:counter", "", "maybe", "y",
                "web", "api", "spring-boot", "dns", "api", "MX", "SRV", "", "", "",
                "n", "y", "127.0.0.1:9323", "0.0.0.0:70000", "172.17.0.1:9323", "sure", "y", "", "perhaps", "y", "kubernetes",
                "swarm", "172.17.0.1:9323", "", "registry.example.com/team", "y"))
                .init(tmp.resolve("shop"), StackSpec.empty(null), new StackOverrides());

        assertThat(out.toString()).contains(
                "! use lowercase letters, digits",
                "! use letters, digits, '-', '_' or '.'",
                "! \"prometheus\" is monstack's own job",
                "! choose a number from 1 to 2 or a name from the list",
                "! \"web:70000\": port must be a number from 1 to 65535",
                "! must start with '/'",
                "! not a duration; write e.g. 15s, 1m or 1h30m",
                "! write name:type[:help]",
                "! unknown metric type \"countr\"",
                "! answer y or n",
                "! there is a service \"web\" already",
                "! answer A, AAAA or SRV",
                "! a containerised Prometheus cannot reach the engine on 127.0.0.1",
                "must be a number from 1 to 65535",
                "note: 0.0.0.0 exposes the engine's metrics to the whole network; 172.17.0.1:9323 keeps them on the docker bridge",
                "! answer compose or swarm",
                "! on swarm Prometheus reaches each node's engine at the node's swarm address")
                .doesNotContain("Exception");
        assertThat(spec.name()).isEqualTo("shop");
        // swarm needs the engine on every address: the address answered before is asked again, not a dead end
        assertThat(out.toString()).contains("Address the Docker daemon serves metrics on [0.0.0.0:9323]: ");
        assertThat(spec.deploy().isSwarm()).isTrue();
        assertThat(spec.targets()).extracting(Target::name).containsExactly("web", "api");
        Target web = spec.targets().get(0);
        assertThat(web.staticTargets()).containsExactly("web:8080");
        assertThat(web.scrapeInterval()).isEqualTo("5s");
        assertThat(web.metrics()).hasSize(1);
        assertThat(spec.targets().get(1).dns()).isEqualTo(new DnsDiscovery(List.of("api"), "SRV", null, null));
        assertThat(spec.targets().get(1).metricsPath()).isEqualTo("/actuator/prometheus");
        assertThat(spec.dockerEngine().metricsAddr()).isEqualTo("0.0.0.0:9323");
        assertThat(spec.images().registry()).isEqualTo("registry.example.com/team");
        assertThat(out.toString()).contains("Alerting (rules per service, an Alertmanager; receivers go in monstack.yml)? [y/N]: ");
        assertThat(spec.alerting().enabled()).isTrue();
        assertThat(out.toString()).contains("note: the host view runs node-exporter in the host's network and PID namespaces",
                "Host view (node-exporter: CPU, memory, disks, network of the host)? [y/N]: ",
                "note: the container view runs cAdvisor, which mounts /var/run (the Docker socket",
                "Container view (cAdvisor: CPU, memory, network, restarts per container)? [y/N]: ");
        assertThat(spec.hostMetrics().enabled()).isTrue();
        assertThat(spec.containerMetrics().enabled()).isFalse();
    }

    @Test
    void swarmAsksForTheRegistryItsNodesPullFrom() {
        StringWriter out = new StringWriter();
        StackSpec spec = wizard(out, String.join("\n", "", "web", "go", "1", "web:8080", "", "", "", "n", "y", "", "", "", "", "swarm", "",
                        "registry..bad", "registry.example.com:5000/team", "y"))
                .init(tmp.resolve("x"), StackSpec.empty("x"), new StackOverrides());
        assertThat(out.toString()).contains("Platform (compose or swarm) [compose]: ", "! a swarm needs a registry",
                "Registry the swarm nodes pull the images from");
        assertThat(spec.deploy().isSwarm()).isTrue();
        assertThat(spec.images().registry()).isEqualTo("registry.example.com:5000/team");
    }

    @Test
    void theRuntimePresetSuggestsPathAndPort() {
        StringWriter out = new StringWriter();
        StackSpec spec = wizard(out, String.join("\n", "", "q", "quarkus", "", "", "", "", "", "n", "n", "", "", "", "", "y"))
                .init(tmp.resolve("x"), StackSpec.empty("x"), new StackOverrides());
        assertThat(out.toString()).contains("Host[:port] (comma-separate several) [q:8080]: ", "Metrics path [/q/metrics]: ");
        assertThat(spec.targets().get(0).staticTargets()).containsExactly("q:8080");
        assertThat(spec.targets().get(0).metricsPath()).isEqualTo("/q/metrics");
        assertThat(spec.dockerEngine().enabled()).isFalse();
        assertThat(spec.alerting().enabled()).isFalse();
    }

    @Test
    void endOfInputMidwayWritesNothing() throws IOException {
        Path dir = tmp.resolve("stack");
        Cli.Run run = Cli.run("init", dir.toString(), "--answers", answers(SAMPLE_ANSWERS.subList(0, 12)).toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("aborted: nothing written");
        assertThat(dir).doesNotExist();
        assertThatThrownBy(() -> wizard(new StringWriter(), "shop\nweb\n").init(dir, StackSpec.empty(null),
                new StackOverrides())).isInstanceOf(Prompter.Aborted.class);
    }

    @Test
    void sayingNoAtTheEndWritesNothing() throws IOException {
        Path dir = tmp.resolve("stack");
        List<String> no = new java.util.ArrayList<>(SAMPLE_ANSWERS);
        no.set(no.size() - 1, "n");
        Cli.Run run = Cli.run("init", dir.toString(), "--answers", answers(no).toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("aborted: nothing written");
        assertThat(dir).doesNotExist();
    }

    @Test
    void withoutATerminalInitNeverAsks() {
        Path dir = tmp.resolve("quiet");
        Cli.Run run = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> Cli.run("init", dir.toString()));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).doesNotContain("Stack name", "Service 1");
        assertThat(SpecReader.read(dir.resolve("monstack.yml")).targets()).isEmpty();
    }

    @Test
    void flagsSkipTheirQuestions() throws IOException {
        Path dir = tmp.resolve("stack");
        Path file = answers(List.of("web", "go", "1", "", "", "", "", "n", "y"));
        Cli.Run run = Cli.run("init", dir.toString(), "--answers", file.toString(), "--name", "shop", "--no-docker-engine",
                "--alerting", "--platform", "compose", "--no-host-metrics", "--container-metrics");
        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        assertThat(run.out()).doesNotContain("Stack name", "Docker engine", "Alerting (", "Platform (", "Host view", "Container view")
                .contains("Host[:port] (comma-separate several; port 80 if none) [web]: ");
        StackSpec spec = SpecReader.read(dir.resolve("monstack.yml"));
        assertThat(spec.name()).isEqualTo("shop");
        assertThat(spec.dockerEngine().enabled()).isFalse();
        assertThat(spec.alerting().enabled()).isTrue();
        assertThat(spec.hostMetrics().enabled()).isFalse();
        assertThat(spec.containerMetrics().enabled()).isTrue();
        assertThat(spec.targets().get(0).staticTargets()).containsExactly("web");
        assertThat(Cli.run("init", dir.toString(), "--answers", file.toString(), "--from", SAMPLE.toString()).exitCode()).isEqualTo(2);
    }

    @Test
    void aServiceWithoutMetricsGetsItsExporterWithTheQuestionsItNeeds() throws IOException {
        Path dir = tmp.resolve("exporters");
        assertThat(Cli.run("init", dir.toString(), "--name", "shop", "--no-input").exitCode()).isZero();
        // no metrics path, no metrics of its own: the exporter's path is fixed, its metrics are the exporter's
        Path file = answers(List.of("db", "postgres", "", "db", "db:5432", "monitor", "prometheus/pw", "secrets/db-password",
                "", "y"));
        Cli.Run run = Cli.run("add-target", "-C", dir.toString(), "--answers", file.toString());
        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        assertThat(run.out()).contains("db serves no metrics of its own: run its exporter in the stack? [Y/n]: ",
                "Address: host:port of the PostgreSQL server, e.g. db:5432 [db:5432]: ",
                "! \"db\" must be host:port of the PostgreSQL server",
                "User it logs in as (empty: none): ",
                "The password file stays on this host and holds the password of the user, alone on one line",
                "! \"prometheus/pw\" is inside the prometheus folder")
                .doesNotContain("How does Prometheus reach", "Metrics path", "The app's own metrics");
        Target db = SpecReader.read(dir.resolve("monstack.yml")).target("db").orElseThrow();
        assertThat(db.exporter()).isEqualTo(new io.monstack.spec.ExporterSettings("db:5432", "monitor", "secrets/db-password"));
        assertThat(db.runtime()).isEqualTo("postgres");
    }

    @Test
    void credentialFlagsSkipTheirQuestionsButTheAddressIsStillAsked() throws IOException {
        Path dir = tmp.resolve("exporters");
        assertThat(Cli.run("init", dir.toString(), "--name", "shop", "--no-input").exitCode()).isZero();
        Path file = answers(List.of("db", "", "", "", "y"));
        Cli.Run run = Cli.run("add-target", "-C", dir.toString(), "--answers", file.toString(), "--runtime", "postgres",
                "--username", "monitor", "--password-file", "secrets/db-password");
        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        assertThat(run.out()).contains("db serves no metrics of its own: run its exporter in the stack? [Y/n]: ",
                "Address: host:port of the PostgreSQL server, e.g. db:5432 [db:5432]: ")
                .doesNotContain("User it logs in as", "Password file", "How does Prometheus reach", "Metrics path");
        Target db = SpecReader.read(dir.resolve("monstack.yml")).target("db").orElseThrow();
        assertThat(db.exporter()).isEqualTo(new io.monstack.spec.ExporterSettings("db:5432", "monitor", "secrets/db-password"));
    }

    @Test
    void addTargetWithoutNameAsksForTheServiceAndItsFlagsSkipQuestions() throws IOException {
        Path dir = tmp.resolve("stack");
        assertThat(Cli.run("init", dir.toString(), "--from", SAMPLE.toString()).exitCode()).isZero();
        assertThat(Cli.run("remove-target", "access-log", "-C", dir.toString()).exitCode()).isZero();
        Path file = answers(List.of("image-gallery", "access-log", "", "80", "", "3s",
                "access_log_total:counter:total log requests", "access_client_ip_current:gauge:current unique IP addresses", "", "y"));
        Cli.Run run = Cli.run("add-target", "-C", dir.toString(), "--answers", file.toString(), "--runtime", "node", "--dns", "accesslog");
        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        assertThat(run.out()).contains("! there is a service \"image-gallery\" already", "Add access-log to")
                .doesNotContain("Runtime of", "How does Prometheus reach", "DNS name");
        assertThat(SpecReader.read(dir.resolve("monstack.yml"))).isEqualTo(SpecReader.read(SAMPLE));
        assertThat(files(dir)).isEqualTo(new Rendered(SpecReader.read(SAMPLE)).files());
    }

    @Test
    void addTargetWithoutNameNeedsATerminal() throws IOException {
        Path dir = tmp.resolve("stack");
        assertThat(Cli.run("init", dir.toString(), "--from", SAMPLE.toString()).exitCode()).isZero();
        for (Cli.Run run : List.of(Cli.run("add-target", "-C", dir.toString()), Cli.run("add-target", "-C", dir.toString(), "--no-input"))) {
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("give NAME or run on a terminal").doesNotContain("Exception");
        }
    }

    private static Wizard wizard(StringWriter out, String answers) {
        return new Wizard(new BufferedReader(new StringReader(answers)), new PrintWriter(out, true), true);
    }

    private Path answers(List<String> lines) throws IOException {
        Path file = Files.createTempFile(tmp, "answers", ".txt");
        Files.write(file, lines);
        return file;
    }

    /** Every file of a stack folder but the random .env and monstack's own bookkeeping. */
    static Map<String, String> files(Path dir) throws IOException {
        Map<String, String> all = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                if (!rel.equals(".env") && !rel.startsWith(".monstack/") && !rel.equals("monstack.yml")) {
                    all.put(rel, Files.readString(p));
                }
            }
        }
        return all;
    }
}
