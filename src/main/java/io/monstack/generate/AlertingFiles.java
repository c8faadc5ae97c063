package io.monstack.generate;

import io.monstack.render.TemplateRenderer;
import java.util.List;
import java.util.Map;

/**
 * The files of alerting (only when alerting.enabled): Prometheus' rule files, which the
 * Prometheus image bakes in next to prometheus.yml, and the Alertmanager image's context
 * (Dockerfile + alertmanager.yml). PrometheusFiles adds the rules, ComposeFiles the
 * Alertmanager files, next to the service they belong to.
 */
final class AlertingFiles {
    static final String ALERTMANAGER_CONFIG = "alertmanager/alertmanager.yml";
    static final String ALERTMANAGER_DOCKERFILE = "alertmanager/Dockerfile";

    private AlertingFiles() {
    }

    static List<GeneratedFile> ruleFiles(StackModel model, TemplateRenderer renderer) {
        if (!model.spec().alerting().enabled()) {
            return List.of();
        }
        Map<String, Object> alerts = model.templateModel();
        alerts.put("title", "Alerting rules: every job, the runtimes' own metrics, the Docker engine, custom metrics.");
        alerts.put("groups", AlertRules.alerts(model.spec()));
        Map<String, Object> records = model.templateModel();
        records.put("title", "Recording rules: precomputed series the alerting rules and dashboards use.");
        records.put("groups", AlertRules.records(model.spec()));
        return List.of(
                new GeneratedFile(AlertRules.ALERTS_FILE, renderer.render("prometheus/rules/rules.yml.ftl", alerts)),
                new GeneratedFile(AlertRules.RECORDS_FILE, renderer.render("prometheus/rules/rules.yml.ftl", records)));
    }

    static List<GeneratedFile> alertmanagerFiles(StackModel model, TemplateRenderer renderer) {
        if (!model.spec().alerting().enabled()) {
            return List.of();
        }
        Map<String, Object> m = model.templateModel();
        m.put("bySeverity", model.spec().alerting().receiversBySeverity());
        return List.of(
                new GeneratedFile(ALERTMANAGER_CONFIG, renderer.render("alertmanager/alertmanager.yml.ftl", m)),
                new GeneratedFile(ALERTMANAGER_DOCKERFILE, renderer.render("alertmanager/Dockerfile.ftl", m)));
    }
}
