package io.monstack.discover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.monstack.render.ShellQuote;
import io.monstack.spec.CustomMetric;
import io.monstack.spec.MetricType;
import io.monstack.spec.Target;
import io.monstack.spec.TargetDraft;
import io.monstack.stack.UserException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The exposition parser, runtime detection and custom-metric selection on pages captured from the real apps. */
class DiscoverParserTest {

    static String sample(String name) {
        try (InputStream in = DiscoverParserTest.class.getResourceAsStream("/discover/" + name)) {
            assertThat(in).as("test resource /discover/%s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static Discovery analyse(String file, String url, String contentType) {
        return MetricsDiscovery.analyse(url, URI.create(url), contentType, sample(file));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "spring.txt, 62",
        "node.txt, 34",
        "python.txt, 15",
        "node-exporter.txt, 283",
        "prometheus.txt, 169"})
    void realPagesParseWithoutProblems(String file, int families) {
        ExpositionParser.Page page = ExpositionParser.parse(sample(file), false);
        assertThat(page.problems()).isEmpty();
        assertThat(page.openMetrics()).isFalse();
        assertThat(page.families()).hasSize(families);
        assertThat(page.sampleCount()).isGreaterThan(families / 2);
        // every sample lands in a declared family (the counts equal the # TYPE lines); a few may be empty
        assertThat(page.families().stream().filter(f -> f.samples().isEmpty()).count()).isLessThanOrEqualTo(3);
    }

    @Test
    void springPage() {
        Discovery d = analyse("spring.txt", "http://127.0.0.1:19101/actuator/prometheus", "text/plain;version=0.0.4;charset=utf-8");
        assertThat(d.runtime()).isEqualTo("spring-boot");
        assertThat(d.runtimeEvidence()).contains("application_ready_time_seconds");
        assertThat(d.metricsPath()).isEqualTo("/actuator/prometheus");
        assertThat(d.staticTarget()).isEqualTo("127.0.0.1:19101");
        assertThat(d.suggestedFallbackScrapeProtocol()).isNull();
        assertThat(d.customMetrics()).containsExactly(
                new CustomMetric("orders_latency_seconds", MetricType.HISTOGRAM, "Order processing latency"),
                new CustomMetric("orders_processed_total", MetricType.COUNTER, "Number of orders processed"),
                new CustomMetric("orders_queue_depth", MetricType.GAUGE, ""));
    }

    @Test
    void nodePage() {
        Discovery d = analyse("node.txt", "http://127.0.0.1:19102/metrics", "text/plain; version=0.0.4; charset=utf-8");
        assertThat(d.runtime()).isEqualTo("node");
        assertThat(d.customMetrics()).containsExactly(
                new CustomMetric("access_log_total", MetricType.COUNTER, "Number of access log lines processed"),
                new CustomMetric("access_client_ip_current", MetricType.GAUGE, "Number of distinct client IPs currently seen"),
                new CustomMetric("access_request_duration_seconds", MetricType.HISTOGRAM, "Request duration in seconds"));
    }

    @Test
    void pythonPageDropsTheCreatedGauges() {
        Discovery d = analyse("python.txt", "http://127.0.0.1:19103/metrics", "text/plain; version=0.0.4; charset=utf-8");
        assertThat(d.runtime()).isEqualTo("python");
        assertThat(d.customMetrics()).extracting(CustomMetric::name, CustomMetric::type).containsExactly(
                org.assertj.core.groups.Tuple.tuple("jobs_completed_total", MetricType.COUNTER),
                org.assertj.core.groups.Tuple.tuple("jobs_in_progress", MetricType.GAUGE),
                org.assertj.core.groups.Tuple.tuple("job_duration_seconds", MetricType.HISTOGRAM));
    }

    @Test
    void exportersHaveNoCustomMetrics() {
        Discovery ne = analyse("node-exporter.txt", "http://127.0.0.1:9100/metrics", "text/plain; version=0.0.4; charset=utf-8");
        assertThat(ne.runtime()).isEqualTo("node-exporter");
        assertThat(ne.customMetrics()).isEmpty();
        Discovery prom = analyse("prometheus.txt", "http://127.0.0.1:9090/metrics", "text/plain; version=0.0.4; charset=utf-8");
        assertThat(prom.runtime()).isEqualTo("go");
        assertThat(prom.runtimeEvidence()).contains("prometheus_build_info");
        assertThat(prom.customMetrics()).isEmpty();
        assertThat(prom.warnings()).anyMatch(w -> w.contains("no metrics of the app's own"));
    }

    @Test
    void openMetricsPagesOfTheRealAppsGiveTheSameAnswer() {
        Discovery spring = analyse("spring-openmetrics.txt", "http://127.0.0.1:19181/actuator/prometheus",
                "application/openmetrics-text;version=1.0.0;charset=utf-8");
        Discovery python = analyse("python-openmetrics.txt", "http://127.0.0.1:19183/metrics",
                "application/openmetrics-text; version=0.0.1; charset=utf-8");
        assertThat(spring.runtime()).isEqualTo("spring-boot");
        assertThat(spring.customMetrics()).isEqualTo(analyse("spring.txt", "http://a:1/actuator/prometheus", "text/plain").customMetrics());
        assertThat(python.runtime()).isEqualTo("python");
        assertThat(python.customMetrics()).isEqualTo(analyse("python.txt", "http://a:1/metrics", "text/plain").customMetrics());
        assertThat(spring.warnings()).noneMatch(w -> w.contains("could not be read"));
        assertThat(python.warnings()).noneMatch(w -> w.contains("could not be read"));
        ExpositionParser.Page page = ExpositionParser.parse(sample("python-openmetrics.txt"), true);
        assertThat(page.sawEof()).isTrue();
        assertThat(page.family("jobs_completed").samples()).extracting(MetricFamily.Sample::name)
                .containsExactly("jobs_completed_total", "jobs_completed_created");
        assertThat(page.family("jobs_completed_created")).isNull();
    }

    @Test
    void histogramSamplesGroupIntoOneFamily() {
        ExpositionParser.Page page = ExpositionParser.parse(sample("python.txt"), false);
        MetricFamily h = page.family("job_duration_seconds");
        assertThat(h.type()).isEqualTo("histogram");
        assertThat(h.samples()).extracting(MetricFamily.Sample::name).contains("job_duration_seconds_bucket",
                "job_duration_seconds_sum", "job_duration_seconds_count");
        assertThat(h.samples().stream().filter(s -> "+Inf".equals(s.labels().get("le"))).findFirst().orElseThrow().value())
                .isEqualTo(h.samples().stream().filter(s -> s.name().endsWith("_count")).findFirst().orElseThrow().value());
        // 0.0.4: the _created gauge is a family of its own
        assertThat(page.family("job_duration_seconds_created").type()).isEqualTo("gauge");
    }

    @Test
    void openMetricsCountersLackTotalInTheFamilyName() {
        String om = """
                # HELP jobs_completed Number of jobs completed.
                # TYPE jobs_completed counter
                jobs_completed_total 89.0
                jobs_completed_created 1.7958802678256452e+09
                # HELP job_duration_seconds Job duration in seconds.
                # TYPE job_duration_seconds histogram
                # UNIT job_duration_seconds seconds
                job_duration_seconds_bucket{le="0.5"} 15.0 # {trace_id="abc"} 0.3 1795880268.1
                job_duration_seconds_bucket{le="+Inf"} 89.0
                job_duration_seconds_count 89.0
                job_duration_seconds_sum 131.6
                job_duration_seconds_created 1.7958802678256814e+09
                # TYPE build info
                build_info{version="1.2"} 1.0
                # TYPE door stateset
                door{door="open"} 1.0
                door{door="closed"} 0.0
                # TYPE temperature_celsius gauge
                temperature_celsius{room="a \\"big\\" one"} 21.5 1795880268000
                # EOF
                """;
        ExpositionParser.Page page = ExpositionParser.parse(om, "application/openmetrics-text; version=1.0.0; charset=utf-8");
        assertThat(page.problems()).isEmpty();
        assertThat(page.openMetrics()).isTrue();
        assertThat(page.sawEof()).isTrue();
        assertThat(page.families()).extracting(MetricFamily::name)
                .containsExactly("jobs_completed", "job_duration_seconds", "build", "door", "temperature_celsius");
        assertThat(page.family("jobs_completed").samples()).hasSize(2);
        assertThat(page.family("job_duration_seconds").samples()).hasSize(5);
        assertThat(page.family("temperature_celsius").samples().get(0).labels()).containsEntry("room", "a \"big\" one");

        Discovery d = MetricsDiscovery.analyse("http://app:8000/metrics", URI.create("http://app:8000/metrics"),
                "application/openmetrics-text; version=1.0.0; charset=utf-8", om);
        assertThat(d.runtime()).isEqualTo("other");
        assertThat(d.customMetrics()).extracting(CustomMetric::name, CustomMetric::type).containsExactly(
                org.assertj.core.groups.Tuple.tuple("jobs_completed_total", MetricType.COUNTER),
                org.assertj.core.groups.Tuple.tuple("job_duration_seconds", MetricType.HISTOGRAM),
                org.assertj.core.groups.Tuple.tuple("door", MetricType.GAUGE),
                org.assertj.core.groups.Tuple.tuple("temperature_celsius", MetricType.GAUGE));
        assertThat(d.suggestedName()).isEqualTo("app");
    }

    @Test
    void eofIsRecognisedWithoutContentTypeAndTextAfterItIsAProblem() {
        ExpositionParser.Page page = ExpositionParser.parse("# TYPE a counter\na_total 1\n# EOF\n", (String) null);
        assertThat(page.openMetrics()).isTrue();
        assertThat(page.problems()).isEmpty();
        page = ExpositionParser.parse("# TYPE a counter\na_total 1\n# EOF\nb 2\n", true);
        assertThat(page.problems()).extracting(ExpositionParser.Problem::message).containsExactly("text after # EOF");
    }

    @Test
    void labelValuesWithEscapesAndOddSpacing() {
        String text = "# HELP weird_total A \\\\ backslash and a\\nnewline in help\n"
                + "# TYPE weird_total counter\n"
                + "weird_total{path=\"C:\\\\dir\",msg=\"say \\\"hi\\\"\\nbye\",} 3 1700000000000\n"
                + "weird_total { a = \"x\" } 4\n"
                + "spaced\t\t7\n"
                + "neg -Inf\n"
                + "nan_value NaN\n"
                + "{\"utf8.name\", zone=\"eu\"} 1\n";
        ExpositionParser.Page page = ExpositionParser.parse(text, false);
        assertThat(page.problems()).isEmpty();
        MetricFamily weird = page.family("weird_total");
        assertThat(weird.help()).isEqualTo("A \\ backslash and a\nnewline in help");
        assertThat(weird.samples().get(0).labels()).containsEntry("path", "C:\\dir").containsEntry("msg", "say \"hi\"\nbye");
        assertThat(weird.samples().get(1).labels()).containsEntry("a", "x");
        assertThat(page.family("spaced").samples().get(0).value()).isEqualTo(7.0);
        assertThat(page.family("neg").samples().get(0).value()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(page.family("nan_value").samples().get(0).value()).isNaN();
        assertThat(page.family("utf8.name").samples().get(0).labels()).containsEntry("zone", "eu");

        List<String> warnings = new java.util.ArrayList<>();
        List<CustomMetric> custom = CustomMetrics.select(page.families(), "other", warnings);
        assertThat(custom).extracting(CustomMetric::name).containsExactly("weird_total", "spaced", "neg", "nan_value");
        assertThat(custom.get(0).help()).isEqualTo("A \\ backslash and a newline in help");
        assertThat(warnings).anyMatch(w -> w.contains("utf8.name"));
    }

    @Test
    void malformedLinesAreReportedAndSkipped() {
        String text = """
                # TYPE good gauge
                good 1
                bad{label="unterminated} 1
                bad2{label=noquotes} 1
                bad3 notanumber
                bad4
                bad5{a="1",a="2"} 1
                bad6 1 2 3
                # TYPE broken nonsense
                # TYPE 9starts_with_digit gauge
                good 2
                """;
        ExpositionParser.Page page = ExpositionParser.parse(text, false);
        assertThat(page.sampleCount()).isEqualTo(2);
        assertThat(page.problems()).extracting(ExpositionParser.Problem::line).containsExactly(3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(page.problems().get(2).toString()).isEqualTo("line 5: \"notanumber\" is not a number");
        assertThat(page.family("good").samples()).hasSize(2);
    }

    @Test
    void untypedPagesStillGroupHistogramsAndSummaries() {
        String text = """
                req_seconds_bucket{le="0.1"} 1
                req_seconds_bucket{le="+Inf"} 2
                req_seconds_sum 0.3
                req_seconds_count 2
                rpc_seconds{quantile="0.5"} 0.1
                rpc_seconds_sum 1
                rpc_seconds_count 10
                hits_total 5
                temperature 20
                """;
        Discovery d = MetricsDiscovery.analyse("http://web:80/metrics", URI.create("http://web:80/metrics"), "text/plain", text);
        assertThat(d.customMetrics()).extracting(CustomMetric::name, CustomMetric::type).containsExactly(
                org.assertj.core.groups.Tuple.tuple("req_seconds", MetricType.HISTOGRAM),
                org.assertj.core.groups.Tuple.tuple("rpc_seconds", MetricType.SUMMARY),
                org.assertj.core.groups.Tuple.tuple("hits_total", MetricType.COUNTER),
                org.assertj.core.groups.Tuple.tuple("temperature", MetricType.GAUGE));
        assertThat(d.suggestedName()).isEqualTo("web");
    }

    @Test
    void emptyHtmlAndJsonBodiesAreNotMetricsPages() {
        URI uri = URI.create("http://x:1/metrics");
        assertThatThrownBy(() -> MetricsDiscovery.analyse("http://x:1/metrics", uri, "text/plain", ""))
                .isInstanceOf(UserException.class).hasMessage("http://x:1/metrics does not look like a Prometheus metrics page (the body is empty)");
        assertThatThrownBy(() -> MetricsDiscovery.analyse("http://x:1/metrics", uri, "text/plain", "\n\n# just a comment\n"))
                .isInstanceOf(UserException.class).hasMessageContaining("does not look like a Prometheus metrics page (0 samples");
        assertThatThrownBy(() -> MetricsDiscovery.analyse("http://x:1/metrics", uri, null, "<!DOCTYPE html><html><body>hi</body></html>"))
                .isInstanceOf(UserException.class).hasMessageContaining("does not look like a Prometheus metrics page (it is an HTML page");
        assertThatThrownBy(() -> MetricsDiscovery.analyse("http://x:1/metrics", uri, "application/json", "{\"status\":\"UP\"}"))
                .isInstanceOf(UserException.class).hasMessageContaining("does not look like a Prometheus metrics page");
        assertThat(ExpositionParser.parse("", false).families()).isEmpty();
    }

    static Stream<Arguments> runtimePages() {
        return Stream.of(
                Arguments.of("go_goroutines 5\ngo_gc_duration_seconds_sum 0", "go"),
                Arguments.of("engine_daemon_engine_info{version=\"20.10\"} 1\ngo_goroutines 5", "go"),
                Arguments.of("prometheus_build_info{version=\"2.42\"} 1\ngo_goroutines 5", "go"),
                Arguments.of("nodejs_eventloop_lag_seconds 0\nprocess_cpu_seconds_total 1", "node"),
                Arguments.of("python_info{version=\"3\"} 1", "python"),
                Arguments.of("dotnet_collection_count_total{generation=\"0\"} 3", "dotnet"),
                Arguments.of("process_working_set_bytes 1\nprocess_private_memory_bytes 2", "dotnet"),
                Arguments.of("node_cpu_seconds_total{cpu=\"0\",mode=\"idle\"} 1\ngo_goroutines 5", "node-exporter"),
                Arguments.of("container_cpu_usage_seconds_total{id=\"/\"} 1\ngo_goroutines 5", "cadvisor"),
                Arguments.of("jvm_memory_used_bytes{area=\"heap\"} 1\nprocess_cpu_usage 0.1\n"
                        + "tomcat_sessions_active_current_sessions 0", "spring-boot"),
                Arguments.of("jvm_memory_used_bytes{area=\"heap\"} 1\nhttp_server_requests_seconds_count{uri=\"/\"} 1\n"
                        + "worker_pool_active 0", "quarkus"),
                Arguments.of("jvm_memory_used_bytes{area=\"heap\"} 1\nprocess_cpu_usage 0.1\n"
                        + "executor_active_threads{name=\"io.micronaut.scheduling\"} 0", "micronaut"),
                Arguments.of("jvm_memory_used_bytes{area=\"heap\"} 1\nprocess_cpu_usage 0.1", "spring-boot"),
                Arguments.of("jvm_memory_bytes_used{area=\"heap\"} 1", "other"),
                Arguments.of("my_own_metric 1", "other"));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("runtimePages")
    void runtimeDetection(String page, String runtime) {
        ExpositionParser.Page parsed = ExpositionParser.parse(page, false);
        assertThat(parsed.problems()).isEmpty();
        assertThat(RuntimeDetector.detect(parsed.families(), "/metrics").runtime()).isEqualTo(runtime);
    }

    @Test
    void micrometerPathsDecideTheFrameworkWhenNothingElseDoes() {
        List<MetricFamily> f = ExpositionParser.parse("jvm_memory_used_bytes 1\nprocess_cpu_usage 0.1\n", false).families();
        assertThat(RuntimeDetector.detect(f, "/q/metrics").runtime()).isEqualTo("quarkus");
        assertThat(RuntimeDetector.detect(f, "/prometheus").runtime()).isEqualTo("micronaut");
        assertThat(RuntimeDetector.detect(f, "/actuator/prometheus").runtime()).isEqualTo("spring-boot");
        assertThat(RuntimeDetector.detect(f, "/metrics").warning()).contains("spring-boot is assumed");
    }

    @Test
    void missingOrUnknownContentTypeSuggestsTheFallbackProtocol() {
        Discovery none = analyse("node.txt", "http://accesslog/metrics", null);
        assertThat(none.suggestedFallbackScrapeProtocol()).isEqualTo("PrometheusText0.0.4");
        assertThat(none.staticTarget()).isEqualTo("accesslog:80");
        assertThat(none.warnings()).anyMatch(w -> w.contains("without a Content-Type") && w.contains("PrometheusText0.0.4"));
        // the jobs' default on Prometheus 3 reads such a page: nothing to spell out in monstack.yml
        assertThat(none.toTarget("access-log", 3).fallbackScrapeProtocol()).isNull();
        assertThat(none.toTarget("access-log", 3).scrapeFallback(3)).isEqualTo("PrometheusText0.0.4");
        assertThat(none.toTarget("access-log", 2).fallbackScrapeProtocol()).isNull();
        assertThat(none.toTarget("access-log", 2).scrapeFallback(2)).isNull();
        assertThat(none.addTargetCommand("access-log")).doesNotContain("--fallback-scrape-protocol");
        // an OpenMetrics page without a Content-Type is not what the default assumes: the target says so
        Discovery om = MetricsDiscovery.analyse("http://app:8000/metrics", URI.create("http://app:8000/metrics"), null,
                "# TYPE jobs counter\njobs_total 1\n# EOF\n");
        assertThat(om.suggestedFallbackScrapeProtocol()).isEqualTo("OpenMetricsText1.0.0");
        assertThat(om.toTarget("app", 3).fallbackScrapeProtocol()).isEqualTo("OpenMetricsText1.0.0");
        assertThat(om.toTarget("app", 2).fallbackScrapeProtocol()).isNull();
        assertThat(om.addTargetCommand("app")).contains("--fallback-scrape-protocol OpenMetricsText1.0.0");
        assertThat(analyse("node.txt", "http://a/metrics", "application/octet-stream").suggestedFallbackScrapeProtocol())
                .isEqualTo("PrometheusText0.0.4");
        assertThat(analyse("node.txt", "http://a/metrics", "text/plain; version=0.0.4").suggestedFallbackScrapeProtocol()).isNull();
    }

    @Test
    void fillInKeepsWhatTheUserGaveAndTakesTheRestFromThePage() {
        Discovery d = analyse("node.txt", "http://accesslog:3000/metrics", null);
        Target filled = d.fillIn(new TargetDraft("access-log"), 3).toTarget();
        assertThat(filled.runtime()).isEqualTo("node");
        assertThat(filled.staticTargets()).containsExactly("accesslog:3000");
        assertThat(filled.fallbackScrapeProtocol()).isNull();
        assertThat(filled.scrapeFallback(3)).isEqualTo("PrometheusText0.0.4");
        assertThat(filled.metrics()).hasSize(3);
        assertThat(d.fillIn(new TargetDraft("access-log"), 2).toTarget().fallbackScrapeProtocol()).isNull();

        TargetDraft given = new TargetDraft("access-log").runtime("go").metricsPath("/custom")
                .dns(List.of("accesslog"), "A", 80, null).scrapeInterval("3s")
                .addMetric(new CustomMetric("mine_total", MetricType.COUNTER, ""));
        Target kept = d.fillIn(given, 3).toTarget();
        assertThat(kept.runtime()).isEqualTo("go");
        assertThat(kept.metricsPath()).isEqualTo("/custom");
        assertThat(kept.staticTargets()).isEmpty();
        assertThat(kept.dns().names()).containsExactly("accesslog");
        assertThat(kept.scrapeInterval()).isEqualTo("3s");
        assertThat(kept.metrics()).extracting(CustomMetric::name).containsExactly("mine_total");
    }

    @Test
    void addTargetCommandIsShellQuoted() {
        Discovery d = analyse("spring.txt", "http://iotd:8080/actuator/prometheus", "text/plain;version=0.0.4;charset=utf-8");
        assertThat(d.suggestedName()).isEqualTo("iotd");
        assertThat(d.addTargetCommand("iotd-api")).isEqualTo("monstack add-target iotd-api --runtime spring-boot "
                + "--path /actuator/prometheus --static iotd:8080 "
                + "--metric 'orders_latency_seconds:histogram:Order processing latency' "
                + "--metric 'orders_processed_total:counter:Number of orders processed' "
                + "--metric orders_queue_depth:gauge");
        assertThat(ShellQuote.quote("it's")).isEqualTo("'it'\\''s'");
        assertThat(d.warnings()).isEmpty();
    }
}
