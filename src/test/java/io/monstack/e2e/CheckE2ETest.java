package io.monstack.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.monstack.cli.ExitCodes;
import io.monstack.support.Cli;
import io.monstack.support.Net;
import io.monstack.support.PrivateHosts;
import io.monstack.support.Processes;
import io.monstack.support.Progress;
import io.monstack.support.PromTools;
import io.monstack.support.Rendered;
import io.monstack.support.Tools;
import io.monstack.support.Waits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/**
 * `monstack check` on a real Prometheus 3.x (the pinned image's major, Debian sid's) running the
 * prometheus.yml and rules monstack generates, with real apps on 127.0.0.1, each broken the way
 * users break them: a closed port, a wrong metrics path, a page without Content-Type with the
 * fallback turned off (the book's restify app), a runtime that does not match (a Python page
 * declared Spring Boot), a name that does not resolve, a DNS name with no replicas, a page slower
 * than its timeout (e2e/apps/python-slow), a host with no route to it (an unreachable route, added
 * as root for a TEST-NET-2 address and removed again), the Docker engine job refused, alerts that fire, rules
 * whose evaluation fails on the live series (the user's own rules matching on ()), a generated
 * alert that fires on an app's counter with a severity label of its own (e2e/apps/python-levels), no
 * Grafana. Each must come out with its cause and fix, exit 5. A healthy stack (Node prom-client 15,
 * Python prometheus_client, Go: node-exporter's client_golang) checks clean, exit 0, and --wait
 * gives its time to first data.
 *
 * Prometheus runs with an /etc/hosts of its own (PrivateHosts): the names the generated config uses
 * for the stack's containers (localhost:9090, host.docker.internal, alertmanager) point at a
 * loopback address of the test, so the config runs as generated, unedited.
 */
@Tag("e2e")
class CheckE2ETest {
    static final Progress PROGRESS = new Progress("check e2e");
    static final Duration FINDINGS_DEADLINE = Duration.ofSeconds(90);
    /** Where the broken stack's Prometheus sees its own container's names. */
    static final String BROKEN_HOST = "127.0.77.1";
    /** An address of TEST-NET-2 given an unreachable route for the test: connecting to it is "no route to host". */
    static final String UNROUTABLE = "198.51.100.7";
    static boolean routeAdded;
    static final String HEALTHY_HOST = "127.0.77.2";
    static final int SLOW_PAGE_SECONDS = 3;
    static final String USER_RULES_FILE = "prometheus/rules/monstack-alerts.yml";

    @TempDir
    static Path work;
    static Processes processes;
    static int nodePort;
    static int bookPort;
    static int pythonPort;
    static int slowPort;
    static int closedPort;
    static int enginePort;
    static int brokenPrometheusPort;
    static int healthyPrometheusPort;
    static int goPort;
    static int hostMetricsPort;
    static int levelsPort;
    static Path brokenStack;

