package io.monstack.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monstack.spec.PrometheusSettings;
import io.monstack.spec.SpecReader;
import io.monstack.spec.StackSpec;
import io.monstack.support.Cli;
import io.monstack.support.Tools;
import java.io.File;
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
 * platform: swarm on a real single-node swarm: the test starts its own dockerd (monstack's
 * daemon.json snippet merged in, data-root in a temp dir), `docker swarm init --advertise-addr
 * 127.0.0.1`, and a local registry (`docker-registry serve`, 127.0.0.1, a free port). Then, as a
 * user would: `monstack init` a swarm spec (host-mode ports: this kernel has no IPVS),
 * `monstack build-images --registry ... --push`, push the app, `docker stack deploy` the
 * monitoring stack and, as a second stack on its overlay network, the stand-in app with 3
 * replicas. Prometheus' API (its host-published port) must show the 3 replicas up, found as
 * tasks.app, and the engine's own metrics, found through the swarm API (role nodes). Then the
 * spec switches to swarm.discovery: dockerswarm, and after generate, build-images --push and
 * stack deploy the same 3 replicas are found through the swarm API. Everything started is
 * removed in finally, by PID: stacks, swarm, registry, dockerd.
 * Needs root and dockerd, docker, docker-registry, busybox-static, prometheus (CI installs them).
 */
@Tag("docker")
class SwarmE2ETest {
    private static final Path SCRIPTS = Path.of("e2e", "docker").toAbsolutePath();
    private static final String STACK = "swarm-e2e";
    private static final String APPS = "swarm-e2e-apps";
    private static final String LOCAL_APP = "local/monstack-swarm-app:latest";
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private final long t0 = System.nanoTime();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void aSwarmStackFindsEveryReplicaAndTheEngineOfEveryNode() throws Exception {
        Tools.require("dockerd", "docker.io");
        Path docker = Tools.require("docker", "docker.io");
        Path registryBin = Tools.require("docker-registry", "docker-registry");
        Tools.require("busybox", "busybox-static");
        Tools.require("prometheus", "prometheus");
        Tools.Result probe = Tools.run(null, 30, docker.toString(), "info", "--format", "{{.ServerVersion}}");
        if (probe.exitCode() == 0) {
            fail("a Docker engine already answers (docker info: %s): this test starts its own dockerd; stop it first",
                    probe.output().strip());
        }
        int registryPort = freePort();
        int prometheusPort = freePort();
        int grafanaPort = freePort();
        String registry = "127.0.0.1:" + registryPort;

        // ------------------------------------------------------------ the stack, as a user makes it
        Path specFile = tmp.resolve("swarm-monstack.yml");
        Files.writeString(specFile, """
                name: %s
                platform: swarm
                images: {registry: "%s"}
                swarm: {publishMode: host}
                prometheus: {scrapeInterval: 5s, port: %d}
                grafana: {port: %d}
                targets:
                  - {name: app, runtime: go, dns: {names: [tasks.app], port: 80, refreshInterval: 5s}}
                """.formatted(STACK, registry, prometheusPort, grafanaPort), StandardCharsets.UTF_8);
        Path dir = tmp.resolve("stack");
        Cli.Run init = Cli.run("init", dir.toString(), "--from", specFile.toString());
        assertThat(init.exitCode()).as("monstack init:%n%s%s", init.out(), init.err()).isZero();
        assertThat(init.err()).contains("note: Prometheus mounts /var/run/docker.sock");
        assertThat(dir.resolve("stack.yaml")).isRegularFile();
        StackSpec spec = SpecReader.read(dir.resolve("monstack.yml"));
        log("stack rendered in " + dir);

        Path state = Files.createTempDirectory("monstack-swarm-engine");
        Path daemonJson = writeDaemonJson(dir.resolve("docker/daemon.json"), state);
        Process registryProcess = null;
        boolean swarm = false;
        List<String> stacks = new ArrayList<>();
        try {
            run(null, 90, SCRIPTS.resolve("start-dockerd.sh").toString(), daemonJson.toString(), state.toString());
            log("dockerd up");
            run(null, 60, docker.toString(), "swarm", "init", "--advertise-addr", "127.0.0.1");
            swarm = true;
            log("single-node swarm up");
            registryProcess = startRegistry(registryBin, state, registryPort);
            log("registry up on " + registry + " (PID " + registryProcess.pid() + ")");
            run(null, 120, SCRIPTS.resolve("make-standins.sh").toString(), PrometheusSettings.DEFAULT_IMAGE,
                    spec.grafana().image(), LOCAL_APP);
            log("stand-in images made");

            // ------------------------------------------------------------ build-images --push, the app too
            Cli.Run build = Cli.run("build-images", dir.toString(), "--registry", registry, "--push");
            assertThat(build.exitCode()).as("monstack build-images --push:%n%s%s", build.out(), build.err()).isZero();
            assertThat(build.out()).contains("pushing " + registry + "/" + STACK + "/prometheus:latest",
                    "pushing " + registry + "/" + STACK + "/grafana:latest", "and pushed them");
            String appImage = registry + "/" + STACK + "/app:latest";
            run(null, 60, docker.toString(), "tag", LOCAL_APP, appImage);
            run(null, 120, docker.toString(), "push", appImage);
            log("images pushed to the registry");

            // ------------------------------------------------------------ stack deploy: monitoring, then the app
            Map<String, String> env = Map.of("GRAFANA_ADMIN_PASSWORD", grafanaPassword(dir));
            stacks.add(STACK);
            runWithEnv(dir, 180, env, docker.toString(), "stack", "deploy", "-c", "stack.yaml", STACK);
            Files.writeString(dir.resolve("apps.yaml"), appsStack(appImage, spec), StandardCharsets.UTF_8);
            stacks.add(APPS);
            runWithEnv(dir, 180, Map.of(), docker.toString(), "stack", "deploy", "-c", "apps.yaml", APPS);
            log("stacks deployed");

            String prometheus = "http://127.0.0.1:" + prometheusPort;
            JsonNode byDns = awaitTargets(prometheus, docker, false);
            log("tasks.app DNS: " + byDns);
            awaitHttp("http://127.0.0.1:" + grafanaPort + "/api/health", "Grafana (the stand-in exits if a provisioning file is unreadable)");
            log("grafana answers");

            // ------------------------------------------------------------ the same through the swarm API
            Path specPath = dir.resolve("monstack.yml");
            Files.writeString(specPath, Files.readString(specPath).replace("  discovery: dns\n", "  discovery: dockerswarm\n"));
            assertThat(Files.readString(specPath)).contains("discovery: dockerswarm");
            Cli.Run generate = Cli.run("generate", dir.toString());
            assertThat(generate.exitCode()).as("monstack generate:%n%s%s", generate.out(), generate.err()).isZero();
            assertThat(Files.readString(dir.resolve("prometheus/prometheus.yml"))).contains("role: \"tasks\"");
            Cli.Run rebuild = Cli.run("build-images", dir.toString(), "--push");
            assertThat(rebuild.exitCode()).as("build-images --push:%n%s%s", rebuild.out(), rebuild.err()).isZero();
            runWithEnv(dir, 180, env, docker.toString(), "stack", "deploy", "-c", "stack.yaml", STACK);
            log("redeployed with swarm.discovery: dockerswarm");
            JsonNode bySwarmApi = awaitTargets(prometheus, docker, true);
            log("swarm API: " + bySwarmApi);
        } finally {
            cleanUp(docker, stacks, swarm, registryProcess, state);
        }
    }

