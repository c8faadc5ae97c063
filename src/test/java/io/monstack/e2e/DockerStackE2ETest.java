package io.monstack.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.monstack.spec.CustomMetric;
import io.monstack.spec.MetricType;
import io.monstack.spec.RuntimeCatalog;
import io.monstack.spec.GrafanaSettings;
import io.monstack.spec.PrometheusSettings;
import io.monstack.spec.SpecReader;
import io.monstack.spec.SpecWriter;
import io.monstack.spec.StackSpec;
import io.monstack.spec.Target;
import io.monstack.support.PromQueries;
import io.monstack.support.Cli;
import io.monstack.support.Compose;
import io.monstack.support.Net;
import io.monstack.support.OwnDockerd;
import io.monstack.support.Progress;
import io.monstack.support.Rendered;
import io.monstack.support.Samples;
import io.monstack.support.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole stack on a real Docker engine: the test starts its own dockerd with monstack's
 * daemon.json snippet merged in, makes stand-in base images (no registry is reachable),
 * runs `monstack init` and `monstack build-images`, then what the README tells users:
 * `docker compose up -d --build` (Compose v2 and buildx, as CLI plugins) with the sample's apps,
 * `monstack check --wait 2m` until every target is up and every panel has data (it prints the time
 * to first data, from `docker compose up` on), a scale of the DNS-discovered service to 3 (it prints
 * how soon the replicas are scraped), and `docker compose down`. Prometheus is a stand-in
 * carrying the real 3.x binary of the pinned image's major. The host view is on: the generated
 * node-exporter service runs a stand-in tagged as the pinned image, carrying the real
 * node_exporter of that version, in the host's network and PID namespaces as generated. It checks
 * through Prometheus's HTTP API that every job is up (one, then three access-log replicas found by
 * DNS, the engine's own metrics, the host through host.docker.internal:9100), that every query of
 * the Docker engine and Host dashboards returns series, that the images hold exactly the generated
 * files with the right owners, and that Grafana starts. Needs root and dockerd, docker, busybox-static and the tools of
 * scripts/test-deps.sh; a missing tool fails the test with the install command. About a minute.
 */
@Tag("docker")
class DockerStackE2ETest {
    private static final String APP_IMAGE = "local/monstack-e2e-app:latest";
    private static final String PROJECT = "monstack-e2e";
    private static final Duration TARGETS_WAIT = Duration.ofSeconds(90);

    @TempDir
    Path tmp;

