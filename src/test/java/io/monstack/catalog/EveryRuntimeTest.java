package io.monstack.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.monstack.spec.Runtime;
import io.monstack.spec.RuntimeCatalog;
import io.monstack.spec.RuntimeFamily;
import io.monstack.spec.SpecValidator;
import io.monstack.spec.StackSpec;
import io.monstack.spec.TargetDraft;
import io.monstack.support.PromTools;
import io.monstack.support.Rendered;
import io.monstack.support.Schemas;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every runtime id of templates/runtimes.yml renders: a stack with one service of that runtime
 * (alerting on) has a service dashboard with the family's panels, valid by Grafana's schema, and
 * rule files with the family's alerts and records that promtool accepts. A new runtime or family
 * that is only half there in the data fails here.
 */
class EveryRuntimeTest {
    @TempDir
    Path tmp;

    static Stream<String> runtimes() {
        return RuntimeCatalog.ids().stream();
    }

    @ParameterizedTest
    @MethodSource("runtimes")
    @SuppressWarnings("unchecked")
    void rendersItsDashboardAndRules(String id) {
        Runtime runtime = RuntimeCatalog.get(id);
        RuntimeFamily family = RuntimeCatalog.family(runtime.family());
        StackSpec spec = StackSpec.empty("every").withTarget(new TargetDraft("svc").runtime(id).addStatic("svc:8080").toTarget());
        spec = spec.withAlerting(spec.alerting().withEnabled(true));
        assertThat(SpecValidator.validate(spec)).isEmpty();
        Rendered r = new Rendered(spec);

        JsonNode dashboard = r.json("grafana/dashboards/service-svc.json");
        Schemas.assertValid("grafana-dashboard.jsonschema.json", dashboard, id + "'s dashboard");
        List<String> titles = new ArrayList<>();
        dashboard.path("panels").forEach(p -> titles.add(p.path("title").asText()));
        dashboard.path("panels").forEach(p -> {
            if (!p.path("type").asText().equals("row")) {
                assertThat(p.path("targets")).as("%s panel %s has queries", id, p.path("title")).isNotEmpty();
            }
        });
        // every panel of the family's set is on the service's dashboard
        assertThat(titles).as("panels of %s", id).containsAll(familyPanelTitles(family.id()));

        List<String> alerts = ruleNames(r.yamlMap("prometheus/rules/monstack-alerts.yml"), "alert");
        List<String> records = ruleNames(r.yamlMap("prometheus/rules/monstack-records.yml"), "record");
        family.alerts().forEach(a -> assertThat(alerts).as("alerts of %s", id).contains(a.alert()));
        family.records().forEach(rec -> assertThat(records).as("records of %s", id).contains(rec.record()));
        Path dir = r.writeTo(tmp.resolve(id));
        PromTools.assertRulesValid(3, dir.resolve("prometheus"),
                List.of("rules/monstack-records.yml", "rules/monstack-alerts.yml"));
        assertThat(r.text("README.md")).contains("`TargetDown`");
        family.alerts().forEach(a -> assertThat(r.text("README.md")).contains("`" + a.alert() + "`"));
    }

    /** The titles the panel set of a family has, read from the bundled panels.yml as shipped. */
    @SuppressWarnings("unchecked")
    static List<String> familyPanelTitles(String family) {
        Map<String, Object> sets = io.monstack.render.BundledData.yaml("dashboards/panels.yml");
        List<Map<String, Object>> panels = (List<Map<String, Object>>) sets.get(family);
        assertThat(panels).as("panel set %s", family).isNotNull();
        return panels.stream().map(p -> (String) p.get("title")).toList();
    }

    @SuppressWarnings("unchecked")
    static List<String> ruleNames(Map<String, Object> file, String kind) {
        List<String> names = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                if (rule.containsKey(kind)) {
                    names.add((String) rule.get(kind));
                }
            }
        }
        return names;
    }
}
