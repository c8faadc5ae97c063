package io.monstack.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.monstack.support.ExporterKind;
import io.monstack.support.ExporterServers;
import io.monstack.support.ExporterServers.Exporter;
import io.monstack.support.Net;
import io.monstack.support.Processes;
import io.monstack.support.Progress;
import io.monstack.support.PromQueries;
import io.monstack.support.PromTools;
import io.monstack.support.Readiness;
import io.monstack.support.Secrets;
import io.monstack.support.Targets;
import io.monstack.support.Tools;
import io.monstack.support.WorkDirs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The exporter harness for real (ExporterServers): PostgreSQL, MariaDB, Redis and nginx servers
 * with their exporters, a blackbox probe and node-exporter, all on 127.0.0.1. Each exporter
 * reports its target up with the password it read from its file (and down with a wrong one), a real
 * Prometheus 3 scrapes them all, and the metrics e2e/exporters/METRICS.md names are on the live
 * pages with the types it says, and on the pages saved under src/test/resources/exporters/ (which
 * -Dmonstack.updateExporterPages=true rewrites from the live ones).
 */
@Tag("e2e")
class ExporterServersE2ETest {
    static final Path SAVED_PAGES = Path.of("src/test/resources/exporters");
    static final boolean UPDATE_PAGES = Boolean.getBoolean("monstack.updateExporterPages");
    static final Duration DEADLINE = Duration.ofSeconds(60);
    static final Progress PROGRESS = new Progress("exporters e2e");
    static Path work;
    static Processes processes;
    static ExporterServers servers;

    @BeforeAll
    static void startServers() throws Exception {
        Runtime.getRuntime().addShutdownHook(new Thread(ExporterServersE2ETest::stopAll, "exporters-e2e-cleanup"));
        work = Files.createTempDirectory("monstack-exporters-");
        processes = new Processes(work, Duration.ofSeconds(10));
        servers = ExporterServers.start(work, processes);
        PROGRESS.log("servers and exporters up in " + servers.startupTime().toMillis() + " ms; ready after (ms): "
                + new TreeMap<>(servers.readyAfter()).entrySet().stream().map(e -> e.getKey() + " " + e.getValue().toMillis()).toList());
    }

    @AfterAll
    static void stopAll() {
        if (processes != null) {
            processes.stopAll();
        }
        WorkDirs.removeUnlessKept(work);
        work = null;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ExporterKind.class)
    void theExporterReportsItsTargetUpAndShowsNoPassword(ExporterKind kind) {
        Exporter e = servers.exporter(kind);
        String page = Readiness.pageOrNull(e.pageUrl());
        assertThat(page).as("%s", e.pageUrl()).isNotNull();
        assertThat(kind.reportsUp(page)).as("%s reports its target up:%n%s", e.pageUrl(), upLines(page)).isTrue();
        // the monitoring users' grants are enough for every default collector
        assertThat(page.lines().filter(l -> l.matches("(pg_scrape_collector_success|mysql_exporter_collector_success)\\{.*} 0")))
                .as("collectors of %s that failed", e.pageUrl()).isEmpty();
        for (String password : servers.passwords()) {
            assertThat(page).as("%s must not show a password", e.pageUrl()).doesNotContain(password);
        }
    }

    @Test
    void aWrongPasswordInTheFileLeavesTheTargetDown() throws IOException {
        String wrong = Secrets.password();
        Map<String, Exporter> wrongOnes = new TreeMap<>(Map.of(
                "pg_up 0", servers.startExporter(ExporterKind.POSTGRES, "postgres-wrong-password", servers.postgresPasswordFile(wrong)),
                "mysql_up 0", servers.startExporter(ExporterKind.MYSQL, "mysql-wrong-password", servers.mysqlMyCnf(wrong)),
                "redis_up 0", servers.startExporter(ExporterKind.REDIS, "redis-wrong-password", servers.redisPasswordFile(wrong))));
        for (Map.Entry<String, Exporter> w : wrongOnes.entrySet()) {
            String url = w.getValue().pageUrl();
            Readiness.await(url + " answering", DEADLINE, processes, () -> Readiness.pageOrNull(url) != null);
            String page = Readiness.pageOrNull(url);
            assertThat(page).as("%s with a wrong password", url).containsPattern("(?m)^" + w.getKey() + "$");
        }
    }

    @Test
    void thePostgresPasswordFileMayEndInANewlineAsEchoWritesIt() throws IOException {
        Path file = servers.postgresPasswordFile(servers.postgres().password() + "\n");
        String url = servers.startExporter(ExporterKind.POSTGRES, "postgres-password-newline", file).pageUrl();
        Readiness.await(url + " reporting pg_up 1", DEADLINE, processes, () -> ExporterKind.POSTGRES.reportsUp(Readiness.pageOrNull(url)));
    }

    @Test
    void redisExporterRefusesABarePasswordFile() throws IOException {
        // its password file maps redis:// URIs to passwords (JSON); the stack must write that, not the password alone
        Path bare = servers.secret("redis-bare-password", servers.redis().password());
        Tools.Result r = Tools.run(null, 30, servers.exporterCommand(ExporterKind.REDIS, Net.freePort(), bare));
        assertThat(r.exitCode()).as("redis_exporter with a bare password file:%n%s", r.output()).isNotZero();
        assertThat(r.output()).contains("Error loading redis passwords from file");
    }

