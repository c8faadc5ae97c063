package io.monstack.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.monstack.spec.SpecReader;
import io.monstack.spec.StackSpec;
import io.monstack.support.DashboardPanels;
import io.monstack.support.PromQueries;
import io.monstack.support.Rendered;
import io.monstack.support.Samples;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * How check reads the generated dashboards, without a server: the queries it runs are the ones
 * the end-to-end tests run (Grafana's "All" and $__rate_interval substituted the same way), and
 * the metric and job names it blames for an empty panel are those in the query.
 */
class CheckQueriesTest {
    /** Variables have an allValue, so no value needs asking a server for. */
    private static final GrafanaVariables.ValueSource NO_SERVER = (label, match) -> {
        throw new AssertionError("label_values(" + match + ", " + label + ") asked; every generated variable has an allValue");
    };

    @Test
    void everyGeneratedQueryExpandsAsGrafanaSendsItAndAsTheTestsRunIt() throws Exception {
        for (String sample : List.of("diamol-ch09/monstack.yml")) {
            StackSpec spec = SpecReader.read(Samples.ROOT.resolve(sample));
            ExpectedStack stack = new ExpectedStack(spec);
            assertThat(stack.datasourceIntervalMillis()).isEqualTo(5_000);
            assertThat(stack.dashboards()).hasSize(5);
            int checked = 0;
            for (ExpectedStack.Dashboard d : stack.dashboards()) {
                GrafanaVariables vars = new GrafanaVariables(d.json(), stack.datasourceIntervalMillis(), NO_SERVER);
                // Grafana: max($__interval + scrape interval, 4 x scrape interval) = 20s for 5 s scrapes and the 1h range
                assertThat(vars.rateInterval()).isEqualTo("20s");
                PromQueries tests = new PromQueries("http://unused", "20s");
                for (DashboardPanels.Placed p : DashboardPanels.of(d.json())) {
                    for (JsonNode t : p.panel().path("targets")) {
                        String expr = t.path("expr").asText();
                        assertThat(vars.expand(expr)).as(d.file() + " " + expr).isEqualTo(tests.substitute(expr)).doesNotContain("$");
                        checked++;
                    }
                }
            }
            assertThat(checked).isGreaterThan(40);
        }
    }

    @Test
    void aVariableWithoutAllValueBecomesTheRegexOfItsValues() throws Exception {
        JsonNode dashboard = Rendered.JSON.readTree("""
                {"time": {"from": "now-6h"}, "templating": {"list": [
                  {"name": "svc", "type": "query", "includeAll": true, "query": "label_values(up{job=~\\"$env\\"}, job)"},
                  {"name": "env", "type": "custom", "includeAll": false, "query": "prod,dev", "current": {"value": "prod"}}]}}
                """);
        List<String> asked = new ArrayList<>();
        GrafanaVariables vars = new GrafanaVariables(dashboard, 15_000, (label, match) -> {
            asked.add(label + " " + match);
            return List.of("api.v2", "web");
        });
        assertThat(vars.expand("rate(x{job=~\"$svc\",env=\"${env}\"}[$__rate_interval])"))
                .isEqualTo("rate(x{job=~\"(api\\\\.v2|web)\",env=\"prod\"}[1m])");
        // $env needs no server, so svc's query is asked with it filled in
        assertThat(asked).containsExactly("job up{job=~\"prod\"}");
        // 6h over 1000 points: $__interval is 21.6s (above the 15 s scrape interval); $__rate_interval max(36.6s, 60s)
        assertThat(vars.expand("[$__interval] [$__range]")).isEqualTo("[21s600ms] [6h]");
    }

    @Test
    void theMetricsAQueryReadsAreItsSelectorsNotItsFunctionsLabelsOrNumbers() {
        assertThat(PromqlNames.metricNames("histogram_quantile(0.95, sum by (instance, action, le) "
                + "(rate(engine_daemon_container_actions_seconds_bucket{job=\"docker\",instance=~\".+\"}[40s])))"))
                .containsExactly("engine_daemon_container_actions_seconds_bucket");
        assertThat(PromqlNames.metricNames("jvm_threads_live_threads{job=\"api\"} or jvm_threads_live{job=\"api\"}"))
                .containsExactly("jvm_threads_live_threads", "jvm_threads_live");
        assertThat(PromqlNames.metricNames("time() - process_start_time_seconds{job=\"a\"}")).containsExactly("process_start_time_seconds");
        assertThat(PromqlNames.metricNames("count(up{job=~\".+\"} == 0) or vector(0)")).containsExactly("up");
        assertThat(PromqlNames.metricNames("sum(rate(a_total[5m])) / ignoring(code) group_left sum(b) > bool 1e3"))
                .isEqualTo(Set.of("a_total", "b"));
        assertThat(PromqlNames.metricNames("ALERTS{alertstate=\"firing\"}")).containsExactly("ALERTS");

        List<PromqlNames.JobMatcher> jobs = PromqlNames.jobMatchers("x{job=~\"api\\\\.v2|web\"} / y{job=\"db\"}");
        assertThat(jobs).hasSize(2);
        assertThat(jobs.get(0).matches("api.v2")).isTrue();
        assertThat(jobs.get(0).matches("apixv2")).isFalse();
        assertThat(jobs.get(1).matches("db")).isTrue();
        assertThat(jobs.get(1).matches("db2")).isFalse();
    }
}