    @BeforeAll
    static void startAppsAndTheBrokenStack() throws Exception {
        Runtime.getRuntime().addShutdownHook(new Thread(CheckE2ETest::stopAll, "check-e2e-cleanup"));
        // as root (the suite's docker tests are, too): a host the kernel has no route to, as a firewall or a
        // network Prometheus is not on gives; removed again in stopAll
        Tools.runOk(work, 10, "ip", "route", "replace", "unreachable", UNROUTABLE + "/32");
        routeAdded = true;
        processes = new Processes(work, Duration.ofSeconds(10));
        int[] ports = Net.freePorts(11);
        nodePort = ports[0];
        bookPort = ports[1];
        pythonPort = ports[2];
        slowPort = ports[3];
        closedPort = ports[4];
        enginePort = ports[5];
        brokenPrometheusPort = ports[6];
        healthyPrometheusPort = ports[7];
        goPort = ports[8];
        hostMetricsPort = ports[9];
        levelsPort = ports[10];

        Path node = Tools.require("node", "nodejs");
        Path python = RealApps.requirePythonClient();
        RealApps.nodeModules("node");
        RealApps.nodeModules("node-book");
        processes.start("node-prom-client15", RealApps.APPS.resolve("node"), node.toString(), "app.js", String.valueOf(nodePort));
        processes.start("node-book", RealApps.APPS.resolve("node-book"), node.toString(), "app.js", String.valueOf(bookPort));
        processes.start("python", RealApps.APPS.resolve("python"), python.toString(), "app.py", String.valueOf(pythonPort));
        processes.start("go-node-exporter", null, PromTools.nodeExporter(PromTools.NODE_EXPORTER_NEW).toString(),
                "--web.listen-address=127.0.0.1:" + goPort);
        processes.start("python-slow", RealApps.APPS.resolve("python-slow"), python.toString(), "app.py", String.valueOf(slowPort),
                String.valueOf(SLOW_PAGE_SECONDS));
        processes.start("python-levels", RealApps.APPS.resolve("python-levels"), python.toString(), "app.py",
                String.valueOf(levelsPort));

        brokenStack = init("broken", """
                name: check-broken
                prometheus: {image: "prom/prometheus:v3.5.0", scrapeInterval: 2s, port: %d}
                dockerEngine: {enabled: true, metricsAddr: "0.0.0.0:%d"}
                hostMetrics: {enabled: true, listenAddress: "0.0.0.0:%d"}
                publishAddress: 127.0.0.1
                targets:
                  - {name: closed-port, runtime: go, static: ["127.0.0.1:%d"]}
                  - {name: wrong-path, runtime: node, metricsPath: /node-metrics, static: ["127.0.0.1:%d"]}
                  - {name: no-content-type, runtime: node, static: ["127.0.0.1:%d"], fallbackScrapeProtocol: none}
                  - {name: wrong-runtime, runtime: spring-boot, metricsPath: /metrics, static: ["127.0.0.1:%d"]}
                  - {name: unresolvable, runtime: go, static: ["no-such-service.invalid:80"]}
                  - {name: no-replicas, runtime: go, dns: {names: [no-such-replicas.invalid], type: A, port: 80}}
                  - {name: slow, runtime: python, static: ["127.0.0.1:%d"], scrapeTimeout: 1s}
                  - {name: no-route, runtime: go, static: ["%s:80"]}
                  - {name: db, runtime: postgres, exporter: {address: "db:5432"}}
                  - name: levels
                    runtime: python
                    static: ["127.0.0.1:%d"]
                    metrics: [{name: log_messages_total, type: counter, alert: {above: 0}}]
                alerting:
                  enabled: true
                  defaults: {for: 2s, downFor: 2s}
                """.formatted(brokenPrometheusPort, enginePort, hostMetricsPort, closedPort, nodePort, bookPort, pythonPort, slowPort,
                UNROUTABLE, levelsPort));
        // The user's own alerts, added to the stack's rule file by hand (prometheus.yml loads the generated files by
        // name, and the image copies rules/). Both pass promtool check rules (startPrometheus runs it) and fail only when
        // evaluated on several jobs: on () matches every job's series with every other's.
        Files.writeString(brokenStack.resolve(USER_RULES_FILE), """
                  - name: "my-alerts"
                    rules:
                      - alert: "MostTargetsDown"
                        expr: "count by (job) (up == 0) / on () count by (job) (up) > 0.5"
                      - alert: "DownShare"
                        expr: "count by (job) (up == 0) / on () count(up) > 0.1"
                """, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        startPrometheus("prometheus-broken", brokenStack, brokenPrometheusPort, BROKEN_HOST);
    }

    @AfterAll
    static synchronized void stopAll() {
        if (processes != null) {
            processes.stopAll();
        }
        if (routeAdded) {
            routeAdded = false;
            Tools.run(work, 10, "ip", "route", "del", "unreachable", UNROUTABLE + "/32");
        }
    }

    /** Writes the spec and runs the real `monstack init` on it. */
    static Path init(String name, String spec) throws IOException {
        Path specFile = work.resolve(name + "-monstack.yml");
        Files.writeString(specFile, spec, StandardCharsets.UTF_8);
        Path dir = work.resolve(name);
        Cli.Run init = Cli.run("init", dir.toString(), "--from", specFile.toString(), "--no-input");
        assertThat(init.exitCode()).as("monstack init:%n%s%s", init.out(), init.err()).isZero();
        return dir;
    }

    /** The stack's Prometheus on 127.0.0.1:port, and on host:9090, the address its own job (localhost:9090) reaches. */
    static void startPrometheus(String name, Path stack, int port, String host) throws IOException {
        Path config = stack.resolve("prometheus/prometheus.yml");
        PromTools.assertConfigValid(3, config);
        processes.start(name, null, PrivateHosts.wrap(work, Map.of("localhost", host, "host.docker.internal", host,
                        "alertmanager", host),
                PromTools.prometheus(3).toString(), "--config.file=" + config, "--storage.tsdb.path=" + work.resolve(name + "-tsdb"),
                "--web.listen-address=127.0.0.1:" + port, "--web.listen-address=" + host + ":9090"));
    }

    // ---------------------------------------------------------------- the broken stack

    @Test
    void everyBrokenPartIsFoundWithItsCauseAndFix() {
        String dirOption = "-C " + brokenStack;
        List<Expected> expected = List.of(
                new Expected("the engine job refused", f -> f.subject().startsWith("docker ")
                        && f.cause().contains("the Docker engine does not serve its metrics at host.docker.internal:" + enginePort
                                + " (connection refused)")
                        && f.fix().startsWith("sudo monstack merge-daemon-json " + dirOption + ", then restart the engine")),
                // the stack's own services (node-exporter, an exporter) down: not the user's app
                new Expected("node-exporter not answering", f -> f.subject().startsWith("host ")
                        && f.cause().startsWith("the stack's node-exporter service does not answer at host.docker.internal:"
                                + hostMetricsPort + " (")
                        && f.cause().contains("hostMetrics.listenAddress 0.0.0.0:" + hostMetricsPort)
                        && f.fix().equals("see why: `cd " + brokenStack + " && docker compose ps -a node-exporter && docker compose logs "
                                + "--tail 30 node-exporter`; then `cd " + brokenStack + " && docker compose up -d --build node-exporter`")),
                new Expected("an exporter not answering", f -> f.subject().startsWith("db ")
                        && f.cause().startsWith("the stack's db-exporter service does not answer at db-exporter:9187 (")
                        && f.fix().contains("docker compose logs --tail 30 db-exporter")),
                new Expected("a host with no route to it", f -> f.subject().startsWith("no-route ")
                        && f.cause().startsWith("Prometheus cannot reach " + UNROUTABLE + ":80 (no route to host): a firewall drops it, "
                                + "or the service is on a network Prometheus is not on")),
                new Expected("a closed port", f -> f.subject().startsWith("closed-port ")
                        && f.cause().startsWith("nothing listens on 127.0.0.1:" + closedPort + " (connection refused)")),
                new Expected("a wrong path, and the path discover finds", f -> f.subject().startsWith("wrong-path ")
                        && f.cause().contains("answers 404 Not Found for /node-metrics: the metrics path is wrong")
                        && f.fix().equals("discover finds a node metrics page at http://127.0.0.1:" + nodePort
                                + "/metrics: set metricsPath: /metrics for target wrong-path in monstack.yml, then `cd " + brokenStack
                                + " && monstack generate && docker compose up -d --build`")),
                new Expected("no Content-Type, the fallback turned off", f -> f.subject().startsWith("no-content-type ")
                        && f.cause().contains("blank Content-Type")
                        && f.cause().contains("monstack.yml sets fallbackScrapeProtocol: none for target no-content-type")
                        && f.fix().startsWith("remove fallbackScrapeProtocol: none from target no-content-type")),
                new Expected("a runtime that does not match the page", f -> f.subject().equals("wrong-runtime")
                        && f.cause().contains("its page lacks the metrics its dashboards need (")
                        && f.cause().contains("jvm_memory_used_bytes")
                        && f.cause().contains("it looks like python (python_info), not spring-boot")
                        && f.fix().startsWith("set runtime: python for target wrong-runtime in monstack.yml")),
                new Expected("the panels of the mismatched runtime", f -> f.area().equals("panels")
                        && f.subject().startsWith("dashboard \"wrong-runtime (") && f.subject().contains("\"JVM memory\"")
                        && f.cause().startsWith("no data: job wrong-runtime has no jvm_memory_committed_bytes")),
                new Expected("a name that does not resolve, and the lines that join the network",
                        f -> f.subject().startsWith("unresolvable ")
                                && f.cause().startsWith("the name no-such-service.invalid does not resolve from Prometheus: the "
                                        + "service is not on the stack's network check-broken-monitoring, or the name is wrong")
                                && f.snippet().equals(List.of("networks:", "  default:", "    name: check-broken-monitoring",
                                        "    external: true"))),
                new Expected("a DNS name with no replicas", f -> f.subject().equals("no-replicas")
                        && f.cause().startsWith("the DNS name no-such-replicas.invalid resolves to nothing from Prometheus")
                        && f.snippet().contains("    name: check-broken-monitoring")),
                new Expected("a page slower than its timeout, with how long it took", f -> f.subject().startsWith("slow ")
                        && f.cause().matches(".*time out: the scrape timeout is 1 s and the page took [3-9]\\.\\d s when monstack "
                                + "check fetched it")
                        && f.fix().matches("make the page faster, or set scrapeTimeout: \\d+s for target slow in monstack.yml with "
                                + "a scrapeInterval of at least \\d+s, .*")),
                new Expected("the dashboard of a job that is down", f -> f.area().equals("panels")
                        && f.subject().startsWith("dashboard \"closed-port (") && f.cause().startsWith("no data: job closed-port "
                                + "has no data: its targets are down")),
                new Expected("a firing alert", f -> f.area().equals("rules") && f.severity().equals("problem")
                        && f.subject().startsWith("alert TargetDown (") && f.subject().contains("closed-port")
                        && f.cause().startsWith("firing since ") && f.cause().contains(" target ") && f.cause().contains(" is down")),
                // an app counter with a severity label of its own: the generated alert keeps it as exported_severity
                // (else the alert's severity would overwrite it and the rule's evaluation fail), so it fires
                new Expected("the generated alert on a counter with its own severity label", f -> f.area().equals("rules")
                        && f.severity().equals("problem") && f.subject().startsWith("alert LogMessagesTotalRateHigh (")
                        && f.cause().startsWith("firing since ")),
                // rules whose evaluation fails on the live series: the user's rules matching on ()
                new Expected("the user's rule matching many to many", f -> f.area().equals("rules")
                        && f.subject().equals("rule MostTargetsDown (group my-alerts)")
                        && f.cause().startsWith("its evaluation fails: a binary operator matches on no labels (on ()), and the "
                                + "right side has several series for one match ({job=\"")
                        && f.cause().endsWith("(Prometheus: found duplicate series for the match group {} on the right hand-side "
                                + "of the operation;many-to-many matching not allowed: matching labels must be unique on one side)")
                        && f.fix().equals("in " + brokenStack + "/" + USER_RULES_FILE + ", match on labels that tell those series "
                                + "apart (e.g. on (job)) or aggregate one side (e.g. sum(...)), so that each match has one series on "
                                + "one side; then `cd " + brokenStack + " && docker compose up -d --build`")),
                new Expected("the user's rule matching many to one without group_left", f -> f.area().equals("rules")
                        && f.subject().equals("rule DownShare (group my-alerts)")
                        && f.cause().startsWith("its evaluation fails: a binary operator finds several series on one side for one "
                                + "on the other")
                        && f.cause().endsWith("(Prometheus: multiple matches for labels: many-to-one matching must be explicit "
                                + "(group_left/group_right))")
                        && f.fix().equals("in " + brokenStack + "/" + USER_RULES_FILE + ", add group_left after the operator's "
                                + "on (...) or ignoring (...) when its left side has the several series, group_right when the right "
                                + "side has, or match on more labels; then `cd " + brokenStack + " && docker compose up -d --build`")),
                new Expected("no Grafana", f -> f.area().equals("grafana")
                        && f.cause().startsWith("Grafana at http://127.0.0.1:" + closedPort + " does not answer")));

        String[] args = {"check", brokenStack.toString(), "--grafana-url", "http://127.0.0.1:" + closedPort, "--json"};
        long end = System.nanoTime() + FINDINGS_DEADLINE.toNanos();
        Cli.Run run;
        List<String> missing;
        do {
            processes.requireAlive("while monstack check ran");
            run = Cli.run(args);
            missing = missing(expected, findings(run));
            if (missing.isEmpty()) {
                break;
            }
            Waits.sleep(1000);
        } while (System.nanoTime() < end);
        assertThat(missing).as("findings not (yet) reported within %s s by monstack check --json:%n%s%s%n%s",
                FINDINGS_DEADLINE.toSeconds(), run.out(), run.err(), processes.logTails()).isEmpty();
        assertThat(run.exitCode()).as("exit code with problems").isEqualTo(ExitCodes.PROBLEMS);
        JsonNode report = json(run);
        assertThat(report.path("healthy").asBoolean(true)).isFalse();
        assertThat(report.path("prometheus").path("version").asText()).startsWith("3.");
        assertThat(report.path("rules").path("groups").asInt()).as("rule groups loaded").isPositive();
        assertThat(report.path("rules").path("failing").asInt()).as("rules whose evaluation fails").isEqualTo(2);

        // The prometheus job itself and the wrong runtime's scrape are up; everything else is counted as it is.
        Map<String, JsonNode> jobs = new java.util.TreeMap<>();
        report.path("jobs").forEach(j -> jobs.put(j.path("job").asText(), j));
        assertThat(jobs.keySet()).containsExactlyInAnyOrder("prometheus", "docker", "closed-port", "wrong-path", "no-content-type",
                "wrong-runtime", "unresolvable", "no-replicas", "slow", "no-route", "host", "db", "levels");
        assertThat(jobs.get("prometheus").path("healthy").asBoolean()).isTrue();
        assertThat(jobs.get("wrong-runtime").path("up").asInt()).isEqualTo(1);
        assertThat(jobs.get("no-replicas").path("active").asInt()).isZero();
        assertThat(jobs.get("closed-port").path("up").asInt()).isZero();

        // The same findings as text, one line per problem with its fix.
        Cli.Run text = Cli.run("check", brokenStack.toString(), "--grafana-url", "http://127.0.0.1:" + closedPort);
        PROGRESS.log("monstack check on the broken stack:\n" + text.out());
        assertThat(text.exitCode()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(text.out()).contains("  FAIL  closed-port", "  ok    prometheus", "    fix: sudo monstack merge-daemon-json " + dirOption)
                .containsPattern("not healthy: \\d+ problems");
    }

    /** A finding as the JSON gives it. */
    record Found(String area, String severity, String subject, String cause, String fix, List<String> snippet) {
    }

    /** A diagnosis the test requires, by what it is and what its finding must say. */
    record Expected(String what, Predicate<Found> matches) {
    }

    static List<String> missing(List<Expected> expected, List<Found> found) {
        List<String> missing = new ArrayList<>();
        for (Expected e : expected) {
            if (found.stream().noneMatch(e.matches())) {
                missing.add(e.what());
            }
        }
        return missing;
    }

    static List<Found> findings(Cli.Run run) {
        List<Found> out = new ArrayList<>();
        JsonNode report = json(run);
        for (JsonNode f : report.path("findings")) {
            List<String> snippet = new ArrayList<>();
            f.path("snippet").forEach(l -> snippet.add(l.asText()));
            out.add(new Found(f.path("area").asText(), f.path("severity").asText(), f.path("subject").asText(),
                    f.path("cause").asText(), f.path("fix").asText(""), snippet));
        }
        return out;
    }

    static JsonNode json(Cli.Run run) {
        try {
            return Rendered.JSON.readTree(run.out());
        } catch (IOException e) {
            throw new AssertionError("monstack check --json printed no JSON (exit " + run.exitCode() + "):\n" + run.out() + run.err(), e);
        }
    }

    // ---------------------------------------------------------------- a healthy stack

    @Test
    void aHealthyStackChecksCleanAndWaitGivesItsTimeToFirstData() throws Exception {
        Path stack = init("healthy", """
                name: check-healthy
                prometheus: {image: "prom/prometheus:v3.5.0", scrapeInterval: 2s, port: %d}
                dockerEngine: {enabled: false}
                publishAddress: 127.0.0.1
                targets:
                  - name: access-log
                    runtime: node
                    static: ["127.0.0.1:%d"]
                    metrics:
                      - {name: access_log_total, type: counter}
                      - {name: access_client_ip_current, type: gauge}
                      - {name: access_request_duration_seconds, type: histogram}
                  - name: jobs
                    runtime: python
                    static: ["127.0.0.1:%d"]
                    metrics:
                      - {name: jobs_completed_total, type: counter}
                      - {name: job_duration_seconds, type: histogram}
                  - {name: gallery, runtime: go, static: ["127.0.0.1:%d"]}
                alerting: {enabled: true}
                """.formatted(healthyPrometheusPort, nodePort, pythonPort, goPort));
        // Started here, so that the wait below sees the stack come up.
        startPrometheus("prometheus-healthy", stack, healthyPrometheusPort, HEALTHY_HOST);

        Cli.Run waited = Cli.run("check", stack.toString(), "--no-grafana", "--wait", "60s", "--json");
        assertThat(waited.exitCode()).as("monstack check --wait 60s on a healthy stack:%n%s%s%n%s", waited.out(), waited.err(),
                processes.logTails()).isEqualTo(ExitCodes.OK);
        JsonNode report = json(waited);
        assertThat(report.path("healthy").asBoolean()).isTrue();
        assertThat(findings(waited)).filteredOn(f -> f.severity().equals("problem")).isEmpty();
        assertThat(report.path("jobs")).hasSize(4).allMatch(j -> j.path("healthy").asBoolean() && j.path("up").asInt() == 1);
        assertThat(report.path("dashboards")).hasSize(4).allMatch(d -> d.path("withData").asInt() == d.path("panels").asInt());
        assertThat(report.path("rules").path("failing").asInt()).isZero();
        assertThat(report.path("rules").path("firing").asInt()).isZero();
        double ttfd = report.path("wait").path("timeToFirstDataSeconds").asDouble(-1);
        assertThat(ttfd).as("time to first data (from Prometheus' start), as --wait saw the stack come up").isPositive()
                .isLessThan(60);
        assertThat(waited.err()).as("--wait tells what it waits for").contains("waiting");
        PROGRESS.log("healthy stack (2 s scrape interval): time to first data " + ttfd + " s after Prometheus started");

        Cli.Run again = Cli.run("check", stack.toString(), "--no-grafana");
        assertThat(again.exitCode()).as(again.out()).isEqualTo(ExitCodes.OK);
        assertThat(again.out()).contains("  ok    access-log", "  ok    jobs", "  ok    gallery", "healthy: every target up, every panel with data")
                .doesNotContain("FAIL", "problem");

        // A target added to the stack's files, but the running Prometheus was not rebuilt: its config is older.
        Cli.Run add = Cli.run("add-target", "late", "-C", stack.toString(), "--runtime", "go", "--static", "127.0.0.1:" + goPort);
        assertThat(add.exitCode()).as(add.err()).isZero();
        Cli.Run stale = Cli.run("check", stack.toString(), "--no-grafana", "--json");
        assertThat(stale.exitCode()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(findings(stale)).filteredOn(f -> f.severity().equals("problem") && f.area().equals("panels")).singleElement()
                .satisfies(f -> assertThat(f.cause()).isEqualTo("no data: job late has no data: no target of it has been scraped yet "
                        + "(see the targets)"));
        assertThat(findings(stale)).filteredOn(f -> f.severity().equals("problem") && f.area().equals("targets")).singleElement()
                .satisfies(f -> {
            assertThat(f.subject()).isEqualTo("late");
            assertThat(f.cause()).isEqualTo("the running Prometheus has no job late: it runs an older configuration than the "
                    + "stack's files");
            assertThat(f.fix()).isEqualTo("`cd " + stack + " && docker compose up -d --build`");
        });
    }
}
