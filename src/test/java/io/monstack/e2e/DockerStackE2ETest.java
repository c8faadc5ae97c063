package io.monstack.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monstack.spec.DnsDiscovery;
import io.monstack.spec.GrafanaSettings;
import io.monstack.spec.PrometheusSettings;
import io.monstack.spec.SpecReader;
import io.monstack.spec.SpecWriter;
import io.monstack.spec.StackSpec;
import io.monstack.spec.Target;
import io.monstack.support.PromQueries;
import io.monstack.support.Cli;
import io.monstack.support.Samples;
import io.monstack.support.Tools;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
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
 * runs `monstack init` and `monstack build-images`, starts the generated compose.yaml plus the
 * sample's apps with the legacy docker-compose, and checks through Prometheus's HTTP API that
 * every job is up (three access-log replicas found by DNS, the engine's own metrics), that the
 * images hold exactly the generated files with the right owners, and that Grafana starts.
 * Needs root and dockerd, docker, docker-compose, busybox-static, prometheus (CI installs them);
 * a missing tool fails the test with the install command. Runs in about a minute.
 */
@Tag("docker")
class DockerStackE2ETest {
    private static final Path SCRIPTS = Path.of("e2e", "docker").toAbsolutePath();
    private static final String APP_IMAGE = "local/monstack-e2e-app:latest";
    private static final String PROJECT = "monstack-e2e";
    private static final Duration TARGETS_WAIT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private final long t0 = System.nanoTime();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void theGeneratedStackBuildsRunsAndScrapesEverythingOnARealEngine() throws Exception {
        Tools.require("dockerd", "docker.io");
        Path docker = Tools.require("docker", "docker.io");
        Path compose = Tools.require("docker-compose", "docker-compose");
        Tools.require("busybox", "busybox-static");
        Tools.require("prometheus", "prometheus"); // make-standins.sh copies Debian's server into the stand-in

        // ------------------------------------------------------------ the stack, from the sample
        StackSpec spec = e2eSpec(SpecReader.read(Samples.ROOT.resolve("diamol-ch09/monstack.yml")));
        Path specFile = tmp.resolve("e2e-monstack.yml");
        Files.writeString(specFile, SpecWriter.write(spec), StandardCharsets.UTF_8);
        Path dir = tmp.resolve("stack");
        Cli.Run init = Cli.run("init", dir.toString(), "--from", specFile.toString());
        assertThat(init.exitCode()).as("monstack init:%n%s%s", init.out(), init.err()).isZero();
        assertThat(dir.resolve(".env")).as("init writes .env, which compose.yaml needs").isRegularFile();
        log("stack rendered in " + dir);

        Tools.Result config = Tools.run(dir, 60, compose.toString(), "--ansi", "never", "-f", "compose.yaml", "config", "-q");
        assertThat(config.exitCode()).as("docker-compose -f compose.yaml config -q:%n%s", config.output()).isZero();

        // ------------------------------------------------------------ the engine
        Tools.Result probe = Tools.run(null, 30, docker.toString(), "info", "--format", "{{.ServerVersion}}");
        if (probe.exitCode() == 0) {
            fail("a Docker engine already answers (docker info: %s): this test starts its own dockerd with monstack's "
                    + "daemon.json on the default socket; stop the running engine first", probe.output().strip());
        }
        Path state = Files.createTempDirectory("monstack-e2e-engine");
        Path daemonJson = writeDaemonJson(dir.resolve("docker/daemon.json"), state);
        boolean composeStarted = false;
        List<String> composeArgs = List.of(compose.toString(), "--ansi", "never", "-p", PROJECT, "-f", "compose.yaml", "-f", "apps.yaml");
        try {
            run(null, 90, SCRIPTS.resolve("start-dockerd.sh").toString(), daemonJson.toString(), state.toString());
            log("dockerd up");
            run(null, 120, SCRIPTS.resolve("make-standins.sh").toString(), spec.prometheus().image(), spec.grafana().image(), APP_IMAGE);
            log("stand-in images made");

            // ------------------------------------------------------------ build-images
            Cli.Run build = Cli.run("build-images", dir.toString());
            assertThat(build.exitCode()).as("monstack build-images:%n%s%s", build.out(), build.err()).isZero();
            System.out.print(build.out());
            String prometheusImage = spec.images().imageName(spec.name(), "prometheus");
            String grafanaImage = spec.images().imageName(spec.name(), "grafana");
            assertThat(build.out()).contains("building " + prometheusImage + " from ", "building " + grafanaImage + " from ");
            checkSummary(build.out(), docker);
            log("images built");

            checkBakedPrometheusConfig(docker, prometheusImage, dir);
            checkBakedGrafanaFiles(docker, grafanaImage, dir);
            log("image contents checked");
            checkFailedBuild(docker, specFile);
            log("a failing build fails");

            // ------------------------------------------------------------ run it with the apps
            Files.writeString(dir.resolve("apps.yaml"), appsCompose(), StandardCharsets.UTF_8);
            composeStarted = true;
            List<String> up = new ArrayList<>(composeArgs);
            up.addAll(List.of("up", "-d", "--scale", "accesslog=3"));
            run(dir, 120, up.toArray(String[]::new));
            log("compose up");

            awaitEverythingScraped(spec);
            log("prometheus scrapes every target");
            checkEngineDashboard(spec, dir);
            log("every query of the Docker engine dashboard returns series");
            awaitGrafana(spec);
            log("grafana answers");
            awaitHealthy(docker, dir, composeArgs, List.of("prometheus", "grafana"));
            log("compose healthchecks pass");
        } finally {
            if (composeStarted) {
                List<String> down = new ArrayList<>(composeArgs);
                down.addAll(List.of("down", "-v", "-t", "1", "--remove-orphans"));
                Tools.Result r = Tools.run(dir, 120, down.toArray(String[]::new));
                if (r.exitCode() != 0) {
                    System.err.println("docker-compose down failed:\n" + r.output());
                }
            }
            Tools.Result stop = Tools.run(null, 90, SCRIPTS.resolve("stop-dockerd.sh").toString(), state.toString());
            if (stop.exitCode() != 0) {
                System.err.println("stop-dockerd.sh failed:\n" + stop.output());
            }
            Tools.run(null, 120, "rm", "-rf", state.toString());
            log("cleaned up");
        }
    }

    /** The sample, made quick and collision-free: free ports, 5 s scrapes, DNS refreshed every 5 s. */
    private static StackSpec e2eSpec(StackSpec sample) throws IOException {
        assertThat(sample.prometheus().image()).isEqualTo(PrometheusSettings.DEFAULT_IMAGE);
        assertThat(sample.grafana().image()).isEqualTo(GrafanaSettings.DEFAULT_IMAGE);
        PrometheusSettings p = sample.prometheus();
        PrometheusSettings prometheus = new PrometheusSettings(p.image(), "5s", p.scrapeTimeout(), p.retention(), freePort());
        GrafanaSettings grafana = new GrafanaSettings(sample.grafana().image(), freePort());
        List<Target> targets = sample.targets().stream().map(t -> t.dns() == null ? t
                : new Target(t.name(), t.runtime(), t.metricsPath(), t.staticTargets(),
                        new DnsDiscovery(t.dns().names(), t.dns().type(), t.dns().port(), "5s"),
                        t.scrapeInterval(), t.scrapeTimeout(), t.fallbackScrapeProtocol(), t.labels(), t.metrics()))
                .toList();
        assertThat(targets).extracting(Target::name).containsExactly("image-gallery", "iotd-api", "access-log");
        return new StackSpec(sample.name(), prometheus, grafana, sample.dockerEngine(), sample.images(), sample.publishAddress(), targets);
    }

    /** A daemon.json as an admin would have it, with the stack's docker/daemon.json snippet merged in. */
    private static Path writeDaemonJson(Path snippetFile, Path state) throws IOException {
        JsonNode snippet = JSON.readTree(snippetFile.toFile());
        assertThat(snippet.path("metrics-addr").asText()).isEqualTo("0.0.0.0:9323");
        ObjectNode config = JSON.createObjectNode();
        // The admin's own settings; data-root keeps the test's images and containers out of /var/lib/docker.
        config.put("data-root", state.resolve("data").toString());
        config.put("log-driver", "json-file");
        config.setAll((ObjectNode) snippet);
        Path file = state.resolve("daemon.json");
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config), StandardCharsets.UTF_8);
        return file;
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
        run(null, 30, docker.toString(), "create", "--name", name, image);
        try {
            run(null, 30, docker.toString(), "cp", name + ":/etc/prometheus/prometheus.yml", copy.toString());
        } finally {
            Tools.run(null, 30, docker.toString(), "rm", "-f", name);
        }
        assertThat(copy).hasSameBinaryContentAs(dir.resolve("prometheus/prometheus.yml"));
        String owner = run(null, 30, docker.toString(), "run", "--rm", "--entrypoint", "/bin/busybox", image,
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
        for (String line : run(null, 60, stat.toArray(String[]::new)).strip().split("\n")) {
            String[] parts = line.strip().split(" ", 2);
            owners.put(parts[1], parts[0]);
        }
        assertThat(owners.keySet()).containsExactlyElementsOf(paths);
        assertThat(owners.values()).as("owners: %s", owners).containsOnly("472");

        List<String> md5 = new ArrayList<>(List.of(docker.toString(), "run", "--rm", "--entrypoint", "/bin/busybox", image, "md5sum"));
        md5.addAll(paths);
        Map<String, String> sums = new TreeMap<>();
        for (String line : run(null, 60, md5.toArray(String[]::new)).strip().split("\n")) {
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

    /** Polls the targets API until every job is up, with 3 access-log targets and the engine's own series. */
    private void awaitEverythingScraped(StackSpec spec) throws Exception {
        String base = "http://127.0.0.1:" + spec.prometheus().port();
        Map<String, Integer> wanted = new LinkedHashMap<>();
        wanted.put("prometheus", 1);
        wanted.put("docker", 1);
        wanted.put("image-gallery", 1);
        wanted.put("iotd-api", 1);
        wanted.put("access-log", 3);
        long deadline = System.nanoTime() + TARGETS_WAIT.toNanos();
        String last = "no answer yet";
        while (true) {
            JsonNode targets = getJson(base + "/api/v1/targets?state=active");
            JsonNode engine = getJson(base + "/api/v1/query?query="
                    + URLEncoder.encode("count({__name__=~\"engine_daemon_.+\",job=\"docker\"})", StandardCharsets.UTF_8));
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
                double engineSeries = engine == null ? 0
                        : engine.path("data").path("result").path(0).path("value").path(1).asDouble(0);
                last = "targets per job " + counts + ", not up " + notUp + ", engine_daemon_* series " + engineSeries;
                if (counts.equals(new TreeMap<>(wanted)) && notUp.isEmpty() && engineSeries > 0) {
                    assertThat(new TreeSet<>(byJob.get("access-log"))).hasSize(3);
                    log(last);
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
     * Every query of the generated Docker engine dashboard returns series from the real engine.
     * Quantiles may be NaN: no container action need have happened in the last minute.
     */
    private void checkEngineDashboard(StackSpec spec, Path dir) throws Exception {
        PromQueries queries = new PromQueries("http://127.0.0.1:" + spec.prometheus().port(), "1m");
        JsonNode dashboard = JSON.readTree(dir.resolve("grafana/dashboards/docker-engine.json").toFile());
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        List<String> problems = queries.failingPanelQueries(dashboard, true);
        while (!problems.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(2000); // rates need two scrapes
            problems = queries.failingPanelQueries(dashboard, true);
        }
        assertThat(problems).as("Docker engine dashboard queries on the real engine").isEmpty();
    }

    private void awaitGrafana(StackSpec spec) throws Exception {
        String url = "http://127.0.0.1:" + spec.grafana().port() + "/api/health";
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (getJson(url) == null) {
            if (System.nanoTime() > deadline) {
                fail("Grafana (the stand-in, which exits if a provisioning file is unreadable by 472) does not answer at %s", url);
            }
            Thread.sleep(500);
        }
    }

    /** The healthchecks compose.yaml defines (wget in the images) report healthy. */
    private void awaitHealthy(Path docker, Path dir, List<String> composeArgs, List<String> services) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (String service : services) {
            List<String> ps = new ArrayList<>(composeArgs);
            ps.addAll(List.of("ps", "-q", service));
            String id = run(dir, 60, ps.toArray(String[]::new)).strip();
            assertThat(id).as("container of %s", service).isNotEmpty();
            String status = "";
            while (!status.equals("healthy")) {
                status = run(null, 30, docker.toString(), "inspect", "--format", "{{.State.Health.Status}}", id).strip();
                if (status.equals("unhealthy") || System.nanoTime() > deadline) {
                    String health = Tools.run(null, 30, docker.toString(), "inspect", "--format", "{{json .State.Health}}", id).output();
                    fail("%s is %s: %s", service, status, health);
                }
                Thread.sleep(500);
            }
        }
    }

    /** The JSON at url, or null while the server is not (yet) answering properly. */
    private JsonNode getJson(String url) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Runs a command that must succeed; returns its output. */
    private static String run(Path workDir, long timeoutSeconds, String... command) {
        Tools.Result r = Tools.run(workDir, timeoutSeconds, command);
        assertThat(r.exitCode()).as("%s exited with %s:%n%s", String.join(" ", command), r.exitCode(), r.output()).isZero();
        return r.output();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void log(String message) {
        System.out.printf("[docker e2e %5.1fs] %s%n", (System.nanoTime() - t0) / 1e9, message);
    }
}
