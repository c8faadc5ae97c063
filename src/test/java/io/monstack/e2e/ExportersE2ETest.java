package io.monstack.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.monstack.spec.PrometheusSettings;
import io.monstack.spec.SpecValidator;
import io.monstack.spec.StackSpec;
import io.monstack.spec.Target;
import io.monstack.spec.TargetDraft;
import io.monstack.support.DashboardPanels;
import io.monstack.support.ExporterKind;
import io.monstack.support.ExporterServers;
import io.monstack.support.Net;
import io.monstack.support.Processes;
import io.monstack.support.Progress;
import io.monstack.support.PromQueries;
import io.monstack.support.PromTools;
import io.monstack.support.Rendered;
import io.monstack.support.Targets;
import io.monstack.support.Waits;
import io.monstack.support.WorkDirs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The host view and the exporters for real: a stack with hostMetrics and a postgres, mysql,
 * redis, nginx and blackbox target, its prometheus.yml and rule files as monstack generates them,
 * run by a real Prometheus 3 that scrapes the harness' real servers and exporters (ExporterServers:
 * PostgreSQL, MariaDB, Redis, nginx, node-exporter and blackbox, on 127.0.0.1). Only the exporters'
 * service names (db-exporter:9187, host.docker.internal:9100, ...), which resolve on the stack's
 * network, are mapped to the harness' loopback ports; every job, path, probe parameter and relabel
 * rule is the generated one. Every query of the Host and exporter dashboards must return data,
 * every variable must have values, and every rule must evaluate without error.
 */
@Tag("e2e")
class ExportersE2ETest {
    static final Progress PROGRESS = new Progress("exporters dashboards e2e");
    static final String RATE_INTERVAL = "30s";
    static Path work;
    static Processes processes;
    static ExporterServers servers;
    static Rendered rendered;
    static PromQueries queries;
    static final Map<String, ExporterKind> JOBS = new LinkedHashMap<>();

    static {
        JOBS.put("db", ExporterKind.POSTGRES);
        JOBS.put("orders-db", ExporterKind.MYSQL);
        JOBS.put("cache", ExporterKind.REDIS);
        JOBS.put("web", ExporterKind.NGINX);
        JOBS.put("site", ExporterKind.BLACKBOX);
    }

    @BeforeAll
    static void startEverything() throws Exception {
        Runtime.getRuntime().addShutdownHook(new Thread(ExportersE2ETest::stopAll, "exporters-dashboards-e2e-cleanup"));
        work = Files.createTempDirectory("monstack-exporter-dashboards-");
        processes = new Processes(work, Duration.ofSeconds(10));
        servers = ExporterServers.start(work, processes);
        PROGRESS.log("servers and exporters up in " + servers.startupTime().toMillis() + " ms");

        StackSpec spec = spec(servers.probeTarget());
        assertThat(SpecValidator.validate(spec)).isEmpty();
        rendered = new Rendered(spec);
        Path stack = rendered.writeTo(work.resolve("stack"));
        Path config = stack.resolve("prometheus/prometheus.yml");
        Files.writeString(config, toLoopback(Files.readString(config, StandardCharsets.UTF_8), spec), StandardCharsets.UTF_8);
        PromTools.assertConfigValid(3, config);
        int port = Net.freePort();
        processes.start("prometheus", stack.resolve("prometheus"), PromTools.prometheus(3).toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + work.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port);
        String base = "http://127.0.0.1:" + port;
        queries = new PromQueries(base, RATE_INTERVAL);
        List<String> jobs = new ArrayList<>(JOBS.keySet());
        jobs.add("host");
        Targets.awaitUp(base, jobs, Duration.ofSeconds(90), processes);
        Targets.awaitScrapes(queries, jobs, RATE_INTERVAL, 4);
        PROGRESS.log("every job up, with 4 scrapes in " + RATE_INTERVAL);
    }

    @AfterAll
    static void stopAll() {
        if (processes != null) {
            processes.stopAll();
        }
        WorkDirs.removeUnlessKept(work);
        work = null;
    }

    static StackSpec spec(String probeUrl) {
        List<Target> targets = List.of(
                exporter("db", "postgres", "db:5432"), exporter("orders-db", "mysql", "mariadb:3306"),
                exporter("cache", "redis", "cache:6379"), exporter("web", "nginx", "http://web:80/stub_status"),
                exporter("site", "blackbox", probeUrl));
        StackSpec spec = StackSpec.builder("exporters").prometheus(PrometheusSettings.defaults().withScrapeInterval("2s"))
                .targets(targets).build();
        return spec.with(b -> b.hostMetrics(spec.hostMetrics().withEnabled(true)).alerting(spec.alerting().withEnabled(true)));
    }

    static Target exporter(String name, String type, String address) {
        return new TargetDraft(name).runtime(type).exporterAddress(address).toTarget();
    }

