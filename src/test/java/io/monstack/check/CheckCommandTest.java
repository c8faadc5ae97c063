package io.monstack.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.monstack.cli.ExitCodes;
import io.monstack.support.Cli;
import io.monstack.support.Net;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command's contract without a running stack: exit codes, one-line errors, --json when Prometheus does not answer, help. */
class CheckCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path stack() {
        Path dir = tmp.resolve("stack");
        Cli.Run init = Cli.run("init", dir.toString(), "--name", "shop", "--no-input", "--target", "name=web,runtime=go,static=web:8080");
        assertThat(init.exitCode()).as(init.err()).isZero();
        assertThat(init.out()).as("init's last line names check as the step after compose up")
                .contains("docker compose up -d --build && monstack check --wait 2m");
        return dir;
    }

    @Test
    void prometheusNotAnsweringIsExit3WithOneLineNamingTheUrl() throws Exception {
        Path dir = stack();
        String url = "http://127.0.0.1:" + Net.freePort();
        Cli.Run run = Cli.run("check", dir.toString(), "--url", url);
        assertThat(run.exitCode()).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(run.err().strip()).startsWith("error: no Prometheus answers at " + url + " (connection refused)")
                .doesNotContain("\n");
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).as("the fix names the stack's folder and how to start it")
                .contains("(`cd " + dir + " && docker compose ps -a prometheus`)? start it: `cd " + dir
                        + " && docker compose up -d --build`; or give Prometheus' address with --url");

        // with --wait it keeps trying until the time is up, then says the same
        long start = System.nanoTime();
        Cli.Run waited = Cli.run("check", dir.toString(), "--url", url, "--wait", "2s");
        assertThat(waited.exitCode()).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat((System.nanoTime() - start) / 1e9).isGreaterThanOrEqualTo(2.0);
        assertThat(waited.err()).contains("waiting for Prometheus at " + url, "error: no Prometheus answers at " + url);
        assertThat(waited.out()).isEmpty();
    }

    @Test
    void withJsonPrometheusNotAnsweringIsAJsonReportOnStdoutAndStillExit3() throws Exception {
        Path dir = stack();
        String url = "http://127.0.0.1:" + Net.freePort();
        Cli.Run run = Cli.run("check", dir.toString(), "--url", url, "--json");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(run.err().strip()).as("the one line on stderr, as without --json")
                .startsWith("error: no Prometheus answers at " + url + " (connection refused): is the stack running").doesNotContain("\n");

        JsonNode report = JSON.readTree(run.out());
        assertThat(report.path("stack").asText()).isEqualTo("shop");
        assertThat(report.path("healthy").isBoolean()).isTrue();
        assertThat(report.path("healthy").asBoolean()).isFalse();
        JsonNode prometheus = report.path("prometheus");
        assertThat(prometheus.path("url").asText()).isEqualTo(url);
        assertThat(prometheus.path("reachable").isBoolean() && !prometheus.path("reachable").asBoolean()).as(run.out()).isTrue();
        assertThat(prometheus.path("error").asText()).isEqualTo(run.err().strip().substring("error: ".length()));
        assertThat(prometheus.path("version").isNull()).isTrue();
        assertThat(prometheus.path("uptimeSeconds").isNull()).isTrue();
        // the same keys as a report of a running stack, empty
        assertThat(report.path("jobs").isArray() && report.path("jobs").isEmpty()).isTrue();
        assertThat(report.path("dashboards").isArray() && report.path("dashboards").isEmpty()).isTrue();
        assertThat(report.path("rules").isNull()).isTrue();
        assertThat(report.path("grafana").isNull()).isTrue();
        assertThat(report.path("wait").isNull()).isTrue();
        assertThat(report.path("findings")).singleElement().satisfies(f -> {
            assertThat(f.path("area").asText()).isEqualTo("prometheus");
            assertThat(f.path("severity").asText()).isEqualTo("problem");
            assertThat(f.path("subject").asText()).isEqualTo("prometheus");
            assertThat(f.path("cause").asText()).isEqualTo("no Prometheus answers at " + url + " (connection refused)");
            assertThat(f.path("fix").asText()).isEqualTo("is the stack running (`cd " + dir + " && docker compose ps -a "
                    + "prometheus`)? start it: `cd " + dir + " && docker compose up -d --build`; or give Prometheus' address with --url");
            assertThat(f.path("snippet").isArray()).isTrue();
        });

        // --wait that runs out before Prometheus answers: the same report, with how long it waited
        Cli.Run waited = Cli.run("check", dir.toString(), "--url", url, "--wait", "1s", "--json");
        assertThat(waited.exitCode()).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(waited.err()).contains("waiting for Prometheus at " + url, "error: no Prometheus answers at " + url);
        JsonNode afterWait = JSON.readTree(waited.out());
        assertThat(afterWait.path("healthy").asBoolean(true)).isFalse();
        assertThat(afterWait.path("prometheus").path("reachable").asBoolean(true)).isFalse();
        assertThat(afterWait.path("wait").path("waitedSeconds").asDouble()).isGreaterThanOrEqualTo(1.0);
        assertThat(afterWait.path("wait").path("timeToFirstDataSeconds").isNull()).isTrue();
        assertThat(afterWait.path("findings")).singleElement()
                .satisfies(f -> assertThat(f.path("cause").asText()).startsWith("no Prometheus answers at " + url));
    }

    @Test
    void withJsonAServerThatIsNotPrometheusIsAJsonReportNamingTheUrlToGive() throws Exception {
        Path dir = stack();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "<html>not found</html>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            Cli.Run run = Cli.run("check", dir.toString(), "--url", url, "--json");
            assertThat(run.exitCode()).isEqualTo(ExitCodes.ENVIRONMENT);
            assertThat(run.err().strip()).isEqualTo("error: " + url + "/api/v1/status/buildinfo answered HTTP 404: that is not "
                    + "Prometheus' API; give the Prometheus URL with --url");
            JsonNode report = JSON.readTree(run.out());
            assertThat(report.path("healthy").asBoolean(true)).isFalse();
            assertThat(report.path("prometheus").path("reachable").asBoolean(true)).isFalse();
            assertThat(report.path("findings")).singleElement().satisfies(f -> {
                assertThat(f.path("cause").asText()).isEqualTo(url + "/api/v1/status/buildinfo answered HTTP 404: that is not "
                        + "Prometheus' API");
                assertThat(f.path("fix").asText()).isEqualTo("give the Prometheus URL with --url");
            });
        } finally {
            server.stop(0);
        }
    }

    @Test
    void badInputIsOneLineAndExit1() throws Exception {
        Path dir = stack();
        Cli.Run wait = Cli.run("check", dir.toString(), "--wait", "2x");
        assertThat(wait.exitCode()).isEqualTo(ExitCodes.USER_ERROR);
        assertThat(wait.err().strip()).isEqualTo("error: --wait 2x is not a duration of up to 1h; write e.g. 30s or 2m");

        Cli.Run url = Cli.run("check", dir.toString(), "--url", "localhost:9090");
        assertThat(url.exitCode()).isEqualTo(ExitCodes.USER_ERROR);
        assertThat(url.err().strip()).isEqualTo("error: --url: \"localhost:9090\" is not a URL; write it with the scheme, "
                + "e.g. http://localhost:9090");

        Cli.Run noStack = Cli.run("check", tmp.resolve("nothing").toString());
        assertThat(noStack.exitCode()).isEqualTo(ExitCodes.USER_ERROR);
        assertThat(noStack.err().strip()).startsWith("error: no monstack.yml in ").doesNotContain("\n");

        assertThat(Cli.run("check", "--no-such-option").exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void helpShowsExamplesAndTheExitCodes() {
        Cli.Run help = Cli.run("check", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--wait", "--json", "--url", "monstack check mystack --wait 2m",
                "3 Prometheus not reachable, 5 problems found");
        assertThat(Cli.run("--help").out()).contains("5 check found problems", "monstack check mystack --wait 2m");
    }
}
