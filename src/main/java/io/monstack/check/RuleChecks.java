package io.monstack.check;

import com.fasterxml.jackson.databind.JsonNode;
import io.monstack.check.Finding.Area;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * With alerting on: the rule groups monstack wrote are loaded, every rule evaluates (why one does
 * not: {@link RuleErrors}), alerts that fire (problems) or wait out their for: (notes), and an
 * Alertmanager to send them to.
 */
final class RuleChecks {
    private final ExpectedStack stack;
    private final Fixes fixes;

    RuleChecks(ExpectedStack stack, Fixes fixes) {
        this.stack = stack;
        this.fixes = fixes;
    }

    record Result(RulesStatus status, List<Finding> findings) {
    }

    Result check(PrometheusApi api) {
        List<Finding> findings = new ArrayList<>();
        JsonNode groups = api.rules().path("groups");
        Set<String> loaded = new LinkedHashSet<>();
        int rules = 0;
        int failing = 0;
        RuleErrors errors = new RuleErrors(stack, fixes, api);
        for (JsonNode g : groups) {
            loaded.add(g.path("name").asText());
            for (JsonNode r : g.path("rules")) {
                rules++;
                if (r.path("health").asText().equals("err")) {
                    failing++;
                    findings.add(errors.diagnose(g, r));
                }
            }
        }
        for (String group : stack.ruleGroups()) {
            if (!loaded.contains(group)) {
                findings.add(Finding.problem(Area.RULES, "rule group " + group, "not loaded: the running Prometheus has an "
                        + "older configuration than the stack's files", fixes.redeploy()));
            }
        }
        int firing = 0;
        int pending = 0;
        Map<String, List<JsonNode>> byAlert = new LinkedHashMap<>();
        for (JsonNode a : api.alerts().path("alerts")) {
            boolean fires = a.path("state").asText().equals("firing");
            if (fires) {
                firing++;
            } else {
                pending++;
            }
            byAlert.computeIfAbsent(a.path("labels").path("alertname").asText() + "|" + a.path("state").asText(),
                    k -> new ArrayList<>()).add(a);
        }
        byAlert.values().forEach(alerts -> findings.add(alertFinding(alerts)));
        if (api.alertmanagers().path("activeAlertmanagers").isEmpty()) {
            findings.add(Finding.problem(Area.RULES, "alertmanager", "Prometheus has no Alertmanager to send alerts to",
                    fixes.redeploy()));
        }
        return new Result(new RulesStatus(loaded.size(), rules, failing, firing, pending), findings);
    }

    /** One alert rule firing (or pending) for one or more series: one finding, its first instance as the example. */
    private static Finding alertFinding(List<JsonNode> alerts) {
        JsonNode first = alerts.get(0);
        boolean fires = first.path("state").asText().equals("firing");
        String name = first.path("labels").path("alertname").asText();
        String subject = "alert " + name + (alerts.size() == 1 ? labels(first.path("labels"))
                : " (" + alerts.size() + " series: " + String.join(", ", alerts.stream().map(a -> a.path("labels").path("job")
                        .asText("?")).distinct().toList()) + ")");
        String summary = first.path("annotations").path("summary").asText("");
        String cause = (fires ? "firing" : "pending") + " since " + first.path("activeAt").asText()
                + (summary.isEmpty() ? "" : ": " + summary) + (alerts.size() > 1 ? " (and " + (alerts.size() - 1) + " more)" : "");
        String fix = first.path("annotations").path("description").asText(null);
        return fires ? Finding.problem(Area.RULES, subject, cause, fix) : Finding.note(Area.RULES, subject, cause, fix);
    }

    /** {job="x", instance="y", ...} without the alert's name. */
    private static String labels(JsonNode labels) {
        TreeMap<String, String> sorted = new TreeMap<>();
        labels.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue().asText()));
        sorted.remove("alertname");
        List<String> parts = new ArrayList<>();
        sorted.forEach((k, v) -> parts.add(k + "=\"" + v + "\""));
        return parts.isEmpty() ? "" : " {" + String.join(", ", parts) + "}";
    }
}
