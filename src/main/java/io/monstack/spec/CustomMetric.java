package io.monstack.spec;

/**
 * One of the app's own (business) metrics, which gets its own dashboard panel and, with alert
 * set (counters and gauges), a threshold alert rule.
 */
public record CustomMetric(String name, MetricType type, String help, MetricAlert alert) {
    public CustomMetric {
        help = help == null ? "" : help;
    }

    public CustomMetric(String name, MetricType type, String help) {
        this(name, type, help, null);
    }
}
