package io.monstack.discover;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.monstack.spec.CustomMetric;
import io.monstack.spec.DockerEngine;
import io.monstack.spec.PrometheusSettings;
import io.monstack.spec.StackSpec;
import io.monstack.spec.Target;
import io.monstack.stack.RunOptions;
import io.monstack.stack.StackService;
import io.monstack.support.Cli;
import io.monstack.support.Net;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `monstack discover` through the real command line, against the fetcher test's HTTP server. */
class DiscoverCommandTest {

    @BeforeAll
    static void start() throws Exception {
        DiscoverFetcherTest.start();
    }

    @AfterAll
    static void stop() {
        DiscoverFetcherTest.stop();
    }

    static Cli.Run run(String... args) {
        return Cli.run(args);
    }

    static String base() {
        return DiscoverFetcherTest.base;
    }

    @Test
    void printsRuntimePathMetricsAndTheAddTargetCommand() {
        Cli.Run r = run("discover", base() + "/metrics");
        assertThat(r.exitCode()).as(r.err()).isZero();
        String hostPort = base().substring("http://".length());
        assertThat(r.out())
                .contains("Discovered " + base() + "/metrics")
                .containsPattern("runtime +node +\\(Node.js \\(prom-client\\); from nodejs_eventloop_lag_seconds\\)")
                .containsPattern("metrics path +/metrics")
                .containsPattern("target +" + hostPort)
                .containsPattern("access_log_total +counter +Number of access log lines processed")
                .containsPattern("access_client_ip_current +gauge")
                .containsPattern("access_request_duration_seconds +histogram")
                // named after the app's own metrics (access_*), not after its runtime
                // read on localhost: reached through host.docker.internal from the stack
                .contains("  monstack add-target access --runtime node --path /metrics --static host.docker.internal:"
                        + hostPort.substring(hostPort.indexOf(':') + 1)
                        + " --metric 'access_log_total:counter:Number of access log lines processed'")
                .contains("or: monstack discover " + base() + "/metrics --add access --static host.docker.internal:"
                        + hostPort.substring(hostPort.indexOf(':') + 1));
        assertThat(r.err()).contains("warning: 127.0.0.1 is the Prometheus container itself");
    }

    @Test
    void jsonForScripts() throws Exception {
        Cli.Run r = run("discover", base() + "/no-content-type", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("runtime").asText()).isEqualTo("node");
        assertThat(json.get("metricsPath").asText()).isEqualTo("/no-content-type");
        assertThat(json.get("contentType").isNull()).isTrue();
        assertThat(json.get("suggestedFallbackScrapeProtocol").asText()).isEqualTo("PrometheusText0.0.4");
        assertThat(json.get("customMetrics")).extracting(m -> m.get("name").asText() + ":" + m.get("type").asText())
                .containsExactly("access_log_total:counter", "access_client_ip_current:gauge",
                        "access_request_duration_seconds:histogram");
        assertThat(json.get("warnings").toString()).contains("without a Content-Type");
        assertThat(json.get("error").isNull()).isTrue();
        assertThat(r.err()).isEmpty();

        // a page that cannot be read is an answer on stdout too, beside the one line on stderr
        Cli.Run missing = run("discover", base() + "/no-such-page", "--json");
        assertThat(missing.exitCode()).isEqualTo(1);
        JsonNode failed = new ObjectMapper().readTree(missing.out());
        assertThat(failed.get("url").asText()).isEqualTo(base() + "/no-such-page");
        assertThat(failed.get("error").asText()).isNotBlank();
        assertThat(missing.err()).startsWith("error: ").contains(failed.get("error").asText());
    }