    private final Progress progress = new Progress("docker e2e");

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void theGeneratedStackBuildsRunsAndScrapesEverythingOnARealEngine() throws Exception {
        Path docker = OwnDockerd.requireTools();
        Compose compose = Compose.v2();

        // ------------------------------------------------------------ the stack, from the sample
        StackSpec spec = e2eSpec(SpecReader.read(Samples.ROOT.resolve("diamol-ch09/monstack.yml")));
        Path specFile = tmp.resolve("e2e-monstack.yml");
        Files.writeString(specFile, SpecWriter.write(spec), StandardCharsets.UTF_8);
        Path dir = tmp.resolve("stack");
        Cli.Run init = Cli.run("init", dir.toString(), "--from", specFile.toString());
        assertThat(init.exitCode()).as("monstack init:%n%s%s", init.out(), init.err()).isZero();
        assertThat(dir.resolve(".env")).as("init writes .env, which compose.yaml needs").isRegularFile();
        progress.log("stack rendered in " + dir);

        Tools.Result config = compose.config(dir, "compose.yaml", Map.of());
        assertThat(config.exitCode()).as("docker compose -f compose.yaml config -q:%n%s", config.output()).isZero();

        // ------------------------------------------------------------ the engine
        OwnDockerd.requireNoEngineRunning(docker);
        OwnDockerd engine = OwnDockerd.prepare(dir.resolve("docker/daemon.json"), Map.of("log-driver", "json-file"));
        boolean composeStarted = false;
        List<String> composeArgs = List.of("--ansi", "never", "--progress", "plain", "-p", PROJECT, "-f", "compose.yaml", "-f", "apps.yaml");
        try {
            engine.start();
            progress.log("dockerd up");
            progress.log("stand-in images made: " + engine.makeStandins(spec, APP_IMAGE).strip().replace('\n', ';'));

            // ------------------------------------------------------------ build-images
            Cli.Run build = Cli.run("build-images", dir.toString());
            assertThat(build.exitCode()).as("monstack build-images:%n%s%s", build.out(), build.err()).isZero();
            System.out.print(build.out());
            String prometheusImage = spec.images().imageName(spec.name(), "prometheus");
            String grafanaImage = spec.images().imageName(spec.name(), "grafana");
            assertThat(build.out()).contains("building " + prometheusImage + " from ", "building " + grafanaImage + " from ");
            checkSummary(build.out(), docker);
            progress.log("images built");

            checkBakedPrometheusConfig(docker, prometheusImage, dir);
            checkBakedGrafanaFiles(docker, grafanaImage, dir);
            progress.log("image contents checked");
            checkFailedBuild(docker, specFile);
            progress.log("a failing build fails");

            // ------------------------------------------------------------ run it with the apps, as the README says
            Files.writeString(dir.resolve("apps.yaml"), appsCompose(), StandardCharsets.UTF_8);
            composeStarted = true;
            long upStart = System.nanoTime();
            String upOutput = compose.runOk(dir, 300, with(composeArgs, "up", "-d", "--build"));
            progress.log("docker compose up -d --build (Compose " + compose.version() + "):\n" + upOutput.strip());
            // --build really built both images, with buildx (bake) and BuildKit
            assertThat(upOutput).contains("load local bake definitions").containsPattern(Pattern.quote(prometheusImage) + "\\s+Built")
                    .containsPattern(Pattern.quote(grafanaImage) + "\\s+Built");
            checkUntilHealthy(spec, dir, upStart);
            awaitEverythingScraped(spec, 1);
            progress.log("prometheus scrapes every target");
            // the access-log app scraped up really sends no Content-Type (the sample's job names the fallback)
            String headers = compose.runOk(dir, 60, with(composeArgs, "exec", "-T", "accesslog", "wget", "-S", "-O", "/dev/null",
                    "http://127.0.0.1/metrics"));
            assertThat(headers).as("the access-log app's response").contains("HTTP/1.0 200 OK").doesNotContainIgnoringCase("Content-Type");
            assertThat(Files.readString(dir.resolve("prometheus/prometheus.yml"))).contains("fallback_scrape_protocol");
            long scaleStart = System.nanoTime();
            compose.runOk(dir, 120, with(composeArgs, "up", "-d", "--no-recreate", "--scale", "accesslog=3"));
            awaitEverythingScraped(spec, 3);
            progress.log(String.format(Locale.ROOT, "scaled to 3: prometheus scrapes every replica %.1f s after docker compose up "
                    + "--scale (DNS refreshed every 5 s, monstack's default)", (System.nanoTime() - scaleStart) / 1e9));
            Cli.Run scaled = Cli.run("check", dir.toString(), "--json");
            assertThat(scaled.exitCode()).as("monstack check after the scale:%n%s%s", scaled.out(), scaled.err()).isZero();
            checkDashboard(spec, dir, "docker-engine.json", "Docker engine", true);
            progress.log("every query of the Docker engine dashboard returns series");
            checkDashboard(spec, dir, "host.json", "Host", false);
            progress.log("every query of the Host dashboard returns series");
            awaitGrafana(spec);
            progress.log("grafana answers");
            awaitHealthy(docker, compose, dir, composeArgs, List.of("prometheus", "grafana"));
            progress.log("compose healthchecks pass");
            compose.runOk(dir, 120, with(composeArgs, "down", "-v", "-t", "1", "--remove-orphans"));
            composeStarted = false;
            assertThat(Tools.runOk(null, 30, docker.toString(), "ps", "-aq", "--filter", "label=com.docker.compose.project=" + PROJECT).strip())
                    .as("containers of the project after docker compose down").isEmpty();
            progress.log("docker compose down removed every container");
        } finally {
            if (composeStarted) {
                Tools.Result r = compose.run(dir, 120, with(composeArgs, "down", "-v", "-t", "1", "--remove-orphans"));
                if (r.exitCode() != 0) {
                    System.err.println("docker compose down failed:\n" + r.output());
                }
            }
            engine.stop();
            progress.log("cleaned up");
        }
    }

