package io.monstack.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monstack.spec.StackSpec;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Docker engine a test starts for itself (e2e/docker/start-dockerd.sh) with monstack's
 * daemon.json snippet merged in, its data-root and logs in a temp folder so the test's images and
 * containers stay out of /var/lib/docker. stop() ends it by the PID the script wrote.
 */
public final class OwnDockerd {
    private static final Path SCRIPTS = Path.of("e2e", "docker").toAbsolutePath();

    private final Path state;

    private OwnDockerd(Path state) {
        this.state = state;
    }

    /** Requires what every engine test needs and returns the docker client. */
    public static Path requireTools() {
        Tools.require("dockerd", "docker.io");
        Path docker = Tools.require("docker", "docker.io");
        Tools.require("busybox", "busybox-static");
        return docker;
    }

    /**
     * Fails if an engine already answers: ours takes the default socket, and a test must never
     * deploy to, or stop, an engine it did not start.
     */
    public static void requireNoEngineRunning(Path docker) {
        Tools.Result probe = Tools.run(null, 30, docker.toString(), "info", "--format", "{{.ServerVersion}}");
        if (probe.exitCode() == 0) {
            fail("a Docker engine already answers (docker info: %s): this test starts its own dockerd with monstack's "
                    + "daemon.json on the default socket; stop the running engine first", probe.output().strip());
        }
    }

    /**
     * A state folder and a daemon.json in it, as an admin would have it: the admin's own settings,
     * data-root in the state folder, and the stack's docker/daemon.json snippet merged in.
     */
    public static OwnDockerd prepare(Path snippetFile, Map<String, String> adminSettings) throws IOException {
        JsonNode snippet = Rendered.JSON.readTree(snippetFile.toFile());
        assertThat(snippet.path("metrics-addr").asText()).isEqualTo("0.0.0.0:9323");
        Path state = Files.createTempDirectory("monstack-e2e-engine");
        ObjectNode config = Rendered.JSON.createObjectNode();
        config.put("data-root", state.resolve("data").toString());
        adminSettings.forEach(config::put);
        config.setAll((ObjectNode) snippet);
        Files.writeString(state.resolve("daemon.json"), Rendered.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config),
                StandardCharsets.UTF_8);
        return new OwnDockerd(state);
    }

    /** The temp folder: data-root, daemon.json, dockerd.log, and room for the test's own files. */
    public Path state() {
        return state;
    }

    /** Starts dockerd; the script waits (bounded) until `docker info` works. */
    public void start() {
        Tools.runOk(null, 90, SCRIPTS.resolve("start-dockerd.sh").toString(), state.resolve("daemon.json").toString(), state.toString());
    }

    /**
     * Stand-ins for the stack's base images and the app, made locally: no registry is reachable.
     * The Prometheus one carries a real Prometheus of the pinned image's major (3.x from sid, or 2.42);
     * with the host view on, one tagged as the pinned node-exporter image carries the real
     * node_exporter of the tag's version (trixie's build). Returns the script's output, which
     * names those versions.
     */
    public String makeStandins(StackSpec spec, String appImage) {
        int major = PrometheusMajors.of(spec);
        Map<String, String> env = new HashMap<>(Map.of("PROMETHEUS_BIN", PromTools.prometheus(major).toString(),
                "PROMTOOL_BIN", PromTools.promtool(major).toString()));
        List<String> cmd = new ArrayList<>(List.of(SCRIPTS.resolve("make-standins.sh").toString(), spec.prometheus().image(),
                spec.grafana().image(), appImage));
        if (spec.hostMetrics().enabled()) {
            String image = spec.hostMetrics().image();
            env.put("NODE_EXPORTER_BIN", PromTools.nodeExporter(nodeExporterVersion(image)).toString());
            cmd.add(image);
        }
        return Tools.runOk(null, 120, env, cmd.toArray(String[]::new));
    }

    /** The version a node-exporter image's tag pins: prom/node-exporter:v1.9.0 is 1.9.0. */
    static String nodeExporterVersion(String image) {
        int tag = image.lastIndexOf(":v");
        assertThat(tag).as("node-exporter image %s has no :vX.Y.Z tag", image).isPositive();
        return image.substring(tag + 2);
    }

    /** How many of the engine's own series (engine_daemon_*, job docker) the Prometheus at base has; 0 while it does not answer. */
    public static double engineSeriesScrapedBy(String prometheusBase) {
        JsonNode engine = Net.getJsonOrNull(prometheusBase + "/api/v1/query?query="
                + URLEncoder.encode("count({__name__=~\"engine_daemon_.+\",job=\"docker\"})", StandardCharsets.UTF_8));
        return engine == null ? 0 : engine.path("data").path("result").path(0).path("value").path(1).asDouble(0);
    }

    /** Stops dockerd (and its containerd) by PID and removes the state folder; failures are reported, not thrown (called in finally). */
    public void stop() {
        Tools.Result stop = Tools.run(null, 90, SCRIPTS.resolve("stop-dockerd.sh").toString(), state.toString());
        if (stop.exitCode() != 0) {
            System.err.println("stop-dockerd.sh failed:\n" + stop.output());
        }
        Tools.run(null, 120, "rm", "-rf", state.toString());
    }
}
