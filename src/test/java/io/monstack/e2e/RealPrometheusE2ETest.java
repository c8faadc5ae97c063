package io.monstack.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.monstack.discover.Discovery;
import io.monstack.discover.MetricsDiscovery;
import io.monstack.generate.GeneratedFile;
import io.monstack.generate.StackGenerator;
import io.monstack.spec.CustomMetric;
import io.monstack.spec.DockerEngine;
import io.monstack.spec.GrafanaSettings;
import io.monstack.spec.ImageSettings;
import io.monstack.spec.MetricType;
import io.monstack.spec.PathLocator;
import io.monstack.spec.PrometheusSettings;
import io.monstack.spec.SpecValidator;
import io.monstack.spec.StackSpec;
import io.monstack.spec.Target;
import io.monstack.support.Net;
import io.monstack.support.Processes;
import io.monstack.support.PromQueries;
import io.monstack.support.PromTools;
import io.monstack.support.PrometheusMajors;
import io.monstack.support.Samples;
import io.monstack.support.Tools;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * End to end, with nothing faked: real exporters and client libraries (node-exporter, Spring Boot +
 * Micrometer, Node prom-client, Python prometheus_client, Prometheus itself) on 127.0.0.1, scraped
 * by a real Prometheus running the prometheus.yml monstack generates; then every query of every
 * generated dashboard runs against it and must return data. Also checks `discover` on the live pages.
 * A missing tool fails the test with the package to install; it never skips.
 */