    /**
     * The stack's scrape interval: the sample's own (the default stack), or another one to measure
     * the time to first data with: -DargLine=-Dmonstack.e2e.scrapeInterval=5s.
     */
    static final String SCRAPE_INTERVAL_PROPERTY = "monstack.e2e.scrapeInterval";

    /** What the stand-in app serves on every path the sample's targets use (e2e/docker/make-standins.sh). */
    static final List<CustomMetric> STAND_IN_METRICS = List.of(
            new CustomMetric("app_requests_total", MetricType.COUNTER, "Metrics requests served by this container."),
            new CustomMetric("app_info", MetricType.GAUGE, "Stand-in app info."));

    /**
     * The sample as a user runs it, with its own scrape intervals (5 s, the access log 3 s; the
     * global one can be set with SCRAPE_INTERVAL_PROPERTY) and DNS refresh (monstack's default), on free ports. The apps are played by one stand-in page without
     * a runtime's metrics, so the targets say runtime other and list the page's own metrics: then
     * every generated panel can have data, and `monstack check` can be green. (The runtime panels
     * are checked against real clients by RealPrometheusE2ETest and CheckE2ETest.)
     * The host view (hostMetrics) is turned on with its generated defaults. The container view
     * (containerMetrics, cAdvisor) stays off: cAdvisor is in no Debian suite, so no real one can be
     * put in a stand-in here (its dashboard and rules are checked by schema, metric names and
     * promtool only, see README "Tests").
     */
    private static StackSpec e2eSpec(StackSpec sample) throws IOException {
        assertThat(sample.prometheus().image()).isEqualTo(PrometheusSettings.DEFAULT_IMAGE);
        assertThat(sample.grafana().image()).isEqualTo(GrafanaSettings.DEFAULT_IMAGE);
        PrometheusSettings p = sample.prometheus();
        PrometheusSettings prometheus = p.withScrapeInterval(System.getProperty(SCRAPE_INTERVAL_PROPERTY, p.scrapeInterval()))
                .withPort(Net.freePort());
        GrafanaSettings grafana = sample.grafana().withPort(Net.freePort());
        List<Target> targets = sample.targets().stream()
                .map(t -> t.with(d -> d.runtime(RuntimeCatalog.DEFAULT).clearMetrics().addMetrics(STAND_IN_METRICS))).toList();
        assertThat(targets).extracting(Target::name).containsExactly("image-gallery", "iotd-api", "access-log");
        assertThat(targets).filteredOn(Target::usesDns).singleElement().extracting(t -> t.dns().refreshInterval()).isNull();
        assertThat(sample.hostMetrics().enabled()).as("the sample's host view").isFalse();
        assertThat(sample.containerMetrics().enabled()).as("the sample's container view (cAdvisor cannot run here)").isFalse();
        return sample.with(b -> b.prometheus(prometheus).grafana(grafana).targets(targets)
                .hostMetrics(sample.hostMetrics().withEnabled(true)));
    }

