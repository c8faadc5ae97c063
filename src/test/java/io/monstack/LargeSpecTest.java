package io.monstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.monstack.output.FileAction;
import io.monstack.output.PlannedFile;
import io.monstack.spec.CustomMetric;
import io.monstack.spec.MetricType;
import io.monstack.spec.SpecReader;
import io.monstack.spec.SpecValidator;
import io.monstack.spec.StackSpec;
import io.monstack.spec.Target;
import io.monstack.spec.TargetDraft;
import io.monstack.stack.RunOptions;
import io.monstack.stack.RunResult;
import io.monstack.stack.StackService;
import io.monstack.support.Rendered;
import io.monstack.support.PromTools;
import io.monstack.support.PrometheusMajors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scale of the benchmark (2,000 services, 20,000 static hosts, DNS services, 500 with custom
 * metrics) renders correctly. How fast is measured by bench/run.sh, not here.
 */
class LargeSpecTest {
    @TempDir
    Path tmp;

    static StackSpec large(int services) {
        List<Target> targets = new ArrayList<>();
        String[] runtimes = {"go", "spring-boot", "quarkus", "micronaut", "node", "python", "dotnet", "other"};
        for (int i = 0; i < services; i++) {
            String name = String.format("svc-%05d", i);
            List<CustomMetric> metrics = i < services / 4 ? List.of(
                    new CustomMetric("svc_" + i + "_requests_total", MetricType.COUNTER, "requests"),
                    new CustomMetric("svc_" + i + "_queue_depth", MetricType.GAUGE, ""),
                    new CustomMetric("svc_" + i + "_duration_seconds", MetricType.HISTOGRAM, "")) : List.of();
            boolean dns = i % 10 == 0;
            List<String> hosts = new ArrayList<>();
            if (!dns) {
                int count = services == 2000 ? (i % 9 == 1 ? 20 : 10) : 10;
                for (int h = 0; h < count; h++) {
                    hosts.add(name + "-" + h + ":8080");
                }
            }
            TargetDraft d = new TargetDraft(name).runtime(runtimes[i % runtimes.length]).metricsPath("/metrics").addMetrics(metrics);
            hosts.forEach(d::addStatic);
            if (dns) {
                d.dns(List.of(name), "A", 8080, null);
            }
            if (i % 7 == 0) {
                d.scrapeInterval("30s").label("team", "t" + i % 13);
            }
            targets.add(d.toTarget());
        }
        return StackSpec.empty("bench").withTargets(targets);
    }

    @Test
    @SuppressWarnings("unchecked")
    void twoThousandServicesRenderAValidStack() {
        StackSpec spec = large(2000);
        assertThat(SpecValidator.validate(spec)).isEmpty();
        long hosts = spec.targets().stream().mapToLong(t -> t.staticTargets().size()).sum();
        assertThat(hosts).isGreaterThanOrEqualTo(20_000);
        Rendered r = new Rendered(spec);
        Map<String, Object> config = r.yamlMap("prometheus/prometheus.yml");
        List<Map<String, Object>> jobs = (List<Map<String, Object>>) config.get("scrape_configs");
        assertThat(jobs).hasSize(2002);
        long renderedHosts = jobs.stream().filter(j -> j.containsKey("static_configs"))
                .filter(j -> ((String) j.get("job_name")).startsWith("svc-"))
                .mapToLong(j -> ((List<String>) ((List<Map<String, Object>>) j.get("static_configs")).get(0).get("targets")).size()).sum();
        assertThat(renderedHosts).isEqualTo(hosts);
        assertThat(jobs.stream().filter(j -> j.containsKey("dns_sd_configs")).count()).isEqualTo(200);
        // many services: one dashboard per runtime (5 panel sets) + one per service with custom metrics
        assertThat(r.paths("grafana/dashboards/service-")).hasSize(500);
        assertThat(r.paths("grafana/dashboards/runtime-")).hasSize(5);
        PromTools.assertConfigValid(PrometheusMajors.of(spec), r.writeTo(tmp.resolve("render")).resolve("prometheus/prometheus.yml"));
    }

    @Test
    void addTargetOnALargeStackRewritesOnlyWhatChanges() {
        Path dir = tmp.resolve("stack");
        StackService service = new StackService(msg -> { });
        service.init(dir, large(300), RunOptions.DEFAULT);
        Target extra = new TargetDraft("extra").runtime("go").addStatic("extra:9000").toTarget();
        RunResult result = service.addTarget(dir, extra, false, RunOptions.DEFAULT);
        List<String> written = result.plan().files().stream().filter(f -> f.action() != FileAction.UNCHANGED)
                .map(PlannedFile::path).toList();
        // the go runtime dashboard's job selector now lists "extra" too
        assertThat(written).containsExactlyInAnyOrder("README.md", "prometheus/prometheus.yml",
                "grafana/dashboards/runtime-go.json");
        assertThat(SpecReader.read(dir.resolve("monstack.yml")).targets()).hasSize(301);
    }
}
