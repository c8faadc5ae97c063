package io.monstack.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.monstack.spec.AlertReceiver;
import io.monstack.spec.AlertThresholds;
import io.monstack.spec.AlertingSettings;
import io.monstack.spec.DockerEngine;
import io.monstack.spec.PathLocator;
import io.monstack.spec.PrometheusSettings;
import io.monstack.spec.SpecValidator;
import io.monstack.spec.StackSpec;
import io.monstack.spec.Target;
import io.monstack.spec.TargetDraft;
import io.monstack.support.Net;
import io.monstack.support.Processes;
import io.monstack.support.PromTools;
import io.monstack.support.PrometheusMajors;
import io.monstack.support.Rendered;
import io.monstack.support.Waits;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real alert, end to end: a real Prometheus 3.x (the pinned image's major, Debian sid's) runs the
 * prometheus.yml and rule files monstack generates, scraping a tiny metrics page served by this test;
 * a real Alertmanager 0.28.1 (the pinned image's version, Debian trixie's) runs the generated alertmanager.yml, whose webhook receiver is another server of
 * this test. The page is stopped: TargetDown goes pending, then firing after the spec's 5s, and
 * Alertmanager delivers it; the page comes back: the alert resolves and the resolution is delivered
 * (send_resolved). Everything listens on 127.0.0.1, on free ports; every wait is bounded.
 */