    /**
     * `monstack check --wait` right after `docker compose up -d --build`, as the stack's README says:
     * green (every target up, every panel of every dashboard with data, Grafana healthy), and the
     * time to first data, from the start of `docker compose up` to check's green.
     */
    private void checkUntilHealthy(StackSpec spec, Path dir, long upStart) {
        Cli.Run check = Cli.run("check", dir.toString(), "--wait", "2m");
        double fromUp = (System.nanoTime() - upStart) / 1e9;
        assertThat(check.exitCode()).as("monstack check --wait 2m after docker compose up:%n%s%s", check.out(), check.err()).isZero();
        assertThat(check.out()).contains("healthy: every target up, every panel with data (time to first data: ")
                .contains("Grafana stand-in at http://127.0.0.1:").doesNotContain("FAIL");
        progress.log("monstack check --wait 2m:\n" + check.err().strip() + "\n" + check.out().strip());
        progress.log(String.format(Locale.ROOT, "time to first data: %.1f s from docker compose up -d --build to every target up "
                + "and every panel with data (scrape interval %s)", fromUp, spec.prometheus().scrapeInterval()));
    }

    /** The sample's apps, as the user's own compose file would add them to the same project and network. */
    private static String appsCompose() {
        return """
                # The diamol-ch09 apps, played by a stand-in serving /metrics and /actuator/prometheus on :80.
                services:
                  image-gallery:
                    image: %1$s
                    init: true
                  iotd:
                    image: %1$s
                    init: true
                  accesslog:
                    image: %1$s
                    init: true
                    # like the book's Node app (restify, prom-client 11): /metrics without a Content-Type, which
                    # Prometheus 3 refuses unless the job names a fallback (the generated one does)
                    environment:
                      CONTENT_TYPE: none
                """.formatted(APP_IMAGE);
    }

