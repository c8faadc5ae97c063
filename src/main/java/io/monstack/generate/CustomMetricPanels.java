package io.monstack.generate;

import io.monstack.spec.CustomMetric;
import java.util.List;

/**
 * Panels for the app's own metrics: counters as per-second rates, gauges as current value and
 * trend, histograms as p50/p95/p99 plus request rate, summaries as average and rate.
 */
final class CustomMetricPanels {
    private CustomMetricPanels() {
    }

    /** Words PromQL's lexer takes as keywords: a metric of that name is only selectable by __name__. */
    private static final java.util.Set<String> PROMQL_KEYWORDS = java.util.Set.of("and", "or", "unless", "atan2", "by",
            "without", "on", "ignoring", "group_left", "group_right", "bool", "offset", "start", "end", "step", "inf", "nan",
            "sum", "avg", "count", "min", "max", "group", "stddev", "stdvar", "topk", "bottomk", "count_values", "quantile",
            "limitk", "limit_ratio", "smoothed", "anchored");

    /** A series selector for a metric name plus label matchers, valid for every legal metric name. */
    static String series(String name, String sel) {
        return PROMQL_KEYWORDS.contains(name.toLowerCase(java.util.Locale.ROOT))
                ? "{__name__=\"" + name + "\"," + sel + "}" : name + "{" + sel + "}";
    }

    static void add(DashboardBuilder d, CustomMetric m, String sel) {
        String name = m.name();
        String help = m.help();
        String unit = unitFor(name);
        switch (m.type()) {
            case COUNTER -> d.panel(PanelType.TIMESERIES, name + " per second", help, "ops", 12, List.of(
                    new PanelSets.Query("sum by (instance) (rate(" + series(name, sel) + "[$__rate_interval]))", "{{instance}}")));
            case GAUGE -> {
                d.panel(PanelType.STAT, name + " now", help, unit, 6, List.of(
                        new PanelSets.Query("sum(" + series(name, sel) + ")", name)));
                d.panel(PanelType.TIMESERIES, name, help, unit, 18, List.of(
                        new PanelSets.Query("sum by (instance) (" + series(name, sel) + ")", "{{instance}}")));
            }
            case HISTOGRAM -> {
                String bucket = "rate(" + series(name + "_bucket", sel) + "[$__rate_interval])";
                d.panel(PanelType.TIMESERIES, name + " p50 / p95 / p99", help, unit, 12, List.of(
                        new PanelSets.Query("histogram_quantile(0.5, sum by (le) (" + bucket + "))", "p50"),
                        new PanelSets.Query("histogram_quantile(0.95, sum by (le) (" + bucket + "))", "p95"),
                        new PanelSets.Query("histogram_quantile(0.99, sum by (le) (" + bucket + "))", "p99")));
                d.panel(PanelType.TIMESERIES, name + " rate", "Observations per second. " + help, "ops", 12, List.of(
                        new PanelSets.Query("sum by (instance) (rate(" + series(name + "_count", sel) + "[$__rate_interval]))", "{{instance}}")));
            }
            case SUMMARY -> {
                d.panel(PanelType.TIMESERIES, name + " average", help, unit, 12, List.of(new PanelSets.Query(
                        "sum(rate(" + series(name + "_sum", sel) + "[$__rate_interval])) / sum(rate(" + series(name + "_count", sel) + "[$__rate_interval]))",
                        "average")));
                d.panel(PanelType.TIMESERIES, name + " rate", "Observations per second. " + help, "ops", 12, List.of(
                        new PanelSets.Query("sum by (instance) (rate(" + series(name + "_count", sel) + "[$__rate_interval]))", "{{instance}}")));
            }
            default -> throw new IllegalStateException("unknown metric type " + m.type());
        }
    }

    /** Prometheus naming conventions carry the unit in the name's suffix. */
    static String unitFor(String name) {
        if (name.endsWith("_seconds")) {
            return "s";
        }
        if (name.endsWith("_bytes")) {
            return "bytes";
        }
        if (name.endsWith("_ratio")) {
            return "percentunit";
        }
        return "short";
    }
}