    /** The generated config with the exporters' stack addresses mapped to where the harness runs them. */
    static String toLoopback(String config, StackSpec spec) {
        Map<String, String> addresses = new LinkedHashMap<>();
        addresses.put("host.docker.internal:" + spec.hostMetrics().port(), servers.exporter(ExporterKind.NODE).address());
        JOBS.forEach((job, kind) -> addresses.put(spec.target(job).orElseThrow().exporterService() + ":" + kind.defaultPort(),
                servers.exporter(kind).address()));
        String out = config;
        for (Map.Entry<String, String> a : addresses.entrySet()) {
            String quoted = "\"" + a.getKey() + "\"";
            assertThat(out).as("the generated config scrapes %s", a.getKey()).contains(quoted);
            out = out.replace(quoted, "\"" + a.getValue() + "\"");
        }
        return out;
    }

    @Test
    void everyQueryOfTheHostAndExporterDashboardsReturnsData() {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        List<String> files = new ArrayList<>(List.of("grafana/dashboards/host.json"));
        JOBS.keySet().forEach(job -> files.add("grafana/dashboards/service-" + job + ".json"));
        for (String file : files) {
            JsonNode dash = rendered.json(file);
            for (DashboardPanels.Placed p : DashboardPanels.of(dash)) {
                for (JsonNode t : p.panel().path("targets")) {
                    String expr = t.path("expr").asText();
                    // every panel, Optional rows too: the harness' probe is https, so even the certificate panel has data
                    String problem = queries.check(queries.substitute(expr), false);
                    if (problem != null) {
                        failures.add(file + " \"" + p.title() + "\"" + (p.row() == null ? "" : " in row " + p.row()) + ": "
                                + expr + " -> " + problem);
                    }
                    checked++;
                }
            }
            for (JsonNode v : dash.path("templating").path("list")) {
                failures.addAll(variableProblems(file, v));
            }
        }
        assertThat(checked).as("queries checked").isGreaterThan(40);
        assertThat(failures).as("%d of %d queries of the Host and exporter dashboards return no data from %s:%n  %s",
                failures.size(), checked, queries.version(), String.join("\n  ", failures)).isEmpty();
    }

    @Test
    void everyRuleEvaluatesWithoutErrorOnTheRealSeries() throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<String> problems = new ArrayList<>();
        int rules = 0;
        while (System.nanoTime() < end) {
            problems.clear();
            rules = 0;
            JsonNode groups = queries.get("/api/v1/rules").path("data").path("groups");
            for (JsonNode g : groups) {
                for (JsonNode r : g.path("rules")) {
                    rules++;
                    if (!"ok".equals(r.path("health").asText())) {
                        problems.add(r.path("name").asText() + " (" + g.path("name").asText() + "): " + r.path("health").asText() + " "
                                + r.path("lastError").asText());
                    }
                }
            }
            if (rules > 0 && problems.isEmpty()) {
                break;
            }
            Waits.sleep(1000);
        }
        assertThat(rules).as("rules loaded").isGreaterThan(20);
        assertThat(problems).as(String.join("\n", problems)).isEmpty();
        // the services are up: their down alerts stay quiet
        JsonNode alerts = queries.get("/api/v1/alerts").path("data").path("alerts");
        List<String> down = new ArrayList<>();
        alerts.forEach(a -> {
            String name = a.path("labels").path("alertname").asText();
            if (List.of("PostgresDown", "MysqlDown", "RedisDown", "NginxDown", "ProbeFailed").contains(name)) {
                down.add(name + " " + a.path("state").asText());
            }
        });
        assertThat(down).isEmpty();
    }

    /**
     * The logins were made with the SQL the stack's README gives (runtimes.yml serverSetup): with
     * a grant missing, the exporter still answers and says up, but a collector fails every scrape.
     */
    @Test
    void theReadmesGrantsLetEveryDatabaseCollectorSucceed() {
        for (String expr : List.of("mysql_exporter_collector_success{job=\"orders-db\"}", "pg_scrape_collector_success{job=\"db\"}")) {
            assertThat(queries.check(expr, false)).as(expr).isNull();
            assertThat(queries.check(expr + " == 0", false)).as("collectors failing: %s == 0", expr).isEqualTo("no series");
        }
        assertThat(queries.check("pg_exporter_last_scrape_error{job=\"db\"} == 1", false)).isEqualTo("no series");
    }

    private static final Pattern LABEL_VALUES = Pattern.compile("^label_values\\((.+),\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\)$");

    /** label_values(SELECTOR, LABEL), as Grafana asks it: the series API must know that label on those series. */
    private static List<String> variableProblems(String file, JsonNode v) {
        Matcher m = LABEL_VALUES.matcher(v.path("query").asText());
        if (!m.matches()) {
            return List.of(file + " variable " + v.path("name").asText() + ": unexpected query " + v.path("query").asText());
        }
        try {
            JsonNode r = queries.get("/api/v1/series?match[]=" + Targets.enc(queries.substitute(m.group(1))));
            for (JsonNode s : r.path("data")) {
                if (s.has(m.group(2))) {
                    return List.of();
                }
            }
            return List.of(file + " variable " + v.path("name").asText() + ": no series with label " + m.group(2));
        } catch (Exception e) {
            return List.of(file + " variable " + v.path("name").asText() + ": " + e);
        }
    }
}