    @Test
    void addOnPrometheus3ScrapesAPageWithoutContentTypeThroughTheDefaultFallback(@TempDir Path dir) throws Exception {
        new StackService(m -> { }).init(dir, StackSpec.empty("shop"), RunOptions.DEFAULT);
        Cli.Run r = run("discover", base() + "/no-content-type", "--add", "access-log", "--static", "accesslog:80",
                "-C", dir.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        Target t = new StackService(m -> { }).load(dir).target("access-log").orElseThrow();
        assertThat(t.runtime()).isEqualTo("node");
        assertThat(t.metricsPath()).isEqualTo("/no-content-type");
        assertThat(t.staticTargets()).as("where Prometheus reaches it, not localhost").containsExactly("accesslog:80");
        assertThat(t.fallbackScrapeProtocol()).as("the default needs no entry in monstack.yml").isNull();
        assertThat(t.metrics()).extracting(CustomMetric::name)
                .containsExactly("access_log_total", "access_client_ip_current", "access_request_duration_seconds");
        String prom = Files.readString(dir.resolve("prometheus/prometheus.yml"), StandardCharsets.UTF_8);
        assertThat(prom).contains("job_name: \"access-log\"").contains("fallback_scrape_protocol: \"PrometheusText0.0.4\"");
        assertThat(dir.resolve("grafana/dashboards/service-access-log.json")).exists();
        assertThat(r.out()).contains("done:");

        Cli.Run again = run("discover", base() + "/metrics", "--add", "access-log", "-s", "accesslog:80", "-C", dir.toString());
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("error: target \"access-log\" already exists in monstack.yml; use --replace");
        Cli.Run replaced = run("discover", base() + "/metrics", "--add", "access-log", "--replace", "-s", "accesslog:80",
                "-C", dir.toString());
        assertThat(replaced.exitCode()).as(replaced.err()).isZero();
        assertThat(new StackService(m -> { }).load(dir).target("access-log").orElseThrow().fallbackScrapeProtocol()).isNull();
    }

    @Test
    void addOnPrometheus2LeavesTheFallbackOut(@TempDir Path dir) throws Exception {
        StackSpec v2 = StackSpec.builder("old").prometheus(PrometheusSettings.defaults().withImage("prom/prometheus:v2.53.0"))
                .dockerEngine(DockerEngine.disabled()).build();
        new StackService(m -> { }).init(dir, v2, RunOptions.DEFAULT);
        Cli.Run r = run("discover", base() + "/no-content-type", "--add", "web", "--static", "web:80", "-C", dir.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("Prometheus 2 accepts such pages and rejects the field");
        Target t = new StackService(m -> { }).load(dir).target("web").orElseThrow();
        assertThat(t.fallbackScrapeProtocol()).isNull();
        assertThat(Files.readString(dir.resolve("prometheus/prometheus.yml"), StandardCharsets.UTF_8))
                .contains("job_name: \"web\"").doesNotContain("fallback_scrape_protocol");
    }

    /** A page read on localhost is, inside the stack, Prometheus' own container: --add needs where Prometheus reaches the app. */
    @Test
    void addOfALocalhostPageNeedsTheAddressPrometheusReachesItAt(@TempDir Path dir) throws Exception {
        new StackService(m -> { }).init(dir, StackSpec.empty("shop"), RunOptions.DEFAULT);
        String before = Files.readString(dir.resolve("monstack.yml"));
        Cli.Run r = run("discover", base() + "/metrics", "--add", "web", "-C", dir.toString());
        String port = base().substring(base().lastIndexOf(':') + 1);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("error: cannot add \"" + base() + "/metrics\" at its own address: inside the stack that is "
                + "Prometheus' container; give --static HOST:PORT").contains("e.g. SERVICE:" + port + ", or host.docker.internal:" + port);
        assertThat(Files.readString(dir.resolve("monstack.yml"))).isEqualTo(before);
        // the add-target line it suggests reaches an app on the host
        assertThat(r.out()).contains("--static host.docker.internal:" + port).doesNotContain("--static 127.0.0.1");
        // 0.0.0.0 reaches this machine too (inside the stack: Prometheus' container)
        Cli.Run any = run("discover", base().replace("127.0.0.1", "0.0.0.0") + "/metrics", "--add", "web", "-C", dir.toString());
        assertThat(any.exitCode()).isEqualTo(1);
        assertThat(any.err()).contains("at its own address");
        // a hostile name never reaches the terminal raw
        Cli.Run hostile = run("discover", base() + "/metrics", "--add", "we\u001b[31mb\nfake: line", "-C", dir.toString());
        assertThat(hostile.exitCode()).isEqualTo(1);
        assertThat(hostile.err()).doesNotContain("\u001b").doesNotContain("fake: line\n");
        assertThat(Files.readString(dir.resolve("monstack.yml"))).isEqualTo(before);
        assertThat(run("discover", base() + "/metrics", "--static", "web:80").err()).contains("--static goes with --add NAME");
        Cli.Run bad = run("discover", base() + "/metrics", "--add", "web", "--static", "web:x", "-C", dir.toString());
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("target \"web\": --static");
    }

    @Test
    void addWithoutAStackFailsBeforeFetching(@TempDir Path dir) {
        Cli.Run r = run("discover", "http://127.0.0.1:1/metrics", "--add", "web", "-C", dir.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("error: no monstack.yml in " + dir + "; run `monstack init " + dir
                + "` first, or point --dir at the stack folder" + System.lineSeparator());
    }

    @Test
    void errorsAreOneLineAndExitOne() throws Exception {
        int port = Net.freePort(); // nothing listens there
        Cli.Run refused = run("discover", "http://127.0.0.1:" + port + "/metrics");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).isEqualTo("error: http://127.0.0.1:" + port + "/metrics: nothing listens on 127.0.0.1:"
                + port + " (connection refused); is the app running and listening on that port?" + System.lineSeparator());
        Cli.Run html = run("discover", base() + "/html");
        assertThat(html.exitCode()).isEqualTo(1);
        assertThat(html.err()).startsWith("error: " + base() + "/html does not look like a Prometheus metrics page").hasLineCount(1);
        Cli.Run usage = run("discover");
        assertThat(usage.exitCode()).isEqualTo(2);
        Cli.Run help = run("discover", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Examples:").contains("--add").contains("--json");
    }
}
