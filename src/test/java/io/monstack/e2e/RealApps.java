package io.monstack.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.monstack.support.Net;
import io.monstack.support.Processes;
import io.monstack.support.PromTools;
import io.monstack.support.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The real exporters and client libraries the end-to-end test scrapes, on 127.0.0.1: an old and a
 * current client per runtime where the registries have both (Debian's Go binaries of two ages,
 * Spring Boot 2.1 and 3.5 from Maven Central, prom-client 11 and 15 from npm), one Python client
 * (Debian has one), and the two Prometheus servers of the test themselves (client_golang old and new).
 */
final class RealApps {
    static final Path APPS = Path.of("e2e", "apps").toAbsolutePath();

    /**
     * One scrape target: its job name, runtime preset, metrics path, which client it runs, whether
     * that is the current client of the runtime (an old one may lack what "Optional:" rows need),
     * and its own metrics as the spec lists them (NAME:TYPE:HELP).
     */
    record App(String job, String runtime, String path, String client, boolean current, List<String> metrics) {
    }

    static final List<String> PROMETHEUS_METRICS = List.of("prometheus_http_requests_total:counter:HTTP requests to Prometheus",
            "prometheus_tsdb_head_series:gauge:Series in the head block",
            "prometheus_http_request_duration_seconds:histogram:HTTP latency",
            // a summary that gets an observation every scrape, so its rate() is never 0/0
            "prometheus_target_interval_length_seconds:summary:Scrape intervals");
    static final List<String> NODE_EXPORTER_METRICS = List.of("node_cpu_seconds_total:counter:CPU seconds by mode",
            "node_load1:gauge:1m load average", "node_memory_MemAvailable_bytes:gauge:Memory available");
    static final List<String> SPRING_METRICS = List.of("orders_processed_total:counter:Number of orders processed",
            "orders_queue_depth:gauge:", "orders_latency_seconds:histogram:Order processing latency");
    static final List<String> NODE_METRICS = List.of("access_log_total:counter:Number of access log lines processed",
            "access_client_ip_current:gauge:Distinct client IPs", "access_request_duration_seconds:histogram:Request duration");
    static final List<String> PYTHON_METRICS = List.of("jobs_completed_total:counter:Number of jobs completed",
            "jobs_in_progress:gauge:Jobs in progress", "job_duration_seconds:histogram:Job duration");

    static final App PROMETHEUS_3 = new App("go-prometheus-3", "go", "/metrics", "Prometheus 3.x (Debian sid)", true, PROMETHEUS_METRICS);
    static final App PROMETHEUS_2 = new App("go-prometheus-2", "go", "/metrics", "Prometheus 2.42 (Debian bookworm)", false,
            PROMETHEUS_METRICS);
    static final App NODE_EXPORTER_OLD = new App("node-exporter-old", "node-exporter", "/metrics",
            "node-exporter " + PromTools.NODE_EXPORTER_OLD + "x (Debian bookworm)", false, NODE_EXPORTER_METRICS);
    static final App NODE_EXPORTER_NEW = new App("node-exporter-new", "node-exporter", "/metrics",
            "node-exporter " + PromTools.NODE_EXPORTER_NEW + " (Debian trixie)", true, NODE_EXPORTER_METRICS);
    static final App SPRING_BOOT_3 = new App("spring-boot3", "spring-boot", "/actuator/prometheus",
            "Spring Boot 3.5.7 (Micrometer 1.15)", true, SPRING_METRICS);
    static final App SPRING_BOOT_2 = new App("spring-boot2", "spring-boot", "/actuator/prometheus",
            "Spring Boot 2.1.18 (Micrometer 1.1.19)", false, SPRING_METRICS);
    static final App PROM_CLIENT_15 = new App("node-prom-client15", "node", "/metrics", "prom-client 15.1.3", true, NODE_METRICS);
    /** Like the book's access-log app: restify, prom-client 11, no Content-Type. */
    static final App PROM_CLIENT_11 = new App("node-prom-client11", "node", "/metrics", "prom-client 11.5.3 + restify, no Content-Type",
            false, NODE_METRICS);
    static final App PYTHON = new App("python", "python", "/metrics", "prometheus_client 0.16 (Debian)", true, PYTHON_METRICS);

    static final List<App> ALL = List.of(PROMETHEUS_3, PROMETHEUS_2, NODE_EXPORTER_OLD, NODE_EXPORTER_NEW, SPRING_BOOT_3, SPRING_BOOT_2,
            PROM_CLIENT_15, PROM_CLIENT_11, PYTHON);

    private final Map<App, Integer> ports = new LinkedHashMap<>();

    RealApps() throws IOException {
        int[] free = Net.freePorts(ALL.size());
        for (int i = 0; i < ALL.size(); i++) {
            ports.put(ALL.get(i), free[i]);
        }
    }

    int port(App app) {
        return ports.get(app);
    }

    String url(App app) {
        return "http://127.0.0.1:" + port(app) + app.path();
    }

    static App byJob(String job) {
        return ALL.stream().filter(a -> a.job().equals(job)).findFirst()
                .orElseThrow(() -> new AssertionError("no app for job " + job));
    }

