package io.monstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.monstack.spec.PrometheusSettings;
import io.monstack.spec.SpecValidator;
import io.monstack.spec.StackSpec;
import io.monstack.spec.Target;
import io.monstack.spec.TargetDraft;
import io.monstack.support.Rendered;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Apps as they are on Prometheus 3: a service's job reads a page sent without a Content-Type as
 * the text format unless the target says otherwise; Prometheus 2 configs never carry the field.
 */
class ScrapeFallbackTest {
    static Target target(String name, String fallback) {
        return new TargetDraft(name).runtime("node").addStatic(name + ":80").fallbackScrapeProtocol(fallback).toTarget();
    }

    static StackSpec stack(String image, Target... targets) {
        StackSpec spec = StackSpec.empty("apps").withTargets(List.of(targets));
        return spec.withPrometheus(spec.prometheus().withImage(image));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> jobs(StackSpec spec) {
        assertThat(SpecValidator.validate(spec)).isEmpty();
        List<Map<String, Object>> configs = (List<Map<String, Object>>) new Rendered(spec).yamlMap("prometheus/prometheus.yml")
                .get("scrape_configs");
        Map<String, Map<String, Object>> byJob = new java.util.TreeMap<>();
        configs.forEach(c -> byJob.put((String) c.get("job_name"), c));
        return byJob;
    }

    @Test
    void onPrometheus3EveryServiceReadsPagesWithoutContentTypeUnlessItSaysOtherwise() {
        Map<String, Map<String, Object>> jobs = jobs(stack(PrometheusSettings.DEFAULT_IMAGE, target("plain", null),
                target("om", "OpenMetricsText1.0.0"), target("strict", "none")));
        assertThat(jobs.get("plain")).containsEntry("fallback_scrape_protocol", "PrometheusText0.0.4");
        assertThat(jobs.get("om")).containsEntry("fallback_scrape_protocol", "OpenMetricsText1.0.0");
        assertThat(jobs.get("strict")).doesNotContainKey("fallback_scrape_protocol");
        // monstack's own jobs scrape servers that always send a Content-Type
        assertThat(jobs.get("prometheus")).doesNotContainKey("fallback_scrape_protocol");
        assertThat(jobs.get("docker")).doesNotContainKey("fallback_scrape_protocol");
    }

    @Test
    void prometheus2ConfigsNeverCarryTheField() {
        Map<String, Map<String, Object>> jobs = jobs(stack("prom/prometheus:v2.53.0", target("plain", null), target("strict", "none")));
        assertThat(jobs.values()).allSatisfy(job -> assertThat(job).doesNotContainKey("fallback_scrape_protocol"));
    }

    @Test
    void anExplicitProtocolNeedsPrometheus3AndUnknownOnesAreRefused() {
        assertThat(SpecValidator.validate(stack("prom/prometheus:v2.53.0", target("om", "OpenMetricsText1.0.0"))))
                .singleElement().satisfies(p -> assertThat(p.message()).contains("needs Prometheus 3"));
        assertThat(SpecValidator.validate(stack(PrometheusSettings.DEFAULT_IMAGE, target("x", "PrometheusText9"))))
                .singleElement().satisfies(p -> assertThat(p.message()).contains("or none (default on Prometheus 3: PrometheusText0.0.4)"));
    }
}
