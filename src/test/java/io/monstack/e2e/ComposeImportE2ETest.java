package io.monstack.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.monstack.generate.GeneratedFile;
import io.monstack.generate.StackGenerator;
import io.monstack.spec.AppNetwork;
import io.monstack.spec.CustomMetric;
import io.monstack.spec.MetricType;
import io.monstack.spec.PrometheusSettings;
import io.monstack.spec.RuntimeCatalog;
import io.monstack.spec.SpecReader;
import io.monstack.spec.SpecWriter;
import io.monstack.spec.StackSpec;
import io.monstack.spec.Target;
import io.monstack.support.Cli;
import io.monstack.support.Compose;
import io.monstack.support.Net;
import io.monstack.support.OwnDockerd;
import io.monstack.support.Progress;
import io.monstack.support.Rendered;
import io.monstack.support.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start from the user's compose file, on a real engine: the app of e2e/compose-app (two services
 * on its own network, one scaled to 3, plus a Prometheus of its own) brought up with
 * `docker compose`; `monstack init --compose --probe` reads the running containers' pages; the
 * monitoring stack brought up as its README says; every target up, with no network created or
 * connected by hand (the test never runs `docker network`), and the app's compose file unchanged.
 * orders' image name suggests Spring Boot, but its page has no JVM metrics: the page wins, and
 * `monstack check --wait 2m` on the stack as init wrote it is green.
 * Then add-target --compose --probe gives the same target again. Needs root, dockerd and the
 * tools of scripts/test-deps.sh.
 */
@Tag("docker")
class ComposeImportE2ETest {
    private static final Path APP = Path.of("e2e/compose-app/compose.yaml").toAbsolutePath();
    private static final String APP_IMAGE = "local/monstack-e2e-app:latest";
    private static final Duration TARGETS_WAIT = Duration.ofSeconds(90);

    @TempDir
    Path tmp;