    /** The targets: part of monstack.yml, every app scraped at 127.0.0.1:PORT. */
    String targetsYaml() {
        StringBuilder y = new StringBuilder("targets:\n");
        for (App app : ALL) {
            y.append("  - name: ").append(app.job()).append('\n')
                    .append("    runtime: ").append(app.runtime()).append('\n')
                    .append("    metricsPath: ").append(app.path()).append('\n')
                    .append("    static: [\"127.0.0.1:").append(port(app)).append("\"]\n")
                    .append("    metrics:\n");
            for (String m : app.metrics()) {
                String[] p = m.split(":", 3);
                y.append("      - {name: ").append(p[0]).append(", type: ").append(p[1]).append(", help: \"").append(p[2]).append("\"}\n");
            }
        }
        return y.toString();
    }

    /** The apps' own metrics, "name:type", as discover should find them on the page of app. */
    static List<String> customMetrics(App app) {
        return app.metrics().stream().map(m -> m.substring(0, m.lastIndexOf(':'))).collect(Collectors.toList());
    }

    /** Builds (in parallel, when not built yet) and starts every app but the Prometheus servers. */
    void startAll(Processes processes) throws Exception {
        Path nodeExporterOld = PromTools.nodeExporter(PromTools.NODE_EXPORTER_OLD);
        Path nodeExporterNew = PromTools.nodeExporter(PromTools.NODE_EXPORTER_NEW);
        Path node = Tools.require("node", "nodejs");
        Path python = requirePythonClient();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        CompletableFuture<Path> boot3 = CompletableFuture.supplyAsync(() -> springJar("spring", "metrics-app.jar"));
        CompletableFuture<Path> boot2 = CompletableFuture.supplyAsync(() -> springJar("spring-boot2", "metrics-app-boot2.jar"));
        CompletableFuture<Void> npm = CompletableFuture.runAsync(() -> {
            nodeModules("node");
            nodeModules("node-book");
        });

        start(processes, NODE_EXPORTER_OLD, null, nodeExporterOld.toString(), "--web.listen-address=127.0.0.1:" + port(NODE_EXPORTER_OLD));
        start(processes, NODE_EXPORTER_NEW, null, nodeExporterNew.toString(), "--web.listen-address=127.0.0.1:" + port(NODE_EXPORTER_NEW));
        start(processes, PYTHON, APPS.resolve("python"), python.toString(), "app.py", String.valueOf(port(PYTHON)));
        npm.get(300, TimeUnit.SECONDS);
        start(processes, PROM_CLIENT_15, APPS.resolve("node"), node.toString(), "app.js", String.valueOf(port(PROM_CLIENT_15)));
        start(processes, PROM_CLIENT_11, APPS.resolve("node-book"), node.toString(), "app.js", String.valueOf(port(PROM_CLIENT_11)));
        for (Map.Entry<App, CompletableFuture<Path>> spring : Map.of(SPRING_BOOT_3, boot3, SPRING_BOOT_2, boot2).entrySet()) {
            App app = spring.getKey();
            Path jar = spring.getValue().get(420, TimeUnit.SECONDS);
            start(processes, app, jar.getParent(), java.toString(), "-XX:TieredStopAtLevel=1", "-Xss512k", "-jar", jar.toString(),
                    "--server.port=" + port(app), "--server.address=127.0.0.1", "--management.metrics.tags.application=" + app.job());
        }
    }

    private static void start(Processes processes, App app, Path dir, String... command) throws IOException {
        processes.start(app.job(), dir, command);
    }

    /** Debian's /usr/bin/python3 with python3-prometheus-client (a pyenv python3 on PATH would lack it). */
    static Path requirePythonClient() {
        Path python = Path.of("/usr/bin/python3");
        if (!Files.isExecutable(python)) {
            throw new AssertionError("/usr/bin/python3 is not installed; the tests need it: apt-get install -y python3 "
                    + "python3-prometheus-client (.ci/run does this)");
        }
        Tools.Result r = Tools.run(null, 30, python.toString(), "-c", "import prometheus_client");
        if (r.exitCode() != 0) {
            throw new AssertionError("python3-prometheus-client is not installed; the tests need it: "
                    + "apt-get install -y python3-prometheus-client (.ci/run does this)\n" + r.output());
        }
        return python;
    }

    /** e2e/apps/DIR/target/JAR, built (bounded) when missing. */
    static Path springJar(String dirName, String jarName) {
        Path dir = APPS.resolve(dirName);
        Path jar = dir.resolve("target").resolve(jarName);
        if (!Files.isRegularFile(jar)) {
            Path mvn = Tools.require("mvn", "maven");
            Tools.Result r = Tools.run(dir, 400, mvn.toString(), "-q", "-B", "package", "-DskipTests");
            assertThat(r.exitCode()).as("building the Spring test app in %s:%n%s", dir, r.output()).isZero();
            assertThat(jar).as("the Spring build must produce %s", jar).isRegularFile();
        }
        return jar;
    }

    /** npm ci in e2e/apps/DIR when node_modules is missing; no install scripts (none is needed, and none may fetch). */
    static void nodeModules(String dirName) {
        Path dir = APPS.resolve(dirName);
        if (!Files.isDirectory(dir.resolve("node_modules/prom-client"))) {
            Path npm = Tools.require("npm", "npm");
            Tools.Result r = Tools.run(dir, 240, npm.toString(), "ci", "--no-audit", "--no-fund", "--ignore-scripts", "--omit=optional");
            assertThat(r.exitCode()).as("npm ci in %s:%n%s", dir, r.output()).isZero();
        }
    }

    /** Every job, for waits that need them all. */
    static List<String> jobs() {
        List<String> jobs = new ArrayList<>();
        ALL.forEach(a -> jobs.add(a.job()));
        return jobs;
    }
}