@Tag("e2e")
class AlertingE2ETest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String JOB = "shop-api";

    @TempDir
    Path tmp;

    private final List<JsonNode> notifications = new CopyOnWriteArrayList<>();

    @Test
    void aTargetThatGoesDownFiresDeliversAndResolves() throws Exception {
        Path prometheus = PromTools.prometheus(3);
        Path alertmanager = PromTools.alertmanager();
        int[] ports = Net.freePorts(4);
        int metricsPort = ports[0];
        int promPort = ports[1];
        int amPort = ports[2];
        int hookPort = ports[3];

        StackSpec spec = spec(metricsPort, hookPort);
        SpecValidator.requireValid(spec, PathLocator.NONE);
        Path dir = new Rendered(spec).writeTo(tmp.resolve("stack"));
        // The stack's config names its containers (alertmanager:9093, Prometheus at localhost:9090);
        // here they are processes on 127.0.0.1. Only those two addresses change.
        Path config = dir.resolve("prometheus/prometheus.yml");
        String yml = Files.readString(config);
        assertThat(yml).contains("\"alertmanager:9093\"", "\"localhost:9090\"");
        Files.writeString(config, yml.replace("\"alertmanager:9093\"", "\"127.0.0.1:" + amPort + "\"")
                .replace("\"localhost:9090\"", "\"127.0.0.1:" + promPort + "\""));
        PromTools.assertConfigValid(PrometheusMajors.of(spec), config);
        PromTools.assertAlertmanagerConfigValid(dir, "alertmanager/alertmanager.yml");

        Processes servers = new Processes(tmp, Duration.ofSeconds(5));
        HttpServer hook = webhook(hookPort);
        HttpServer metrics = metricsPage(metricsPort);
        try {
            servers.start("alertmanager", null, alertmanager.toString(), "--config.file=" + dir.resolve("alertmanager/alertmanager.yml"),
                    "--storage.path=" + tmp.resolve("am-data"), "--web.listen-address=127.0.0.1:" + amPort,
                    "--cluster.listen-address=", "--log.level=debug");
            servers.start("prometheus", null, prometheus.toString(), "--config.file=" + config, "--storage.tsdb.path=" + tmp.resolve("prom-data"),
                    "--web.listen-address=127.0.0.1:" + promPort);
            String prom = "http://127.0.0.1:" + promPort;
            await("Alertmanager ready", Duration.ofSeconds(20), () -> status("http://127.0.0.1:" + amPort + "/-/ready") == 200);
            await("the target up in Prometheus", Duration.ofSeconds(30), () -> {
                JsonNode targets = get(prom + "/api/v1/targets");
                for (JsonNode t : targets.path("data").path("activeTargets")) {
                    if (JOB.equals(t.path("labels").path("job").asText()) && "up".equals(t.path("health").asText())) {
                        return true;
                    }
                }
                return false;
            });
            assertThat(alertState(prom)).as("no alert while the target is up").isEmpty();

            metrics.stop(0);
            long down = System.nanoTime();
            await("TargetDown pending", Duration.ofSeconds(15), () -> alertState(prom).equals("pending"));
            long pendingAt = System.nanoTime();
            await("TargetDown firing", Duration.ofSeconds(20), () -> alertState(prom).equals("firing"));
            assertThat(Duration.ofNanos(System.nanoTime() - pendingAt)).as("pending for the spec's for: 5s")
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(3));
            await("the webhook to receive the firing alert", Duration.ofSeconds(20), () -> delivered("firing"));
            JsonNode firing = notifications.stream().filter(n -> matches(n, "firing")).findFirst().orElseThrow();
            JsonNode alert = firing.get("alerts").get(0);
            assertThat(firing.get("receiver").asText()).isEqualTo("severity-critical");
            assertThat(alert.get("labels").get("severity").asText()).isEqualTo("critical");
            assertThat(alert.get("labels").get("instance").asText()).isEqualTo("127.0.0.1:" + metricsPort);
            assertThat(alert.get("annotations").get("summary").asText()).isEqualTo(JOB + " target 127.0.0.1:" + metricsPort + " is down");
            assertThat(Duration.ofNanos(System.nanoTime() - down)).isLessThan(Duration.ofSeconds(40));

            metrics = metricsPage(metricsPort);
            await("the resolution delivered (send_resolved)", Duration.ofSeconds(25), () -> delivered("resolved"));
            assertThat(alertState(prom)).as("no alert once the target is back").isEmpty();
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nnotifications: " + notifications + "\n" + servers.logTails(), e);
        } finally {
            stopQuietly(metrics);
            stopQuietly(hook);
            servers.stopAll();
        }
    }

    /** One service scraped every second, down after 5s, to a webhook; notifications grouped after 1s. */
    static StackSpec spec(int metricsPort, int hookPort) {
        Target target = new TargetDraft(JOB).runtime("other").metricsPath("/metrics").addStatic("127.0.0.1:" + metricsPort)
                .alerts(AlertThresholds.NONE.withDownFor("5s")).toTarget();
        AlertingSettings alerting = new AlertingSettings(true, AlertingSettings.DEFAULT_IMAGE, 9093, "1s", "1s", "1h",
                AlertThresholds.NONE.withFor("1m"),
                List.of(new AlertReceiver("test-hook", List.of("critical"), true, null, null,
                        new AlertReceiver.Webhook("http://127.0.0.1:" + hookPort + "/hook", null))));
        return StackSpec.builder("alert-e2e").prometheus(PrometheusSettings.defaults().withScrapeInterval("1s").withRetention("1d"))
                .dockerEngine(DockerEngine.disabled()).targets(List.of(target)).alerting(alerting).build();
    }

    /** TargetDown's state for our job in Prometheus: "", "pending" or "firing". */
    static String alertState(String prom) throws IOException, InterruptedException {
        for (JsonNode a : get(prom + "/api/v1/alerts").path("data").path("alerts")) {
            if ("TargetDown".equals(a.path("labels").path("alertname").asText()) && JOB.equals(a.path("labels").path("job").asText())) {
                return a.path("state").asText();
            }
        }
        return "";
    }

    private boolean delivered(String status) {
        return notifications.stream().anyMatch(n -> matches(n, status));
    }

    private static boolean matches(JsonNode n, String status) {
        if (!status.equals(n.path("status").asText())) {
            return false;
        }
        for (JsonNode a : n.path("alerts")) {
            if ("TargetDown".equals(a.path("labels").path("alertname").asText()) && JOB.equals(a.path("labels").path("job").asText())
                    && status.equals(a.path("status").asText())) {
                return true;
            }
        }
        return false;
    }

    private HttpServer webhook(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 0);
        server.createContext("/hook", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                notifications.add(JSON.readTree(in.readAllBytes()));
            } catch (IOException e) {
                notifications.add(JSON.createObjectNode().put("unreadable", e.getMessage()));
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static HttpServer metricsPage(int port) throws IOException {
        HttpServer server = null;
        IOException last = null;
        for (int attempt = 0; attempt < 20 && server == null; attempt++) {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 0);
            } catch (java.net.BindException e) {
                last = e;
                Waits.sleep(250);
            }
        }
        if (server == null) {
            throw last;
        }
        byte[] page = """
                # HELP shop_orders_total Orders placed.
                # TYPE shop_orders_total counter
                shop_orders_total 42
                """.getBytes(StandardCharsets.UTF_8);
        server.createContext("/metrics", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
        });
        server.start();
        return server;
    }

    // ---------------------------------------------------------------- plumbing

    interface Check {
        boolean ok() throws Exception;
    }

    static void await(String what, Duration limit, Check check) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (check.ok()) {
                    return;
                }
            } catch (IOException e) {
                last = e; // not listening yet, or an empty answer right after start
            }
            Waits.sleep(200);
        }
        throw new AssertionError("gave up waiting for " + what + " after " + limit.toSeconds() + " s"
                + (last == null ? "" : " (last error: " + last + ")"));
    }

    static JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = Net.HTTP.send(Net.get(url).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200 || r.body().isBlank()) {
            throw new IOException(url + " answered " + r.statusCode());
        }
        return JSON.readTree(r.body());
    }

    static int status(String url) throws IOException, InterruptedException {
        return Net.HTTP.send(Net.get(url).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void stopQuietly(HttpServer server) {
        try {
            server.stop(0);
        } catch (RuntimeException alreadyStopped) {
            // stopped by the test already
        }
    }
}
