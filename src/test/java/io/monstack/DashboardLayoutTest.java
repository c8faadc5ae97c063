package io.monstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.monstack.spec.GrafanaSettings;
import io.monstack.spec.StackSpec;
import io.monstack.spec.Target;
import io.monstack.support.Rendered;
import io.monstack.support.Schemas;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A few services get a dashboard each; many get one per runtime plus one per service with custom metrics. */
class DashboardLayoutTest {
    private static StackSpec withLayout(StackSpec spec, io.monstack.spec.DashboardLayout layout) {
        return spec.withGrafana(new GrafanaSettings(spec.grafana().image(), spec.grafana().port(), layout));
    }

    @Test
    void autoGivesEachServiceItsOwnDashboardUpToTheLimit() {
        StackSpec small = LargeSpecTest.large(GrafanaSettings.AUTO_PER_SERVICE_LIMIT);
        assertThat(new Rendered(small).paths("grafana/dashboards/service-")).hasSize(GrafanaSettings.AUTO_PER_SERVICE_LIMIT);
        StackSpec big = LargeSpecTest.large(GrafanaSettings.AUTO_PER_SERVICE_LIMIT + 1);
        Rendered r = new Rendered(big);
        long withMetrics = big.targets().stream().filter(t -> !t.metrics().isEmpty()).count();
        assertThat(r.paths("grafana/dashboards/service-")).hasSize((int) withMetrics);
        assertThat(r.paths("grafana/dashboards/runtime-")).containsExactlyInAnyOrder(
                "grafana/dashboards/runtime-go.json", "grafana/dashboards/runtime-jvm.json",
                "grafana/dashboards/runtime-node.json", "grafana/dashboards/runtime-python.json",
                "grafana/dashboards/runtime-dotnet.json");
    }

    @Test
    void runtimeDashboardsSelectOnlyTheirJobs() {
        StackSpec spec = withLayout(LargeSpecTest.large(40), io.monstack.spec.DashboardLayout.PER_RUNTIME);
        Rendered r = new Rendered(spec);
        JsonNode jvm = r.json("grafana/dashboards/runtime-jvm.json");
        Schemas.assertValid("grafana-dashboard.jsonschema.json", jvm, "runtime-jvm.json");
        String jobQuery = jvm.get("templating").get("list").get(0).get("query").asText();
        List<String> jvmJobs = spec.targets().stream().filter(t -> List.of("spring-boot", "quarkus", "micronaut").contains(t.runtime()))
                .map(Target::name).toList();
        assertThat(jvmJobs).isNotEmpty().allMatch(jobQuery::contains);
        assertThat(spec.targets().stream().filter(t -> t.runtime().equals("go")).map(Target::name)).noneMatch(jobQuery::contains);
        for (JsonNode panel : jvm.get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.get("expr").asText()).contains("job=~\"$job\",instance=~\"$instance\"");
            }
        }
        // services with custom metrics keep a dashboard of their own, without the runtime panels
        JsonNode own = r.json("grafana/dashboards/service-svc-00001.json");
        assertThat(own.get("panels").toString()).contains("svc_1_requests_total").doesNotContain("jvm_memory");
    }

    @Test
    void perServiceCanBeForcedForALargeStack() {
        StackSpec spec = withLayout(LargeSpecTest.large(40), io.monstack.spec.DashboardLayout.PER_SERVICE);
        assertThat(new Rendered(spec).paths("grafana/dashboards/service-")).hasSize(40);
        assertThat(new Rendered(spec).paths("grafana/dashboards/runtime-")).isEmpty();
    }
}
