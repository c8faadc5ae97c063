package io.monstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.monstack.spec.SpecReader;
import io.monstack.spec.StackSpec;
import io.monstack.spec.Target;
import io.monstack.support.Rendered;
import io.monstack.support.Schemas;
import io.monstack.support.PromTools;
import io.monstack.support.PrometheusMajors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The test specs of src/test/resources/specs: every option, validated by promtool and the schemas. */
class TestSpecsTest {
    @TempDir
    Path tmp;

    static Stream<Path> specs() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("src/test/resources/specs"))) {
            return s.filter(p -> p.toString().endsWith(".yml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("specs")
    void prometheusConfigIsValid(Path file) throws IOException {
        StackSpec spec = SpecReader.read(file);
        Rendered r = new Rendered(spec);
        Schemas.assertValid("prometheus-config.json", Rendered.JSON.valueToTree(Rendered.yaml(r.text("prometheus/prometheus.yml"))),
                file + " prometheus.yml");
        int major = PrometheusMajors.of(spec);
        PromTools.assertConfigValid(major, r.writeTo(tmp.resolve("as-is")).resolve("prometheus/prometheus.yml"));
        // Both majors stay supported: the same options rendered for the other one pass its promtool too.
        Rendered forOther = new Rendered(PrometheusMajors.onTheOtherMajor(spec));
        PromTools.assertConfigValid(PrometheusMajors.other(major), forOther.writeTo(tmp.resolve("other")).resolve("prometheus/prometheus.yml"));
        for (String dashboard : r.paths("grafana/dashboards/")) {
            Schemas.assertValid("grafana-dashboard.jsonschema.json", r.json(dashboard), dashboard);
        }
        Schemas.assertValid("compose-spec.json", Rendered.JSON.valueToTree(r.yamlMap("compose.yaml")), "compose.yaml");
    }

    @Test
    @SuppressWarnings("unchecked")
    void fallbackProtocolIsEmittedOnlyForPrometheus3() throws IOException {
        StackSpec spec = SpecReader.read(Path.of("src/test/resources/specs/prometheus3-fallback.yml"));
        Map<String, Object> job = ((List<Map<String, Object>>) new Rendered(spec).yamlMap("prometheus/prometheus.yml")
                .get("scrape_configs")).get(1);
        assertThat(job).containsEntry("fallback_scrape_protocol", "PrometheusText0.0.4");
        Target t = spec.targets().get(0);
        StackSpec v2 = spec.with(b -> b.prometheus(spec.prometheus().withImage("prom/prometheus:v2.53.0")).targets(List.of(t)));
        assertThat(io.monstack.spec.SpecValidator.validate(v2)).anyMatch(p -> p.message().contains("needs Prometheus 3"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void labelsLandVerbatimForStaticAndDnsTargets() throws IOException {
        StackSpec spec = SpecReader.read(Path.of("src/test/resources/specs/every-option.yml"));
        List<Map<String, Object>> jobs = (List<Map<String, Object>>) new Rendered(spec).yamlMap("prometheus/prometheus.yml").get("scrape_configs");
        Map<String, Object> web = jobs.stream().filter(j -> "web".equals(j.get("job_name"))).findFirst().orElseThrow();
        Map<String, Object> sc = ((List<Map<String, Object>>) web.get("static_configs")).get(0);
        assertThat(sc.get("labels")).isEqualTo(Map.of("team", "payments", "tier", "front $1 end", "quote", "it's \"quoted\""));
        assertThat(web).containsEntry("scrape_timeout", "4s").containsEntry("scrape_interval", "5s");
        Map<String, Object> api = jobs.stream().filter(j -> "api.v2".equals(j.get("job_name"))).findFirst().orElseThrow();
        Map<String, Object> relabel = ((List<Map<String, Object>>) api.get("relabel_configs")).get(0);
        // relabel replacements expand $1; monstack doubles $ so the value lands as typed
        assertThat(relabel).containsEntry("target_label", "env").containsEntry("replacement", "prod$$$$");
        Map<String, Object> dns = ((List<Map<String, Object>>) api.get("dns_sd_configs")).get(0);
        assertThat(dns).containsEntry("type", "AAAA").containsEntry("port", 8080).containsEntry("refresh_interval", "5s");
    }
}