    private final Progress progress = new Progress("compose import e2e");

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void theAppsComposeFileBecomesAMonitoringStackThatScrapesEveryService() throws Exception {
        Path docker = OwnDockerd.requireTools();
        Compose compose = Compose.v2();
        byte[] appBefore = Files.readAllBytes(APP);
        StackSpec defaults = StackSpec.empty("mon");
        Path snippet = tmp.resolve("daemon.json");
        Files.writeString(snippet, new StackGenerator().generate(defaults).stream().filter(f -> f.path().equals("docker/daemon.json"))
                .map(GeneratedFile::content).findFirst().orElseThrow(), StandardCharsets.UTF_8);

        OwnDockerd.requireNoEngineRunning(docker);
        OwnDockerd engine = OwnDockerd.prepare(snippet, Map.of("log-driver", "json-file"));
        Path dir = tmp.resolve("mon");
        List<String> app = List.of("--ansi", "never", "-f", APP.toString());
        List<String> stack = List.of("--ansi", "never", "--progress", "plain", "-p", "mon", "-f", "compose.yaml");
        boolean appUp = false;
        boolean stackUp = false;
        try {
            engine.start();
            progress.log("stand-ins: " + engine.makeStandins(defaults, APP_IMAGE).strip().replace('\n', ';'));
            Tools.runOk(null, 30, docker.toString(), "tag", APP_IMAGE, "local/shop-orders-spring:1");
            Tools.runOk(null, 30, docker.toString(), "tag", defaults.prometheus().image(), "local/shop-worker:1");

            // ------------------------------------------------------------ the app, as its users run it
            appUp = true;
            compose.runOk(APP.getParent(), 180, with(app, "up", "-d"));
            awaitRunning(docker, "shop", 5);
            progress.log("the app runs: 3 orders, a worker and its own Prometheus on shop_backend");

            // ------------------------------------------------------------ init --compose --probe
            Cli.Run init = Cli.run("init", dir.toString(), "--compose", APP.toString(), "--probe", "--no-input",
                    "--scrape-interval", "5s");
            assertThat(init.exitCode()).as("init --compose --probe:%n%s%s", init.out(), init.err()).isZero();
            System.out.print(init.out());
            System.out.print(init.err());
            assertThat(init.out()).containsPattern("left out prometheus +monitoring itself \\(Prometheus: image prom/prometheus:v3.5.0\\)")
                    .containsPattern("target +orders +dns orders:80 \\(3 replicas\\)")
                    .contains("probed http://", "(3 of 3 containers answered");
            StackSpec spec = SpecReader.read(dir.resolve("monstack.yml"));
            Target orders = spec.target("orders").orElseThrow();
            Target worker = spec.target("worker").orElseThrow();
            assertThat(orders.runtime()).as("from its page, which has no runtime metrics, not from the image name")
                    .isEqualTo(RuntimeCatalog.DEFAULT);
            assertThat(init.out()).containsPattern("suggests spring-boot, but its page has none of spring-boot's metrics");
            assertThat(orders.metricsPath()).as("the path the probe found served").isEqualTo("/actuator/prometheus");
            assertThat(orders.dns().names()).containsExactly("orders");
            assertThat(orders.dns().port()).isEqualTo(80);
            assertThat(orders.metrics()).as("the app's own metrics, from its page").extracting(CustomMetric::name, CustomMetric::type)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("app_requests_total", MetricType.COUNTER),
                            org.assertj.core.groups.Tuple.tuple("app_info", MetricType.GAUGE));
            assertThat(worker.runtime()).as("from its page (prometheus_build_info, go_*): the image name says nothing").isEqualTo("go");
            assertThat(worker.staticTargets()).containsExactly("worker:9090");
            assertThat(spec.targets()).extracting(Target::name).containsExactly("orders", "worker");
            assertThat(spec.networks()).containsExactly(new AppNetwork("shop_backend"));
            progress.log("monstack.yml: " + spec.targets().size() + " targets, networks " + spec.networks());

            // free ports for the UIs (a user keeps 9090/3000); the networks stay as init wrote them
            StackSpec local = spec.withPrometheus(spec.prometheus().withPort(Net.freePort()))
                    .withGrafana(spec.grafana().withPort(Net.freePort()));
            Files.writeString(dir.resolve("monstack.yml"), SpecWriter.write(local), StandardCharsets.UTF_8);
            Cli.Run generate = Cli.run("generate", dir.toString());
            assertThat(generate.exitCode()).as(generate.err()).isZero();

            // ------------------------------------------------------------ the stack, as its README says
            stackUp = true;
            String up = compose.runOk(dir, 300, with(stack, "up", "-d", "--build"));
            progress.log("monitoring stack up:\n" + up.strip());
            awaitTargets(local, Map.of("prometheus", 1, "docker", 1, "orders", 3, "worker", 1));
            progress.log("every target is up: the 3 orders replicas by DNS, the worker by name, through shop_backend");

            // ------------------------------------------------------------ monstack check, as the README says next
            // as the stack's README says next: the stack init wrote, unedited, checks green
            Cli.Run green = Cli.run("check", dir.toString(), "--wait", "2m");
            assertThat(green.exitCode()).as("monstack check --wait 2m of the stack init --compose wrote:%n%s%s", green.out(),
                    green.err()).isZero();
            assertThat(green.out()).contains("healthy: every target up, every panel with data").doesNotContain("FAIL");
            progress.log("monstack check --wait 2m:\n" + green.out().strip());

            String prometheusId = compose.runOk(dir, 60, with(stack, "ps", "-q", "prometheus")).strip();
            JsonNode networks = Rendered.JSON.readTree(Tools.runOk(null, 30, docker.toString(), "inspect", "--format",
                    "{{json .NetworkSettings.Networks}}", prometheusId));
            List<String> joined = new ArrayList<>();
            networks.fieldNames().forEachRemaining(joined::add);
            assertThat(joined).as("Prometheus' networks").containsExactlyInAnyOrder("mon-monitoring", "shop_backend");

            // ------------------------------------------------------------ add-target --compose --probe: the same target
            assertThat(Cli.run("remove-target", "worker", "-C", dir.toString()).exitCode()).isZero();
            Cli.Run add = Cli.run("add-target", "worker", "-C", dir.toString(), "--compose", APP.toString(), "--probe", "--no-input");
            assertThat(add.exitCode()).as("add-target --compose --probe:%n%s%s", add.out(), add.err()).isZero();
            assertThat(SpecReader.read(dir.resolve("monstack.yml")).target("worker")).contains(worker);

            assertThat(Files.readAllBytes(APP)).as("the app's compose file is only read").isEqualTo(appBefore);
            compose.runOk(dir, 120, with(stack, "down", "-v", "-t", "1"));
            stackUp = false;
            compose.runOk(APP.getParent(), 120, with(app, "down", "-v", "-t", "1"));
            appUp = false;
            progress.log("both projects down");
        } finally {
            if (stackUp) {
                report(compose.run(dir, 120, with(stack, "down", "-v", "-t", "1")), "stack down");
            }
            if (appUp) {
                report(compose.run(APP.getParent(), 120, with(app, "down", "-v", "-t", "1")), "app down");
            }
            engine.stop();
        }
    }

    private static void report(Tools.Result r, String what) {
        if (r.exitCode() != 0) {
            System.err.println(what + " failed:\n" + r.output());
        }
    }

    private static List<String> with(List<String> args, String... more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return all;
    }

    /** Until the project runs that many containers. */
    private static void awaitRunning(Path docker, String project, int containers) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String running = "";
        while (System.nanoTime() < deadline) {
            running = Tools.runOk(null, 30, docker.toString(), "ps", "--filter", "label=com.docker.compose.project=" + project,
                    "--format", "{{.Names}} {{.Status}}").strip();
            if (running.lines().filter(l -> l.contains(" Up ")).count() == containers) {
                return;
            }
            Thread.sleep(500);
        }
        fail("the app does not run %d containers: %s", containers, running);
    }

    /** Polls Prometheus' targets until every job has that many targets, all up. */
    private void awaitTargets(StackSpec spec, Map<String, Integer> wanted) throws Exception {
        String url = "http://127.0.0.1:" + spec.prometheus().port() + "/api/v1/targets?state=active";
        long deadline = System.nanoTime() + TARGETS_WAIT.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            JsonNode targets = Net.getJsonOrNull(url);
            if (targets != null) {
                Map<String, Integer> up = new TreeMap<>();
                List<String> notUp = new ArrayList<>();
                for (JsonNode t : targets.path("data").path("activeTargets")) {
                    String job = t.path("labels").path("job").asText();
                    if ("up".equals(t.path("health").asText())) {
                        up.merge(job, 1, Integer::sum);
                    } else {
                        notUp.add(job + " " + t.path("scrapeUrl").asText() + " " + t.path("health").asText() + " "
                                + t.path("lastError").asText());
                    }
                }
                last = "up per job " + up + ", not up " + notUp;
                if (up.equals(new TreeMap<>(wanted)) && notUp.isEmpty()) {
                    progress.log(last);
                    return;
                }
            }
            Thread.sleep(1000);
        }
        fail("Prometheus did not scrape every target within %s s: %s", TARGETS_WAIT.toSeconds(), last);
    }
}
