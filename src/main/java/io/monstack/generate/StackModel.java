package io.monstack.generate;

import io.monstack.spec.StackSpec;
import java.util.HashMap;
import java.util.Map;

/** The spec plus the values derived from it that several templates share. */
public record StackModel(StackSpec spec) {
    /** Every dashboard panel refers to the datasource by this uid. */
    public static final String DATASOURCE_UID = "monstack-prometheus";

    public String prometheusImage() {
        return spec.images().imageName(spec.name(), "prometheus");
    }

    public String grafanaImage() {
        return spec.images().imageName(spec.name(), "grafana");
    }

    public String alertmanagerImage() {
        return spec.images().imageName(spec.name(), "alertmanager");
    }

    public Map<String, Object> templateModel() {
        Map<String, Object> m = new HashMap<>();
        m.put("spec", spec);
        m.put("major", spec.prometheus().majorVersion());
        m.put("datasourceUid", DATASOURCE_UID);
        m.put("prometheusImage", prometheusImage());
        m.put("grafanaImage", grafanaImage());
        m.put("alertmanagerImage", alertmanagerImage());
        m.put("alertmanagerPort", io.monstack.spec.AlertingSettings.CONTAINER_PORT);
        m.put("hostMetricsPort", io.monstack.spec.HostMetrics.PORT);
        m.put("cadvisorPort", io.monstack.spec.ContainerMetrics.PORT);
        // Prometheus reaches the engine's and node-exporter's metrics on the host itself.
        m.put("reachesHost", spec.dockerEngine().enabled() || spec.hostMetrics().enabled());
        m.put("ruleFiles", AlertRules.RULE_FILES);
        m.put("platform", PlatformModel.of(spec));
        // Booleans rather than string == in templates: FreeMarker compares strings with a
        // collator, which loads the ICU normaliser (start-up time).
        m.put("localOnly", StackSpec.LOCAL_ONLY.equals(spec.publishAddress()));
        m.put("allInterfaces", "0.0.0.0".equals(spec.publishAddress()));
        return m;
    }
}