    @Test
    void prometheus3ScrapesEveryExporter() throws Exception {
        Path dir = Files.createDirectories(work.resolve("prometheus"));
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, prometheusYml(), StandardCharsets.UTF_8);
        PromTools.assertConfigValid(3, config);
        int port = Net.freePort();
        processes.start("prometheus", null, PromTools.prometheus(3).toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port);
        String base = "http://127.0.0.1:" + port;
        List<String> jobs = Arrays.stream(ExporterKind.values()).map(ExporterKind::id).toList();
        Targets.awaitUp(base, jobs, Duration.ofSeconds(120), processes);
        PromQueries q = new PromQueries(base, "30s");
        List<String> problems = new ArrayList<>();
        for (String expr : List.of("node_scrape_collector_success{job=\"node\",collector=\"cpu\"} == 1", "pg_up{job=\"postgres\"} == 1",
                "mysql_up{job=\"mysql\"} == 1", "redis_up{job=\"redis\"} == 1", "nginx_up{job=\"nginx\"} == 1",
                "probe_success{job=\"blackbox\",instance=\"" + servers.probeTarget() + "\"} == 1",
                // nginx's certificate is made for NginxServer.CERT_DAYS days
                "probe_ssl_earliest_cert_expiry{job=\"blackbox\"} - time() > 29 * 86400")) {
            String problem = q.check(expr, false);
            if (problem != null) {
                problems.add(expr + " -> " + problem);
            }
        }
        for (ExporterKind kind : ExporterKind.values()) {
            for (MetricFacts.Fact f : MetricFacts.of(kind)) {
                String expr = f.seriesName() + "{job=\"" + kind.id() + "\"}";
                String problem = q.check(expr, true);
                if (problem != null) {
                    problems.add(expr + " -> " + problem);
                }
            }
        }
        PROGRESS.log("Prometheus " + q.version() + " scrapes " + jobs);
        assertThat(problems).as("on Prometheus %s:%n  %s", q.version(), String.join("\n  ", problems)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ExporterKind.class)
    void metricsMdHoldsOnTheLivePageAndTheSavedOne(ExporterKind kind) throws IOException {
        Path saved = SAVED_PAGES.resolve(kind.id() + ".prom");
        String live = Readiness.pageOrNull(servers.exporter(kind).pageUrl());
        assertThat(live).as("live page of %s", kind).isNotNull();
        if (UPDATE_PAGES) {
            Files.createDirectories(SAVED_PAGES);
            Files.writeString(saved, live, StandardCharsets.UTF_8);
            PROGRESS.log("rewrote " + saved + " (not compared)");
        }
        List<MetricFacts.Fact> facts = MetricFacts.of(kind);
        assertThat(facts).as("METRICS.md names metrics of %s", kind).hasSizeGreaterThan(3);
        assertThat(saved).as("saved page (write it with -Dmonstack.updateExporterPages=true)").isRegularFile();
        for (Map.Entry<String, String> page : Map.of("live", live, "saved", Files.readString(saved)).entrySet()) {
            Map<String, String> types = MetricFacts.types(page.getValue());
            List<String> wrong = facts.stream().filter(f -> !f.type().equals(types.get(f.name())))
                    .map(f -> f.name() + ": METRICS.md says " + f.type() + ", the page " + types.get(f.name())).toList();
            assertThat(wrong).as("%s page of %s", page.getKey(), kind).isEmpty();
        }
    }

    /** One job per exporter; blackbox the usual way: the probed URL as target, relabelled to ?target= and the exporter's address. */
    static String prometheusYml() {
        StringBuilder y = new StringBuilder("global:\n  scrape_interval: 2s\n  scrape_timeout: 2s\nscrape_configs:\n");
        for (ExporterKind kind : ExporterKind.values()) {
            Exporter e = servers.exporter(kind);
            y.append("  - job_name: ").append(kind.id()).append('\n');
            if (kind == ExporterKind.BLACKBOX) {
                y.append("    metrics_path: /probe\n    params:\n      module: [").append(ExporterServers.BLACKBOX_MODULE).append("]\n")
                        .append("    static_configs:\n      - targets: [\"").append(e.probeTarget()).append("\"]\n")
                        .append("    relabel_configs:\n")
                        .append("      - {source_labels: [__address__], target_label: __param_target}\n")
                        .append("      - {source_labels: [__param_target], target_label: instance}\n")
                        .append("      - {target_label: __address__, replacement: \"").append(e.address()).append("\"}\n");
            } else {
                y.append("    static_configs:\n      - targets: [\"").append(e.address()).append("\"]\n");
            }
        }
        return y.toString();
    }

    static String upLines(String page) {
        return page.lines().filter(l -> l.matches("^(pg|mysql|redis|nginx)_up .*|^probe_success .*|^node_scrape_collector_success.*"))
                .reduce("", (a, b) -> a + b + "\n");
    }
}
