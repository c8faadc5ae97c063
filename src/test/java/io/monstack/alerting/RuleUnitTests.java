package io.monstack.alerting;

import io.monstack.support.Rendered;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Builds a `promtool test rules` file for the rules monstack generated: synthetic input series,
 * and per (eval time, alert) the alerts expected, with the labels and annotations the generated
 * rule gives them (its annotation templates expanded here for the expected labels and value).
 */
public final class RuleUnitTests {
    private static final Pattern LABEL = Pattern.compile("\\{\\{ \\$labels\\.([a-zA-Z_][a-zA-Z0-9_]*) \\}\\}");
    private static final Pattern VALUE = Pattern.compile("\\{\\{ \\$value(?: \\| [a-zA-Z]+)? \\}\\}");

    private final List<Map<String, Object>> rules;
    private final List<Map<String, Object>> series = new ArrayList<>();
    private final Map<String, Map<String, Object>> checks = new LinkedHashMap<>();

    /** alertRules: the generated alerts file, parsed. */
    @SuppressWarnings("unchecked")
    public RuleUnitTests(Map<String, Object> alertRules) {
        rules = new ArrayList<>();
        for (Map<String, Object> g : (List<Map<String, Object>>) alertRules.get("groups")) {
            rules.addAll((List<Map<String, Object>>) g.get("rules"));
        }
    }

    public RuleUnitTests series(String selector, String values) {
        series.add(new LinkedHashMap<>(Map.of("series", selector, "values", values)));
        return this;
    }

    /** At evalTime, no alert of this name may fire for this job (pending is fine). */
    public RuleUnitTests none(String evalTime, String alertname, String job) {
        check(evalTime, alertname);
        return this;
    }

    /** At evalTime this alert fires for these series labels (job included); value is the text its annotations show. */
    public RuleUnitTests fires(String evalTime, String alertname, Map<String, String> seriesLabels, String value) {
        Map<String, Object> rule = rule(alertname, seriesLabels.get("job"));
        @SuppressWarnings("unchecked")
        Map<String, String> ruleLabels = (Map<String, String>) rule.get("labels");
        Map<String, String> labels = new LinkedHashMap<>(seriesLabels);
        labels.putAll(ruleLabels);
        @SuppressWarnings("unchecked")
        Map<String, String> annotations = new LinkedHashMap<>((Map<String, String>) rule.get("annotations"));
        annotations.replaceAll((k, v) -> expand(v, labels, value));
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("exp_labels", labels);
        expected.put("exp_annotations", annotations);
        expectedAlerts(check(evalTime, alertname)).add(expected);
        return this;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> expectedAlerts(Map<String, Object> check) {
        return (List<Object>) check.get("exp_alerts");
    }

    private Map<String, Object> check(String evalTime, String alertname) {
        return checks.computeIfAbsent(evalTime + " " + alertname, k -> {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("eval_time", evalTime);
            c.put("alertname", alertname);
            c.put("exp_alerts", new ArrayList<>());
            return c;
        });
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> rule(String alertname, String job) {
        return rules.stream()
                .filter(r -> alertname.equals(r.get("alert")) && job.equals(((Map<String, String>) r.get("labels")).get("job")))
                .findFirst().orElseThrow(() -> new AssertionError("no generated rule " + alertname + " for job " + job));
    }

    static String expand(String template, Map<String, String> labels, String value) {
        Matcher m = LABEL.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(labels.getOrDefault(m.group(1), "")));
        }
        m.appendTail(sb);
        return VALUE.matcher(sb.toString()).replaceAll(Matcher.quoteReplacement(value));
    }

    /** The test file; ruleFiles are paths as promtool should open them. */
    public String yaml(List<String> ruleFiles, String interval) {
        Map<String, Object> test = new LinkedHashMap<>();
        test.put("interval", interval);
        test.put("input_series", series);
        test.put("alert_rule_test", new ArrayList<>(checks.values()));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("rule_files", ruleFiles);
        root.put("evaluation_interval", interval);
        root.put("tests", List.of(test));
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setWidth(Integer.MAX_VALUE);
        return new Yaml(options).dump(root);
    }

    static Map<String, Object> parse(Rendered r, String path) {
        return r.yamlMap(path);
    }
}
