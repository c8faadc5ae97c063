package io.monstack.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.monstack.spec.PrometheusSettings;
import io.monstack.spec.SpecReader;
import io.monstack.spec.StackSpec;
import io.monstack.support.Cli;
import io.monstack.support.Net;
import io.monstack.support.OwnDockerd;
import io.monstack.support.Progress;
import io.monstack.support.Rendered;
import io.monstack.support.Tools;
import java.io.IOException;
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
 * The Prometheus stand-in carries the real 3.x binary (the pinned image's major, scripts/test-deps.sh).
 * Needs root and dockerd, docker, docker-registry, busybox-static (CI installs them).
 */
@Tag("docker")
class SwarmE2ETest {
    private static final String STACK = "swarm-e2e";
    private static final String APPS = "swarm-e2e-apps";
    private static final String LOCAL_APP = "local/monstack-swarm-app:latest";
    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path tmp;

    private final Progress progress = new Progress("swarm e2e");

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void aSwarmStackFindsEveryReplicaAndTheEngineOfEveryNode() throws Exception {
        Path docker = OwnDockerd.requireTools();
        Path registryBin = Tools.require("docker-registry", "docker-registry");
        OwnDockerd.requireNoEngineRunning(docker);
        int registryPort = Net.freePort();
        int prometheusPort = Net.freePort();
        int grafanaPort = Net.freePort();
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
        progress.log("stack rendered in " + dir);

        OwnDockerd engine = OwnDockerd.prepare(dir.resolve("docker/daemon.json"), Map.of());
        Process registryProcess = null;
        boolean swarm = false;
        List<String> stacks = new ArrayList<>();
        try {
            engine.start();
            progress.log("dockerd up");
            Tools.runOk(null, 60, docker.toString(), "swarm", "init", "--advertise-addr", "127.0.0.1");
            swarm = true;
            progress.log("single-node swarm up");
            registryProcess = startRegistry(registryBin, engine.state(), registryPort);
            progress.log("registry up on " + registry + " (PID " + registryProcess.pid() + ")");
            assertThat(spec.prometheus().image()).isEqualTo(PrometheusSettings.DEFAULT_IMAGE);
            progress.log("stand-in images made: " + engine.makeStandins(spec, LOCAL_APP).strip().replace('\n', ';'));

            // ------------------------------------------------------------ build-images --push, the app too
            Cli.Run build = Cli.run("build-images", dir.toString(), "--registry", registry, "--push");
            assertThat(build.exitCode()).as("monstack build-images --push:%n%s%s", build.out(), build.err()).isZero();
            assertThat(build.out()).contains("pushing " + registry + "/" + STACK + "/prometheus:latest",
                    "pushing " + registry + "/" + STACK + "/grafana:latest", "and pushed them");
            String appImage = registry + "/" + STACK + "/app:latest";
            Tools.runOk(null, 60, docker.toString(), "tag", LOCAL_APP, appImage);
            Tools.runOk(null, 120, docker.toString(), "push", appImage);
            progress.log("images pushed to the registry");

            // ------------------------------------------------------------ stack deploy: monitoring, then the app
            Map<String, String> env = Map.of("GRAFANA_ADMIN_PASSWORD", grafanaPassword(dir));
            stacks.add(STACK);
            Tools.runOk(dir, 180, env, docker.toString(), "stack", "deploy", "-c", "stack.yaml", STACK);
            Files.writeString(dir.resolve("apps.yaml"), appsStack(appImage, spec), StandardCharsets.UTF_8);
            stacks.add(APPS);
            Tools.runOk(dir, 180, docker.toString(), "stack", "deploy", "-c", "apps.yaml", APPS);
            progress.log("stacks deployed");

            String prometheus = "http://127.0.0.1:" + prometheusPort;
            JsonNode byDns = awaitTargets(prometheus, docker, false);
            progress.log("tasks.app DNS: " + byDns);
            awaitHttp("http://127.0.0.1:" + grafanaPort + "/api/health", "Grafana (the stand-in exits if a provisioning file is unreadable)");
            progress.log("grafana answers");

            // ------------------------------------------------------------ the same through the swarm API
            Path specPath = dir.resolve("monstack.yml");
            Files.writeString(specPath, Files.readString(specPath).replace("  discovery: dns\n", "  discovery: dockerswarm\n"));
            assertThat(Files.readString(specPath)).contains("discovery: dockerswarm");
            Cli.Run generate = Cli.run("generate", dir.toString());
            assertThat(generate.exitCode()).as("monstack generate:%n%s%s", generate.out(), generate.err()).isZero();
            assertThat(Files.readString(dir.resolve("prometheus/prometheus.yml"))).contains("role: \"tasks\"");
            Cli.Run rebuild = Cli.run("build-images", dir.toString(), "--push");
            assertThat(rebuild.exitCode()).as("build-images --push:%n%s%s", rebuild.out(), rebuild.err()).isZero();
            Tools.runOk(dir, 180, env, docker.toString(), "stack", "deploy", "-c", "stack.yaml", STACK);
            progress.log("redeployed with swarm.discovery: dockerswarm");
            JsonNode bySwarmApi = awaitTargets(prometheus, docker, true);
            progress.log("swarm API: " + bySwarmApi);
        } finally {
            cleanUp(docker, stacks, swarm, registryProcess, engine);
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
            JsonNode targets = Net.getJsonOrNull(base + "/api/v1/targets?state=active");
            double engineSeries = OwnDockerd.engineSeriesScrapedBy(base);
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
                last = "up per job " + up + ", app found by " + appSources + ", not up " + notUp
                        + ", engine_daemon_* series " + engineSeries;
                boolean appsReady = up.getOrDefault("app", List.of()).size() == 3 && appSources.size() == 3
                        && appSources.stream().allMatch(s -> s.equals(swarmApi ? "swarm-api" : "dns"));
                if (appsReady && up.containsKey("docker") && up.containsKey("prometheus") && engineSeries > 0) {
                    assertThat(up.get("app")).doesNotHaveDuplicates();
                    return Rendered.JSON.valueToTree(up);
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

    private void cleanUp(Path docker, List<String> stacks, boolean swarm, Process registry, OwnDockerd engine) throws Exception {
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
        engine.stop();
        progress.log("cleaned up");
    }

    private static void report(String what, Tools.Result r) {
        if (r.exitCode() != 0) {
            System.err.println(what + " failed:\n" + r.output());
        }
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
                HttpResponse<Void> r = Net.HTTP.send(Net.get(url).build(), HttpResponse.BodyHandlers.discarding());
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
}
