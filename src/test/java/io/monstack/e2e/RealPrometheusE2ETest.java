package io.monstack.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.monstack.discover.Discovery;
import io.monstack.discover.MetricsDiscovery;
import io.monstack.e2e.RealApps.App;
import io.monstack.generate.GeneratedFile;
import io.monstack.generate.StackGenerator;
import io.monstack.spec.PathLocator;
import io.monstack.spec.PrometheusSettings;
import io.monstack.spec.SpecReader;
import io.monstack.spec.SpecValidator;
import io.monstack.spec.StackSpec;
import io.monstack.spec.Target;
import io.monstack.support.DashboardPanels;
import io.monstack.support.Net;
import io.monstack.support.Processes;
import io.monstack.support.Progress;
import io.monstack.support.PromQueries;
import io.monstack.support.PromTools;
import io.monstack.support.PrometheusMajors;
import io.monstack.support.Rendered;
import io.monstack.support.Samples;
import io.monstack.support.Targets;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * End to end, with nothing faked: real exporters and client libraries, an old and a current one
 * per runtime (RealApps), on 127.0.0.1, scraped by two real Prometheus servers: 3.x (Debian sid's,
 * the major of the default image) running the prometheus.yml monstack generates for a 3.x spec,
 * and 2.42 (Debian bookworm's) running the one it generates for a spec that pins a 2.x image. On
 * each, every query of every generated dashboard must return data; only a panel in an
 * "Optional: <reason>" row may be empty, and only on an old client. Also: the app without a
 * Content-Type is down on 3.x with a job as monstack wrote it before the default fallback, and
 * `discover` reads every live page. A missing tool fails the test with how to get it; it never skips.
 */
@Tag("e2e")
class RealPrometheusE2ETest {
    static final Duration UP_DEADLINE = Duration.ofSeconds(120);
    /** Each of our jobs needs this many scrapes in the last 30 s before rate() windows are trusted. */
    static final int SAMPLES_FOR_RATE = 4;
    static final String RATE_INTERVAL = "30s";
    static final String DATASOURCE_UID = "monstack-prometheus";
    static final Pattern SERVICE_DASHBOARD = Pattern.compile("grafana/dashboards/service-(.+)\\.json");

    /** A Prometheus server of the test, running what monstack generated for a spec that pins its major. */
    record Server(int major, App self, StackSpec spec, List<GeneratedFile> files, PromQueries queries) {
        String base() {
            return "http://127.0.0.1:" + apps.port(self);
        }
    }

    static final Progress PROGRESS = new Progress("real-apps e2e");
    static Path work;
    static Processes processes;
    static RealApps apps;
    static Server v3;
    static Server v2;

    @BeforeAll
    static void startEverything() throws Exception {
        Runtime.getRuntime().addShutdownHook(new Thread(RealPrometheusE2ETest::stopAll, "e2e-cleanup"));
        work = Files.createTempDirectory("monstack-e2e-");
        processes = new Processes(work, Duration.ofSeconds(10));
        apps = new RealApps();
        v3 = startServer(3, RealApps.PROMETHEUS_3);
        v2 = startServer(2, RealApps.PROMETHEUS_2);
        apps.startAll(processes);
        PROGRESS.log("apps started: " + RealApps.ALL.stream().map(a -> a.job() + " = " + a.client()).toList());
        for (Server s : List.of(v3, v2)) {
            Targets.awaitUp(s.base(), RealApps.jobs(), UP_DEADLINE, processes);
            Targets.awaitScrapes(s.queries(), RealApps.jobs(), RATE_INTERVAL, SAMPLES_FOR_RATE);
            PROGRESS.log("Prometheus " + s.queries().version() + " scrapes every app");
        }
    }

    /** Renders the stack for a spec pinning the major, checks its config with that major's promtool, starts that Prometheus. */
    static Server startServer(int major, App self) throws IOException {
        String image = major == 3 ? PrometheusSettings.DEFAULT_IMAGE : PrometheusMajors.V2_IMAGE;
        StackSpec spec = SpecReader.parse("""
                name: e2e
                prometheus: {image: "%s", scrapeInterval: 2s, retention: 1d}
                dockerEngine: {enabled: false}
                publishAddress: 127.0.0.1
                """.formatted(image) + apps.targetsYaml(), "e2e-monstack.yml");
        SpecValidator.requireValid(spec, PathLocator.NONE);
        List<GeneratedFile> files = new StackGenerator().generate(spec);
        Path dir = work.resolve("stack-" + major);
        for (GeneratedFile f : files) {
            Path out = dir.resolve(f.path());
            Files.createDirectories(out.getParent());
            Files.writeString(out, f.content(), StandardCharsets.UTF_8);
        }
        Path config = dir.resolve("prometheus/prometheus.yml");
        PromTools.assertConfigValid(major, config);
        int port = apps.port(self);
        processes.start(self.job(), null, PromTools.prometheus(major).toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port);
        return new Server(major, self, spec, files, new PromQueries("http://127.0.0.1:" + port, RATE_INTERVAL));
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

    static Server server(int major) {
        return major == 3 ? v3 : v2;
    }

    // ---------------------------------------------------------------- tests

    @ParameterizedTest(name = "on Prometheus {0}.x")
    @ValueSource(ints = {3, 2})
    void everyDashboardQueryReturnsDataOnEveryClient(int major) throws Exception {
        Server s = server(major);
        PromQueries q = s.queries();
        // the checker itself must catch what a broken panel looks like
        assertThat(q.check("monstack_no_such_metric{job=\"node-prom-client15\"}", false)).isEqualTo("no series");
        assertThat(q.check("0/0", false)).startsWith("only NaN");
        assertThat(q.check("rate(up[", false)).startsWith("bad_data");
        assertThat(q.check(q.substitute("sum by (instance) (rate(access_log_total{job=\"node-prom-client11\",instance=~\"$instance\"}"
                + "[$__rate_interval]))"), false)).isNull();

        List<String> failures = new ArrayList<>();
        List<String> optionalWithoutData = new ArrayList<>();
        int checked = 0;
        for (GeneratedFile f : dashboards(s)) {
            JsonNode dash = Rendered.JSON.readTree(f.content());
            App app = appOf(f);
            for (JsonNode v : dash.path("templating").path("list")) {
                failures.addAll(checkVariable(q, f.path(), v.path("name").asText(), v.path("query").asText()));
                checked++;
            }
            for (DashboardPanels.Placed placed : DashboardPanels.of(dash)) {
                for (JsonNode t : placed.panel().path("targets")) {
                    String where = f.path() + (app == null ? "" : " (" + app.client() + ")") + " / "
                            + (placed.row() == null ? "" : "row \"" + placed.row() + "\" / ") + "panel \"" + placed.title() + "\" "
                            + t.path("refId").asText() + ": " + t.path("expr").asText();
                    String problem = q.check(q.substitute(t.path("expr").asText()), false);
                    checked++;
                    if (problem == null) {
                        continue;
                    }
                    // an old client may lack what an optional panel needs; the current one must feed it too
                    (placed.optional() && app != null && !app.current() ? optionalWithoutData : failures).add(where + "\n      -> " + problem);
                }
            }
        }
        PROGRESS.log(checked + " queries on Prometheus " + q.version() + "; in Optional rows, empty on an old client: "
                + (optionalWithoutData.isEmpty() ? "none" : "\n  " + String.join("\n  ", optionalWithoutData)));
        assertThat(checked).as("queries checked").isGreaterThan(150);
        assertThat(failures).as("%d of %d dashboard queries returned no data from a real Prometheus %s:%n  %s",
                failures.size(), checked, q.version(), String.join("\n  ", failures)).isEmpty();
    }

    @Test
    void dashboardsValidateAndUseTheProvisionedDatasource() throws Exception {
        JsonSchema schema;
        try (InputStream in = Files.newInputStream(Samples.schema("grafana-dashboard.jsonschema.json"))) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }
        List<String> problems = new ArrayList<>();
        for (Server s : List.of(v3, v2)) {
            Set<String> expected = new TreeSet<>(List.of("grafana/dashboards/overview.json"));
            RealApps.ALL.forEach(a -> expected.add("grafana/dashboards/service-" + a.job() + ".json"));
            assertThat(dashboards(s)).extracting(GeneratedFile::path).containsExactlyInAnyOrderElementsOf(expected);
            for (GeneratedFile f : dashboards(s)) {
                problems.addAll(dashboardProblems(schema, f.path(), Rendered.JSON.readTree(f.content())));
            }
        }
        assertThat(problems).as(String.join("\n", problems)).isEmpty();
    }

    @Test
    void theAppWithoutAContentTypeIsDownOnPrometheus3WithTheOldJobAndUpWithTheGeneratedOne() throws Exception {
        App app = RealApps.PROM_CLIENT_11;
        NoFallbackCheck check = new NoFallbackCheck(v3.files(), app.job());
        Path dir = Files.createDirectories(work.resolve("no-fallback"));
        Path config = check.writeConfig(dir);
        PromTools.assertConfigValid(3, config);
        int port = Net.freePort();
        processes.start("prometheus-no-fallback", null, PromTools.prometheus(3).toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port);
        Map<String, String> health = check.awaitVerdict("http://127.0.0.1:" + port, UP_DEADLINE, processes);
        PROGRESS.log("Prometheus 3 on " + app.client() + ": " + health);
        assertThat(health.get(app.job())).as("the generated job").isEqualTo("up");
        assertThat(health.get(check.oldJob())).as("the job as monstack wrote it without fallback_scrape_protocol")
                .startsWith("down").contains("Content-Type");
    }

    @Test
    void discoverReadsEveryLivePage() {
        MetricsDiscovery discovery = new MetricsDiscovery();
        List<String> problems = new ArrayList<>();
        for (App app : RealApps.ALL) {
            try {
                discoverFinds(discovery, app);
            } catch (AssertionError | RuntimeException e) {
                problems.add(app.job() + " (" + app.client() + "): " + e.getMessage().strip());
            }
        }
        assertThat(problems).as("discover on the live pages:%n%s", String.join("\n", problems)).isEmpty();
    }

    /** discover on the app's page finds its runtime, its own metrics, its Content-Type (or the lack of one) and its path. */
    static void discoverFinds(MetricsDiscovery discovery, App app) {
        String url = apps.url(app);
        Discovery d = discovery.discover(url);
        assertThat(d.runtime()).as("runtime of %s (%s)", url, d.runtimeEvidence()).isEqualTo(app.runtime());
        List<String> found = d.customMetrics().stream().map(m -> m.name() + ":" + m.type().id()).toList();
        boolean ownMetrics = !app.runtime().equals("go") && !app.runtime().equals("node-exporter");
        assertThat(found).as("custom metrics of %s", url).containsExactlyInAnyOrderElementsOf(ownMetrics ? RealApps.customMetrics(app) : List.of());
        if (app == RealApps.PROM_CLIENT_11) {
            assertThat(d.contentType()).as("Content-Type of %s", url).isNull();
            assertThat(d.suggestedFallbackScrapeProtocol()).isEqualTo("PrometheusText0.0.4");
        } else {
            // asked like Prometheus asks: Spring and Python answer OpenMetrics, the others the 0.0.4 text format
            assertThat(d.contentType()).as("Content-Type of %s", url).matches("(text/plain|application/openmetrics-text); ?version=.*");
            assertThat(d.suggestedFallbackScrapeProtocol()).isNull();
        }
        Target t = d.toTarget("x", 3);
        assertThat(t.metricsPath()).isEqualTo(app.path());
        assertThat(t.staticTargets()).containsExactly("127.0.0.1:" + apps.port(app));
    }

    // ---------------------------------------------------------------- dashboards

    static List<GeneratedFile> dashboards(Server s) {
        return s.files().stream().filter(f -> f.path().startsWith("grafana/dashboards/") && f.path().endsWith(".json")).toList();
    }

    /** The app a service dashboard shows; null for the overview. */
    static App appOf(GeneratedFile dashboard) {
        Matcher m = SERVICE_DASHBOARD.matcher(dashboard.path());
        return m.matches() ? RealApps.byJob(m.group(1)) : null;
    }

    static List<String> dashboardProblems(JsonSchema schema, String path, JsonNode dash) {
        List<String> problems = new ArrayList<>();
        Set<ValidationMessage> errors = schema.validate(dash);
        errors.forEach(e -> problems.add(path + ": schema: " + e.getMessage()));
        if (dash.toString().contains("${DS_")) {
            problems.add(path + ": contains a ${DS_...} input");
        }
        if (!dash.path("id").isNull()) {
            problems.add(path + ": \"id\" must be null");
        }
        for (JsonNode v : dash.path("templating").path("list")) {
            checkDatasource(problems, path + " variable " + v.path("name").asText(), v.path("datasource"));
        }
        for (JsonNode panel : DashboardPanels.all(dash)) {
            String where = path + " panel \"" + panel.path("title").asText() + "\"";
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
        return problems;
    }

    static void checkDatasource(List<String> problems, String where, JsonNode ds) {
        if (!ds.isObject() || !"prometheus".equals(ds.path("type").asText()) || !DATASOURCE_UID.equals(ds.path("uid").asText())
                || ds.size() != 2) {
            problems.add(where + ": datasource " + ds + " is not {\"type\":\"prometheus\",\"uid\":\"" + DATASOURCE_UID + "\"}");
        }
    }

    static final Pattern LABEL_VALUES = Pattern.compile("^label_values\\((.+),\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\)$");

    /** label_values(SELECTOR, LABEL) is Grafana's; the series API answers the same question. */
    static List<String> checkVariable(PromQueries q, String file, String name, String query) throws Exception {
        Matcher m = LABEL_VALUES.matcher(query);
        if (!m.matches()) {
            return List.of(file + " variable " + name + ": unexpected query " + query);
        }
        JsonNode r = q.get("/api/v1/series?match[]=" + Targets.enc(q.substitute(m.group(1))) + "&start="
                + (System.currentTimeMillis() / 1000 - 300));
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
}
