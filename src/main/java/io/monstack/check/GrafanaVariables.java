package io.monstack.check;

import com.fasterxml.jackson.databind.JsonNode;
import io.monstack.spec.Durations;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A dashboard's queries as Grafana sends them to Prometheus when the dashboard opens with its
 * saved time range and "All" selected in every variable: the variable's allValue, or (without
 * one) the regex of all its values, as Grafana formats a multi-value for Prometheus; and the
 * built-in intervals, from the datasource's scrape interval (jsonData.timeInterval).
 */
final class GrafanaVariables {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(\\w+)(?::[^}]*)?}|\\[\\[(\\w+)(?::[^\\]]*)?]]|\\$(\\w+)");
    private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\((?:(.*),)?\\s*(\\w+)\\s*\\)\\s*$", Pattern.DOTALL);
    private static final Pattern RELATIVE_FROM = Pattern.compile("^now-(\\w+)$");
    /** About as many points as a full-width panel asks for: with the default ranges $__interval is the scrape interval. */
    private static final int MAX_DATA_POINTS = 1000;
    private static final long DEFAULT_RANGE_MILLIS = 3_600_000;

    /** Looks up a query variable's values (label_values) on the server. */
    interface ValueSource {
        List<String> labelValues(String label, String match);
    }

    private final Map<String, String> values = new HashMap<>();

    GrafanaVariables(JsonNode dashboard, long scrapeIntervalMillis, ValueSource source) {
        long range = range(dashboard.path("time").path("from").asText("now-1h"));
        long interval = Math.max(scrapeIntervalMillis, range / MAX_DATA_POINTS);
        // Grafana: $__rate_interval = max($__interval + scrape interval, 4 x scrape interval)
        long rateInterval = Math.max(interval + scrapeIntervalMillis, 4 * scrapeIntervalMillis);
        values.put("__interval", Durations.format(interval));
        values.put("__interval_ms", String.valueOf(interval));
        values.put("__rate_interval", Durations.format(rateInterval));
        values.put("__range", Durations.format(range));
        values.put("__range_s", String.valueOf(range / 1000));
        values.put("__range_ms", String.valueOf(range));
        // Values that need no server first, so that a query variable's own query can use them.
        List<JsonNode> asked = new ArrayList<>();
        for (JsonNode v : dashboard.path("templating").path("list")) {
            if (needsServer(v)) {
                asked.add(v);
            } else {
                values.put(v.path("name").asText(), valueOf(v, source));
            }
        }
        asked.forEach(v -> values.put(v.path("name").asText(), valueOf(v, source)));
    }

    /** The expression with every variable Grafana knows replaced; unknown ones are left as they are. */
    String expand(String expr) {
        Matcher m = REFERENCE.matcher(expr);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            String value = values.get(name);
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The rate window the dashboards use, e.g. "20s" for a 5 s scrape interval. */
    String rateInterval() {
        return values.get("__rate_interval");
    }

    private static boolean needsServer(JsonNode variable) {
        return variable.path("includeAll").asBoolean(false) && variable.path("allValue").asText("").isEmpty()
                && variable.path("type").asText().equals("query");
    }

    private String valueOf(JsonNode variable, ValueSource source) {
        String allValue = variable.path("allValue").asText("");
        if (variable.path("includeAll").asBoolean(false)) {
            if (!allValue.isEmpty()) {
                return allValue;
            }
            return "(" + options(variable, source).stream().map(GrafanaVariables::regexEscape).collect(Collectors.joining("|")) + ")";
        }
        JsonNode current = variable.path("current").path("value");
        if (current.isArray()) {
            List<String> picked = new ArrayList<>();
            current.forEach(c -> picked.add(regexEscape(c.asText())));
            return picked.size() == 1 ? picked.get(0) : "(" + String.join("|", picked) + ")";
        }
        return current.asText(variable.path("query").asText(""));
    }

    private List<String> options(JsonNode variable, ValueSource source) {
        String query = expand(variable.path("query").isTextual() ? variable.path("query").asText()
                : variable.path("query").path("query").asText());
        if (variable.path("type").asText().equals("custom")) {
            return List.of(query.split("\\s*,\\s*"));
        }
        Matcher m = LABEL_VALUES.matcher(query);
        return m.matches() ? source.labelValues(m.group(2), m.group(1) == null ? null : m.group(1).strip()) : List.of();
    }

    private static long range(String from) {
        Matcher m = RELATIVE_FROM.matcher(from);
        long millis = m.matches() ? Durations.toMillis(m.group(1)) : -1;
        return millis > 0 ? millis : DEFAULT_RANGE_MILLIS;
    }

    /** As Grafana escapes a multi-value for Prometheus: a regex escape, itself escaped for the PromQL string. */
    private static String regexEscape(String value) {
        return value.replace("\\", "\\\\\\\\").replaceAll("[$^*{}\\[\\]'+?.()|]", "\\\\\\\\$0");
    }
}
