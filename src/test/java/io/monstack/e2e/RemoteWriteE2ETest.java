package io.monstack.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.monstack.support.Cli;
import io.monstack.support.Net;
import io.monstack.support.Processes;
import io.monstack.support.Progress;
import io.monstack.support.PromTools;
import io.monstack.support.Tools;
import java.io.File;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * remote_write between two real Prometheus 3.x servers (the pinned image's major, Debian sid's) on
 * 127.0.0.1: monstack renders a stack whose Prometheus sends to the second one (with --web.enable-remote-write-receiver,
 * behind basic auth from --web.config.file) with externalLabels {cluster: test}; the first runs
 * that prometheus.yml, with the password file where the container would have the secret
 * (/run/secrets/ is the only path rewritten). The series it scrapes arrive at the second
 * carrying the external label; with a wrong password in the file, the receiver refuses them.
 */
@Tag("e2e")
class RemoteWriteE2ETest {
    static final String USER = "monstack";
    static final String PASSWORD = "monstack-rw-e2e-password";
    /** bcrypt (cost 10) of PASSWORD, as the receiver's web config wants it. */
    static final String PASSWORD_HASH = "$2b$10$hUOpu3ztc0LIiGjWVU2OmeBa3cJSDVbm0fSKrUP1zhlcXemzCCeFG";
    static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    private final Progress progress = new Progress("remote-write e2e");

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void seriesScrapedByOnePrometheusArriveAtTheCentralOneWithTheExternalLabels() throws Exception {
        Path prometheus = PromTools.prometheus(3);
        int[] ports = Net.freePorts(2);
        int senderPort = ports[0];
        int receiverPort = ports[1];
        String receiver = "http://127.0.0.1:" + receiverPort;

        // ------------------------------------------------------------ the stack monstack renders
        Path spec = tmp.resolve("monstack-rw.yml");
        Files.writeString(spec, """
                name: rw-e2e
                prometheus: {image: "prom/prometheus:v3.5.0", scrapeInterval: 2s}
                dockerEngine: {enabled: false}
                externalLabels: {cluster: test, host: sender-1}
                remoteWrite:
                  - url: "%s/api/v1/write"
                    name: central
                    basicAuth: {username: %s, passwordFile: secrets/rw-password}
                targets:
                  - {name: sender-self, runtime: other, static: ["127.0.0.1:%d"]}
                """.formatted(receiver, USER, senderPort), StandardCharsets.UTF_8);
        Path dir = tmp.resolve("stack");
        Cli.Run init = Cli.run("init", dir.toString(), "--from", spec.toString());
        assertThat(init.exitCode()).as("monstack init:%n%s%s", init.out(), init.err()).isZero();
        String rendered = Files.readString(dir.resolve("prometheus/prometheus.yml"));
        assertThat(rendered).contains("password_file: \"/run/secrets/remote-write-central-password\"",
                "\"cluster\": \"test\"").doesNotContain(PASSWORD);
        assertThat(Files.readString(dir.resolve("compose.yaml"))).contains("\"remote-write-central-password\":",
                "file: \"secrets/rw-password\"");

        // The secret as compose would mount it: /run/secrets/NAME, here a folder of the test.
        Path secrets = Files.createDirectories(tmp.resolve("run-secrets"));
        Path passwordFile = secrets.resolve("remote-write-central-password");
        Files.writeString(passwordFile, PASSWORD, StandardCharsets.UTF_8);
        Path senderConfig = tmp.resolve("sender.yml");
        Files.writeString(senderConfig, rendered.replace("/run/secrets/", secrets + File.separator), StandardCharsets.UTF_8);
        PromTools.assertConfigValid(3, senderConfig);

        // ------------------------------------------------------------ the central store
        Path receiverConfig = tmp.resolve("receiver.yml");
        Files.writeString(receiverConfig, "global:\n  scrape_interval: 15s\n", StandardCharsets.UTF_8);
        Path webConfig = tmp.resolve("receiver-web.yml");
        Files.writeString(webConfig, "basic_auth_users:\n  " + USER + ": \"" + PASSWORD_HASH + "\"\n", StandardCharsets.UTF_8);
        Processes servers = new Processes(tmp, Duration.ofSeconds(15));
        try {
            start(servers, "receiver", prometheus.toString(), "--config.file=" + receiverConfig, "--web.config.file=" + webConfig,
                    "--storage.tsdb.path=" + tmp.resolve("receiver-data"), "--web.listen-address=127.0.0.1:" + receiverPort,
                    "--web.enable-remote-write-receiver");
            start(servers, "sender", prometheus.toString(), "--config.file=" + senderConfig,
                    "--storage.tsdb.path=" + tmp.resolve("sender-data"), "--web.listen-address=127.0.0.1:" + senderPort,
                    // at the end the receiver refuses every sample: do not wait the default minute to flush them on TERM
                    "--storage.remote.flush-deadline=1s");
            assertThat(status(receiver + "/api/v1/query?query=up")).as("the receiver refuses requests without auth").isEqualTo(401);

            // ------------------------------------------------------------ the series arrive, labelled
            String query = "prometheus_build_info{job=\"sender-self\",cluster=\"test\",host=\"sender-1\"}";
            JsonNode result = await("the sender's scraped series at the receiver", receiver, query, r -> r.size() > 0);
            assertThat(result.get(0).path("metric").path("instance").asText()).isEqualTo("127.0.0.1:" + senderPort);
            progress.log("series arrived at the receiver with cluster=test: " + result.get(0).path("metric"));
            JsonNode up = await("up of the sender's job", receiver, "up{job=\"sender-self\",cluster=\"test\"}",
                    r -> r.size() == 1 && r.get(0).path("value").path(1).asText().equals("1"));
            assertThat(up.get(0).path("metric").path("host").asText()).isEqualTo("sender-1");

            // ------------------------------------------------------------ the password really comes from the file
            Files.writeString(passwordFile, "a-wrong-password", StandardCharsets.UTF_8);
            String sender = "http://127.0.0.1:" + senderPort;
            await("remote-write failures at the sender after the password file changed", sender,
                    "sum(prometheus_remote_storage_samples_failed_total{remote_name=\"central\"})",
                    r -> r.size() == 1 && r.get(0).path("value").path(1).asDouble() > 0);
            progress.log("with a wrong password in the file, the receiver refuses the samples");
        } finally {
            progress.log("stopped " + servers.stopAll() + " servers");
        }
    }

    private JsonNode await(String what, String base, String query, Predicate<JsonNode> done) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String last = "no answer";
        while (true) {
            JsonNode answer = query(base, query);
            if (answer != null) {
                JsonNode result = answer.path("data").path("result");
                last = result.toString();
                if (done.test(result)) {
                    return result;
                }
            }
            if (System.nanoTime() > deadline) {
                fail("%s: not within %s s; %s gives %s", what, WAIT.toSeconds(), query, last);
            }
            Thread.sleep(1000);
        }
    }

    /** The query's JSON answer (basic auth for the receiver), or null while the server is not answering. */
    private static JsonNode query(String base, String promql) {
        return Net.getJsonOrNull(request(base + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)));
    }

    private static HttpRequest.Builder request(String url) {
        return Net.get(url).header("Authorization",
                "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }

    private int status(String url) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try {
                return Net.HTTP.send(Net.get(url).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(url + " does not answer: " + e.getMessage());
                }
                Thread.sleep(300);
            }
        }
    }

    private void start(Processes servers, String name, String... command) throws IOException {
        Process p = servers.start(name, null, command);
        progress.log("started " + name + " (PID " + p.pid() + "), log " + servers.logFile(name));
    }
}