    private void checkSummary(String out, Path docker) {
        List<String> lines = out.lines().toList();
        int header = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().matches("IMAGE\\s+TAG\\s+SIZE\\s+ID\\s+DIGEST")) {
                header = i;
            }
        }
        assertThat(header).as("summary table in:%n%s", out).isPositive();
        assertThat(lines.get(header - 1)).startsWith("built 2 images with Docker ");
        for (int row = 1; row <= 2; row++) {
            String[] cols = lines.get(header + row).trim().split("\\s+");
            assertThat(cols).as("summary row %s", lines.get(header + row)).hasSize(6);
            String image = cols[0] + ":" + cols[1];
            assertThat(image).isIn("diamol-ch09/prometheus:latest", "diamol-ch09/grafana:latest");
            Tools.Result id = Tools.run(null, 30, docker.toString(), "image", "inspect", "--format", "{{.Id}}", image);
            assertThat(id.exitCode()).as(id.output()).isZero();
            assertThat(id.output().strip()).startsWith("sha256:" + cols[4]);
            assertThat(cols[5]).isEqualTo("-");
        }
    }

    private static void checkBakedPrometheusConfig(Path docker, String image, Path dir) throws IOException {
        Path copy = dir.getParent().resolve("baked-prometheus.yml");
        String name = "monstack-e2e-inspect";
        Tools.runOk(null, 30, docker.toString(), "create", "--name", name, image);
        try {
            Tools.runOk(null, 30, docker.toString(), "cp", name + ":/etc/prometheus/prometheus.yml", copy.toString());
        } finally {
            Tools.run(null, 30, docker.toString(), "rm", "-f", name);
        }
        assertThat(copy).hasSameBinaryContentAs(dir.resolve("prometheus/prometheus.yml"));
        String owner = Tools.runOk(null, 30, docker.toString(), "run", "--rm", "--entrypoint", "/bin/busybox", image,
                "stat", "-c", "%u:%g", "/etc/prometheus/prometheus.yml").strip();
        assertThat(owner).as("owner of the baked prometheus.yml (the image runs as nobody)").isEqualTo("65534:65534");
    }

    /** Every generated provisioning and dashboard file is in the image, byte for byte, owned by 472. */
    private static void checkBakedGrafanaFiles(Path docker, String image, Path dir) throws Exception {
        Map<String, String> expected = new TreeMap<>();
        for (String sub : List.of("provisioning", "dashboards")) {
            Path root = dir.resolve("grafana").resolve(sub);
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    String inImage = "/etc/grafana/" + sub + "/" + root.relativize(f).toString().replace('\\', '/');
                    expected.put(inImage, HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(f))));
                }
            }
        }
        assertThat(expected).containsKeys("/etc/grafana/provisioning/datasources/prometheus.yml",
                "/etc/grafana/provisioning/dashboards/monstack.yml", "/etc/grafana/dashboards/overview.json");
        List<String> paths = List.copyOf(expected.keySet());

        List<String> stat = new ArrayList<>(List.of(docker.toString(), "run", "--rm", "--entrypoint", "/bin/busybox", image, "stat", "-c", "%u %n"));
        stat.addAll(paths);
        Map<String, String> owners = new TreeMap<>();
        for (String line : Tools.runOk(null, 60, stat.toArray(String[]::new)).strip().split("\n")) {
            String[] parts = line.strip().split(" ", 2);
            owners.put(parts[1], parts[0]);
        }
        assertThat(owners.keySet()).containsExactlyElementsOf(paths);
        assertThat(owners.values()).as("owners: %s", owners).containsOnly("472");

        List<String> md5 = new ArrayList<>(List.of(docker.toString(), "run", "--rm", "--entrypoint", "/bin/busybox", image, "md5sum"));
        md5.addAll(paths);
        Map<String, String> sums = new TreeMap<>();
        for (String line : Tools.runOk(null, 60, md5.toArray(String[]::new)).strip().split("\n")) {
            String[] parts = line.strip().split("\\s+", 2);
            sums.put(parts[1], parts[0]);
        }
        assertThat(sums).isEqualTo(expected);
    }

    /** A build the engine refuses (a COPY source is missing) exits 1, shows the engine's error, reports nothing built. */
    private void checkFailedBuild(Path docker, Path specFile) throws IOException {
        Path broken = tmp.resolve("broken");
        Cli.Run init = Cli.run("init", broken.toString(), "--from", specFile.toString());
        assertThat(init.exitCode()).as(init.err()).isZero();
        try (Stream<Path> files = Files.walk(broken.resolve("grafana/dashboards"))) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
        Cli.Run build = Cli.run("build-images", broken.toString(), "--tag", "broken");
        assertThat(build.exitCode()).as("build-images of a broken stack:%n%s%s", build.out(), build.err()).isEqualTo(1);
        assertThat(build.out()).containsIgnoringCase("dashboards").doesNotContain("built 2 images");
        // The files no longer match what monstack.yml renders: a note says so before the build.
        assertThat(build.err()).contains("note: the images are built from files that differ", "grafana/dashboards/overview.json")
                .contains("error: building diamol-ch09/grafana:broken failed:")
                .contains("built before the failure: diamol-ch09/prometheus:broken");
        assertThat(Tools.run(null, 30, docker.toString(), "image", "inspect", "diamol-ch09/grafana:broken").exitCode()).isNotZero();
    }

    private static List<String> with(List<String> args, String... more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return all;
    }

    /**
     * Polls the targets API until every job is up, with that many access-log targets and the
     * engine's own series; the host job's one target is node-exporter through host.docker.internal.
     */
    private void awaitEverythingScraped(StackSpec spec, int accessLogReplicas) throws Exception {
        String base = "http://127.0.0.1:" + spec.prometheus().port();
        Map<String, Integer> wanted = new LinkedHashMap<>();
        wanted.put("prometheus", 1);
        wanted.put("docker", 1);
        wanted.put("host", 1);
        wanted.put("image-gallery", 1);
        wanted.put("iotd-api", 1);
        wanted.put("access-log", accessLogReplicas);
        long deadline = System.nanoTime() + TARGETS_WAIT.toNanos();
        String last = "no answer yet";
        while (true) {
            JsonNode targets = Net.getJsonOrNull(base + "/api/v1/targets?state=active");
            double engineSeries = OwnDockerd.engineSeriesScrapedBy(base);
            if (targets != null) {
                Map<String, List<String>> byJob = new TreeMap<>();
                List<String> notUp = new ArrayList<>();
                for (JsonNode t : targets.path("data").path("activeTargets")) {
                    String job = t.path("labels").path("job").asText();
                    byJob.computeIfAbsent(job, k -> new ArrayList<>()).add(t.path("scrapeUrl").asText());
                    if (!"up".equals(t.path("health").asText())) {
                        notUp.add(job + " " + t.path("scrapeUrl").asText() + " " + t.path("health").asText() + " " + t.path("lastError").asText());
                    }
                }
                Map<String, Integer> counts = byJob.entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().size(), (a, b) -> a, TreeMap::new));
                last = "targets per job " + counts + ", not up " + notUp + ", engine_daemon_* series " + engineSeries;
                if (counts.equals(new TreeMap<>(wanted)) && notUp.isEmpty() && engineSeries > 0) {
                    assertThat(new TreeSet<>(byJob.get("access-log"))).hasSize(accessLogReplicas);
                    assertThat(byJob.get("host")).containsExactly("http://host.docker.internal:" + spec.hostMetrics().port() + "/metrics");
                    progress.log(last);
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                fail("Prometheus did not scrape every target within %s s: %s", TARGETS_WAIT.toSeconds(), last);
            }
            Thread.sleep(1000);
        }
    }

    /**
     * Every query of a generated dashboard returns series: the Docker engine one from the real
     * engine (its quantiles may be NaN: no container action need have happened in the last
     * minute), the Host one from the real node-exporter (a number in every query).
     */
    private void checkDashboard(StackSpec spec, Path dir, String file, String title, boolean allowNaN) throws Exception {
        PromQueries queries = new PromQueries("http://127.0.0.1:" + spec.prometheus().port(), "1m");
        JsonNode dashboard = Rendered.JSON.readTree(dir.resolve("grafana/dashboards").resolve(file).toFile());
        assertThat(dashboard.path("title").asText()).isEqualTo(title);
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        List<String> problems = queries.failingPanelQueries(dashboard, allowNaN);
        while (!problems.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(2000); // rates need two scrapes
            problems = queries.failingPanelQueries(dashboard, allowNaN);
        }
        assertThat(problems).as("%s dashboard queries on the real engine", title).isEmpty();
    }

    private void awaitGrafana(StackSpec spec) throws Exception {
        String url = "http://127.0.0.1:" + spec.grafana().port() + "/api/health";
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (Net.getJsonOrNull(url) == null) {
            if (System.nanoTime() > deadline) {
                fail("Grafana (the stand-in, which exits if a provisioning file is unreadable by 472) does not answer at %s", url);
            }
            Thread.sleep(500);
        }
    }

    /** The healthchecks compose.yaml defines (wget in the images) report healthy. */
    private void awaitHealthy(Path docker, Compose compose, Path dir, List<String> composeArgs, List<String> services)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (String service : services) {
            String id = compose.runOk(dir, 60, with(composeArgs, "ps", "-q", service)).strip();
            assertThat(id).as("container of %s", service).isNotEmpty();
            String status = "";
            while (!status.equals("healthy")) {
                status = Tools.runOk(null, 30, docker.toString(), "inspect", "--format", "{{.State.Health.Status}}", id).strip();
                if (status.equals("unhealthy") || System.nanoTime() > deadline) {
                    String health = Tools.run(null, 30, docker.toString(), "inspect", "--format", "{{json .State.Health}}", id).output();
                    fail("%s is %s: %s", service, status, health);
                }
                Thread.sleep(500);
            }
        }
    }
}