    /**
     * Polls the targets API until the app job has 3 up targets (found by DNS or, with dockerswarm,
     * through the swarm API), the engine of the node is up and engine_daemon_* series exist.
     */
    private JsonNode awaitTargets(String base, Path docker, boolean swarmApi) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String last = "no answer yet";
        while (true) {
            JsonNode targets = getJson(base + "/api/v1/targets?state=active");
            JsonNode engine = getJson(base + "/api/v1/query?query="
                    + URLEncoder.encode("count({__name__=~\"engine_daemon_.+\",job=\"docker\"})", StandardCharsets.UTF_8));
            if (targets != null) {
                Map<String, List<String>> up = new TreeMap<>();
                List<String> appSources = new ArrayList<>();
                List<String> notUp = new ArrayList<>();
                for (JsonNode t : targets.path("data").path("activeTargets")) {
                    String job = t.path("labels").path("job").asText();
                    if ("up".equals(t.path("health").asText())) {
                        up.computeIfAbsent(job, k -> new ArrayList<>()).add(t.path("scrapeUrl").asText());
                    } else {
                        notUp.add(job + " " + t.path("scrapeUrl").asText() + " " + t.path("health").asText() + " "
                                + t.path("lastError").asText());
                    }
                    if (job.equals("app")) {
                        appSources.add(t.path("discoveredLabels").has("__meta_dockerswarm_task_id") ? "swarm-api"
                                : t.path("discoveredLabels").has("__meta_dns_name") ? "dns" : "other");
                    }
                }
                double engineSeries = engine == null ? 0 : engine.path("data").path("result").path(0).path("value").path(1).asDouble(0);
                last = "up per job " + up + ", app found by " + appSources + ", not up " + notUp
                        + ", engine_daemon_* series " + engineSeries;
                boolean appsReady = up.getOrDefault("app", List.of()).size() == 3 && appSources.size() == 3
                        && appSources.stream().allMatch(s -> s.equals(swarmApi ? "swarm-api" : "dns"));
                if (appsReady && up.containsKey("docker") && up.containsKey("prometheus") && engineSeries > 0) {
                    assertThat(up.get("app")).doesNotHaveDuplicates();
                    return JSON.valueToTree(up);
                }
            }
            if (System.nanoTime() > deadline) {
                System.err.println(Tools.run(null, 60, docker.toString(), "service", "ls").output());
                System.err.println(Tools.run(null, 60, docker.toString(), "service", "ps", "--no-trunc", STACK + "_prometheus").output());
                System.err.println(Tools.run(null, 60, docker.toString(), "service", "logs", "--tail", "30", STACK + "_prometheus").output());
                fail("Prometheus did not find and scrape every target within %s s: %s", WAIT.toSeconds(), last);
            }
            Thread.sleep(1000);
        }
    }

    /** The user's app, as its own stack on the monitoring network: 3 replicas, labelled for dockerswarm discovery. */
    private static String appsStack(String image, StackSpec spec) {
        return """
                version: "3.8"
                services:
                  app:
                    image: "%s"
                    deploy:
                      replicas: 3
                      labels:
                        %s: "%s"
                networks:
                  default:
                    name: "%s"
                    external: true
                """.formatted(image, spec.deploy().scrapeLabelKey(), spec.deploy().scrapeLabelValue(), STACK + "-monitoring");
    }

    private Process startRegistry(Path registryBin, Path state, int port) throws Exception {
        Path dir = Files.createDirectories(state.resolve("registry"));
        Path config = dir.resolve("config.yml");
        Files.writeString(config, """
                version: 0.1
                log:
                  level: warn
                storage:
                  filesystem:
                    rootdirectory: %s
                http:
                  addr: 127.0.0.1:%d
                """.formatted(dir.resolve("data"), port), StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(registryBin.toString(), "serve", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        try {
            awaitHttp("http://127.0.0.1:" + port + "/v2/", "the registry");
        } catch (AssertionError e) {
            p.destroyForcibly();
            throw new AssertionError(e.getMessage() + "; log: " + Files.readString(dir.resolve("registry.log")), e);
        }
        return p;
    }

    private void cleanUp(Path docker, List<String> stacks, boolean swarm, Process registry, Path state) throws Exception {
        List<String> reversed = new ArrayList<>(stacks);
        java.util.Collections.reverse(reversed); // the apps first: they use the monitoring stack's network
        for (String stack : reversed) {
            report("docker stack rm " + stack, Tools.run(null, 120, docker.toString(), "stack", "rm", stack));
        }
        if (!stacks.isEmpty()) {
            // stack rm returns before the tasks are gone; the network goes last.
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline && !Tools.run(null, 30, docker.toString(), "ps", "-q").output().isBlank()) {
                Thread.sleep(500);
            }
        }
        if (swarm) {
            report("docker swarm leave --force", Tools.run(null, 120, docker.toString(), "swarm", "leave", "--force"));
        }
        if (registry != null) {
            registry.destroy();
            if (!registry.waitFor(15, TimeUnit.SECONDS)) {
                registry.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        report("stop-dockerd.sh", Tools.run(null, 90, SCRIPTS.resolve("stop-dockerd.sh").toString(), state.toString()));
        Tools.run(null, 120, "rm", "-rf", state.toString());
        log("cleaned up");
    }

    private static void report(String what, Tools.Result r) {
        if (r.exitCode() != 0) {
            System.err.println(what + " failed:\n" + r.output());
        }
    }

    /** daemon.json as an admin would have it, with the stack's docker/daemon.json merged in; data-root in the test's folder. */
    private static Path writeDaemonJson(Path snippetFile, Path state) throws IOException {
        JsonNode snippet = JSON.readTree(snippetFile.toFile());
        assertThat(snippet.path("metrics-addr").asText()).isEqualTo("0.0.0.0:9323");
        ObjectNode config = JSON.createObjectNode();
        config.put("data-root", state.resolve("data").toString());
        config.setAll((ObjectNode) snippet);
        Path file = state.resolve("daemon.json");
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config), StandardCharsets.UTF_8);
        return file;
    }

    /** What `set -a; . ./.env; set +a` exports: the Grafana admin password monstack wrote. */
    private static String grafanaPassword(Path dir) throws IOException {
        return Files.readAllLines(dir.resolve(".env")).stream().filter(l -> l.startsWith("GRAFANA_ADMIN_PASSWORD="))
                .map(l -> l.substring(l.indexOf('=') + 1)).findFirst().orElseThrow();
    }

    private void awaitHttp(String url, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " does not answer at " + url);
            }
            Thread.sleep(500);
        }
    }

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

    private static String run(Path workDir, long timeoutSeconds, String... command) {
        Tools.Result r = Tools.run(workDir, timeoutSeconds, command);
        assertThat(r.exitCode()).as("%s exited with %s:%n%s", String.join(" ", command), r.exitCode(), r.output()).isZero();
        return r.output();
    }

    /** Runs a command that must succeed, with extra environment variables (never on its command line). */
    private static String runWithEnv(Path workDir, long timeoutSeconds, Map<String, String> env, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).directory(workDir.toFile());
        pb.environment().putAll(env);
        File log = File.createTempFile("monstack-swarm", ".log");
        pb.redirectOutput(log);
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
        }
        String out = Files.readString(log.toPath());
        Files.deleteIfExists(log.toPath());
        assertThat(p.exitValue()).as("%s exited with %s:%n%s", String.join(" ", command), p.exitValue(), out).isZero();
        return out;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void log(String message) {
        System.out.printf("[swarm e2e %5.1fs] %s%n", (System.nanoTime() - t0) / 1e9, message);
    }
}