@Tag("e2e")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealPrometheusE2ETest {
    static final Path APPS = Path.of("e2e", "apps").toAbsolutePath();
    static final Duration UP_DEADLINE = Duration.ofSeconds(90);
    /** Each of our jobs needs this many scrapes in the last 30 s before rate() windows are trusted. */
    static final int SAMPLES_FOR_RATE = 4;
    static final String RATE_INTERVAL = "30s";
    static final String DATASOURCE_UID = "monstack-prometheus";
    static final ObjectMapper JSON = new ObjectMapper();

    static Path work;
    static Processes processes;
    static int promPort;
    static int nodeExporterPort;
    static int springPort;
    static int nodePort;
    static int pythonPort;
    static StackSpec spec;
    static List<GeneratedFile> files;
    static long startedAt;

    @BeforeAll
    static void startEverything() throws Exception {
        startedAt = System.nanoTime();
        Thread hook = new Thread(RealPrometheusE2ETest::stopAll, "e2e-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        Path prometheus = Tools.require("prometheus", "prometheus");
        Path nodeExporter = Tools.require("prometheus-node-exporter", "prometheus-node-exporter");
        Path node = Tools.require("node", "nodejs");
        Path python = requirePythonClient();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");

        work = Files.createTempDirectory("monstack-e2e-");
        processes = new Processes(work, Duration.ofSeconds(10));
        int[] ports = Net.freePorts(5);
        promPort = ports[0];
        nodeExporterPort = ports[1];
        springPort = ports[2];
        nodePort = ports[3];
        pythonPort = ports[4];

        // Builds that may be needed run in parallel with the processes that need none.
        CompletableFuture<Path> springJar = CompletableFuture.supplyAsync(RealPrometheusE2ETest::springJar);
        CompletableFuture<Void> nodeModules = CompletableFuture.runAsync(RealPrometheusE2ETest::nodeModules);

        spec = spec();
        SpecValidator.requireValid(spec, PathLocator.NONE);
        files = new StackGenerator().generate(spec);
        for (GeneratedFile f : files) {
            Path out = work.resolve("stack").resolve(f.path());
            Files.createDirectories(out.getParent());
            Files.writeString(out, f.content(), StandardCharsets.UTF_8);
        }
        Path config = work.resolve("stack/prometheus/prometheus.yml");
        PromTools.assertConfigValid(PrometheusMajors.of(spec), config);

        processes.start("node-exporter", null, nodeExporter.toString(), "--web.listen-address=127.0.0.1:" + nodeExporterPort);
        processes.start("python", APPS.resolve("python"), python.toString(), "app.py", String.valueOf(pythonPort));
        processes.start("prometheus", work, prometheus.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + work.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + promPort);
        nodeModules.get(240, TimeUnit.SECONDS);
        processes.start("node", APPS.resolve("node"), node.toString(), "app.js", String.valueOf(nodePort));
        Path jar = springJar.get(360, TimeUnit.SECONDS);
        processes.start("spring", APPS.resolve("spring"), java.toString(), "-XX:TieredStopAtLevel=1", "-Xss512k",
                "-jar", jar.toString(), "--server.port=" + springPort, "--server.address=127.0.0.1");

        waitForTargetsUp();
        waitForRateWindows();
    }

    @AfterAll
    static void stopAll() {
        if (processes != null) {
            processes.stopAll();
        }
        if (work != null && System.getenv("MONSTACK_KEEP_E2E") == null) {
            try (Stream<Path> walk = Files.walk(work)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | UncheckedIOException e) {
                // best effort: a temp folder
            }
            work = null;
        }
    }

    static StackSpec spec() {
        List<Target> targets = List.of(
                target("go-prometheus", "go", "/metrics", promPort,
                        new CustomMetric("prometheus_http_requests_total", MetricType.COUNTER, "HTTP requests to Prometheus"),
                        new CustomMetric("prometheus_tsdb_head_series", MetricType.GAUGE, "Series in the head block"),
                        new CustomMetric("prometheus_http_request_duration_seconds", MetricType.HISTOGRAM, "HTTP latency"),
                        // a summary that gets an observation every scrape, so its rate() is never 0/0
                        new CustomMetric("prometheus_target_interval_length_seconds", MetricType.SUMMARY, "Scrape intervals")),
                target("go-node-exporter", "node-exporter", "/metrics", nodeExporterPort,
                        new CustomMetric("node_cpu_seconds_total", MetricType.COUNTER, "CPU seconds by mode"),
                        new CustomMetric("node_load1", MetricType.GAUGE, "1m load average"),
                        new CustomMetric("node_memory_MemAvailable_bytes", MetricType.GAUGE, "Memory available")),
                target("spring", "spring-boot", "/actuator/prometheus", springPort,
                        new CustomMetric("orders_processed_total", MetricType.COUNTER, "Number of orders processed"),
                        new CustomMetric("orders_queue_depth", MetricType.GAUGE, ""),
                        new CustomMetric("orders_latency_seconds", MetricType.HISTOGRAM, "Order processing latency")),
                target("node", "node", "/metrics", nodePort,
                        new CustomMetric("access_log_total", MetricType.COUNTER, "Number of access log lines processed"),
                        new CustomMetric("access_client_ip_current", MetricType.GAUGE, "Distinct client IPs"),
                        new CustomMetric("access_request_duration_seconds", MetricType.HISTOGRAM, "Request duration")),
                target("python", "python", "/metrics", pythonPort,
                        new CustomMetric("jobs_completed_total", MetricType.COUNTER, "Number of jobs completed"),
                        new CustomMetric("jobs_in_progress", MetricType.GAUGE, "Jobs in progress"),
                        new CustomMetric("job_duration_seconds", MetricType.HISTOGRAM, "Job duration")));
        return new StackSpec("e2e", new PrometheusSettings("prom/prometheus:v2.53.0", "2s", null, "1d", 9090),
                GrafanaSettings.defaults(), DockerEngine.disabled(), ImageSettings.defaults(), StackSpec.LOCAL_ONLY, targets);
    }

    static Target target(String name, String runtime, String path, int port, CustomMetric... metrics) {
        return new Target(name, runtime, path, List.of("127.0.0.1:" + port), null, null, null, null, new TreeMap<>(),
                List.of(metrics));
    }

    // ---------------------------------------------------------------- tests

    @Test
    @Order(1)
    void everyDashboardQueryReturnsDataFromRealPrometheus() throws Exception {
        // the checker itself must catch what a broken panel looks like
        assertThat(checkQuery("monstack_no_such_metric{job=\"node\"}")).isEqualTo("no series");
        assertThat(checkQuery("0/0")).startsWith("only NaN");
        assertThat(checkQuery("rate(up[")).startsWith("bad_data");
        assertThat(checkQuery(substitute("sum by (instance) (rate(access_log_total{job=\"node\",instance=~\"$instance\"}[$__rate_interval]))")))
                .isNull();

        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (GeneratedFile f : dashboards()) {
            JsonNode dash = JSON.readTree(f.content());
            String title = dash.path("title").asText();
            for (JsonNode v : dash.path("templating").path("list")) {
                String q = v.path("query").asText();
                failures.addAll(checkVariable(f.path(), v.path("name").asText(), q));
                checked++;
            }
            for (JsonNode panel : panels(dash)) {
                for (JsonNode t : panel.path("targets")) {
                    String expr = t.path("expr").asText();
                    String where = f.path() + " (" + title + ") / panel \"" + panel.path("title").asText() + "\" "
                            + t.path("refId").asText() + ": " + expr;
                    String problem = checkQuery(substitute(expr));
                    if (problem != null) {
                        failures.add(where + "\n      -> " + problem);
                    }
                    checked++;
                }
            }
        }
        assertThat(checked).as("queries checked").isGreaterThan(80);
        assertThat(failures).as("%d of %d dashboard queries returned no data from a real Prometheus %s:%n  %s",
                failures.size(), checked, promVersion(), String.join("\n  ", failures)).isEmpty();
    }

    @Test
    @Order(2)
    void dashboardsValidateAndUseTheProvisionedDatasource() throws Exception {
        JsonSchema schema;
        try (InputStream in = Files.newInputStream(Samples.schema("grafana-dashboard.jsonschema.json"))) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }
        List<GeneratedFile> dashboards = dashboards();
        assertThat(dashboards).extracting(GeneratedFile::path).containsExactlyInAnyOrder(
                "grafana/dashboards/overview.json", "grafana/dashboards/service-go-prometheus.json",
                "grafana/dashboards/service-go-node-exporter.json", "grafana/dashboards/service-spring.json",
                "grafana/dashboards/service-node.json", "grafana/dashboards/service-python.json");
        List<String> problems = new ArrayList<>();
        for (GeneratedFile f : dashboards) {
            JsonNode dash = JSON.readTree(f.content());
            Set<ValidationMessage> errors = schema.validate(dash);
            errors.forEach(e -> problems.add(f.path() + ": schema: " + e.getMessage()));
            if (f.content().contains("${DS_")) {
                problems.add(f.path() + ": contains a ${DS_...} input");
            }
            if (!dash.path("id").isNull()) {
                problems.add(f.path() + ": \"id\" must be null");
            }
            for (JsonNode v : dash.path("templating").path("list")) {
                checkDatasource(problems, f.path() + " variable " + v.path("name").asText(), v.path("datasource"));
            }
            for (JsonNode panel : panels(dash)) {
                String where = f.path() + " panel \"" + panel.path("title").asText() + "\"";
                String type = panel.path("type").asText();
                if (type.equals("graph") || type.equals("singlestat")) {
                    problems.add(where + ": removed Angular panel type " + type);
                }
                if (type.equals("row")) {
                    continue;
                }
                checkDatasource(problems, where, panel.path("datasource"));
                if (panel.path("targets").isEmpty()) {
                    problems.add(where + ": no queries");
                }
                for (JsonNode t : panel.path("targets")) {
                    checkDatasource(problems, where + " target " + t.path("refId").asText(), t.path("datasource"));
                }
            }
        }
        assertThat(problems).as(String.join("\n", problems)).isEmpty();
    }

    @Test
    @Order(3)
    void discoverFindsRuntimeAndCustomMetricsOnTheLivePages() {
        MetricsDiscovery discovery = new MetricsDiscovery();
        record Expect(String url, String runtime, List<String> metrics) {
        }
        List<Expect> expected = List.of(
                new Expect("http://127.0.0.1:" + springPort + "/actuator/prometheus", "spring-boot",
                        List.of("orders_processed_total:counter", "orders_queue_depth:gauge", "orders_latency_seconds:histogram")),
                new Expect("http://127.0.0.1:" + nodePort + "/metrics", "node",
                        List.of("access_log_total:counter", "access_client_ip_current:gauge",
                                "access_request_duration_seconds:histogram")),
                new Expect("http://127.0.0.1:" + pythonPort + "/metrics", "python",
                        List.of("jobs_completed_total:counter", "jobs_in_progress:gauge", "job_duration_seconds:histogram")),
                new Expect("http://127.0.0.1:" + nodeExporterPort + "/metrics", "node-exporter", List.of()),
                new Expect("http://127.0.0.1:" + promPort + "/metrics", "go", List.of()));
        for (Expect e : expected) {
            Discovery d = discovery.discover(e.url());
            assertThat(d.runtime()).as("runtime of %s (%s)", e.url(), d.runtimeEvidence()).isEqualTo(e.runtime());
            // asked like Prometheus asks: Spring and Python answer OpenMetrics, the others the 0.0.4 text format
            assertThat(d.contentType()).as("Content-Type of %s", e.url())
                    .matches("(text/plain|application/openmetrics-text); ?version=.*");
            assertThat(d.suggestedFallbackScrapeProtocol()).isNull();
            List<String> found = d.customMetrics().stream().map(m -> m.name() + ":" + m.type().id()).toList();
            assertThat(found).as("custom metrics of %s", e.url()).containsExactlyInAnyOrderElementsOf(e.metrics());
            // what discover would add is what the hand-written spec scrapes
            Target t = d.toTarget("x", 2);
            Target mine = spec.targets().stream().filter(s -> s.staticTargets().equals(t.staticTargets())).findFirst().orElseThrow();
            assertThat(t.metricsPath()).isEqualTo(mine.metricsPath());
        }
    }

    // ---------------------------------------------------------------- queries

    static List<GeneratedFile> dashboards() {
        return files.stream().filter(f -> f.path().startsWith("grafana/dashboards/") && f.path().endsWith(".json")).toList();
    }

    /** Every panel, including panels nested in collapsed rows. */
    static List<JsonNode> panels(JsonNode dash) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode p : dash.path("panels")) {
            out.add(p);
            p.path("panels").forEach(out::add);
        }
        return out;
    }

    static void checkDatasource(List<String> problems, String where, JsonNode ds) {
        if (!ds.isObject() || !"prometheus".equals(ds.path("type").asText()) || !DATASOURCE_UID.equals(ds.path("uid").asText())
                || ds.size() != 2) {
            problems.add(where + ": datasource " + ds + " is not {\"type\":\"prometheus\",\"uid\":\"" + DATASOURCE_UID + "\"}");
        }
    }

    /** Grafana's variables as Grafana would expand them with "All" picked and a 2 s scrape interval. */
    static String substitute(String expr) {
        return queries().substitute(expr);
    }

    static PromQueries queries() {
        return new PromQueries("http://127.0.0.1:" + promPort, RATE_INTERVAL);
    }

    static final Pattern LABEL_VALUES = Pattern.compile("^label_values\\((.+),\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\)$");

    /** label_values(SELECTOR, LABEL) is Grafana's; the series API answers the same question. */
    static List<String> checkVariable(String file, String name, String query) throws Exception {
        Matcher m = LABEL_VALUES.matcher(query);
        if (!m.matches()) {
            return List.of(file + " variable " + name + ": unexpected query " + query);
        }
        JsonNode r = get("/api/v1/series?match[]=" + enc(substitute(m.group(1))) + "&start=" + (System.currentTimeMillis() / 1000 - 300));
        if (!"success".equals(r.path("status").asText())) {
            return List.of(file + " variable " + name + ": " + query + " -> " + r);
        }
        for (JsonNode s : r.path("data")) {
            if (s.has(m.group(2))) {
                return List.of();
            }
        }
        return List.of(file + " variable " + name + ": " + query + " -> no series with label " + m.group(2));
    }

    /** Null when the instant query succeeds with at least one series holding a real number; else what went wrong. */
    static String checkQuery(String expr) {
        return queries().check(expr, false);
    }

    static String promVersion() {
        try {
            return get("/api/v1/status/buildinfo").path("data").path("version").asText();
        } catch (Exception e) {
            return "?";
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
        return queries().get(pathAndQuery);
    }

    // ---------------------------------------------------------------- waiting

    static List<String> ourJobs() {
        return spec.targets().stream().map(Target::name).toList();
    }

    static void waitForTargetsUp() throws InterruptedException {
        long deadline = System.nanoTime() + UP_DEADLINE.toNanos();
        Map<String, String> health = new TreeMap<>();
        while (System.nanoTime() < deadline) {
            processes.requireAlive("before its target was up");
            health.clear();
            try {
                JsonNode r = get("/api/v1/targets?state=active");
                for (JsonNode t : r.path("data").path("activeTargets")) {
                    String job = t.path("labels").path("job").asText();
                    health.put(job, t.path("health").asText() + (t.path("lastError").asText().isEmpty() ? ""
                            : " (" + t.path("lastError").asText() + ")"));
                }
            } catch (IOException e) {
                // not listening yet, or half-written JSON right after start
            }
            if (ourJobs().stream().allMatch(j -> health.getOrDefault(j, "").equals("up"))) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("not every target was up within " + UP_DEADLINE.toSeconds() + " s: " + health + "\n" + processes.logTails());
    }

    static void waitForRateWindows() throws InterruptedException {
        String jobs = String.join("|", ourJobs());
        // successful scrapes only (up == 1): a cold JVM's first scrapes may time out, and a
        // series such as http_server_requests appears only after a scrape has completed
        String q = "min(sum_over_time(up{job=~\"" + jobs + "\"}[" + RATE_INTERVAL + "]))";
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        double have = 0;
        while (System.nanoTime() < deadline) {
            try {
                JsonNode result = get("/api/v1/query?query=" + enc(q)).path("data").path("result");
                have = result.isEmpty() ? 0 : result.get(0).path("value").path(1).asDouble();
                if (have >= SAMPLES_FOR_RATE) {
                    return;
                }
            } catch (IOException e) {
                // retry
            }
            Thread.sleep(500);
        }
        throw new AssertionError("fewer than " + SAMPLES_FOR_RATE + " scrapes per job in " + RATE_INTERVAL + " (" + have + ")");
    }

    // ---------------------------------------------------------------- the apps and their tools

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

    /** e2e/apps/spring/target/metrics-app.jar, built (bounded) when missing. */
    static Path springJar() {
        Path dir = APPS.resolve("spring");
        Path jar = dir.resolve("target/metrics-app.jar");
        if (!Files.isRegularFile(jar)) {
            Path mvn = Tools.require("mvn", "maven");
            Tools.Result r = Tools.run(dir, 300, mvn.toString(), "-q", "-B", "package", "-DskipTests");
            assertThat(r.exitCode()).as("building the Spring test app in %s:%n%s", dir, r.output()).isZero();
            assertThat(jar).as("the Spring build must produce %s", jar).isRegularFile();
        }
        return jar;
    }

    /** npm ci in e2e/apps/node when node_modules is missing. */
    static void nodeModules() {
        Path dir = APPS.resolve("node");
        if (!Files.isDirectory(dir.resolve("node_modules/prom-client"))) {
            Path npm = Tools.require("npm", "npm");
            Tools.Result r = Tools.run(dir, 180, npm.toString(), "ci", "--no-audit", "--no-fund");
            assertThat(r.exitCode()).as("npm ci in %s:%n%s", dir, r.output()).isZero();
        }
    }
}
