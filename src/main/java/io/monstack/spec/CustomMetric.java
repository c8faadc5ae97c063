package io.monstack.spec;

/** One of the app's own (business) metrics, which gets its own dashboard panel. */
public record CustomMetric(String name, MetricType type, String help) {
    public CustomMetric {
        help = help == null ? "" : help;
    }
}
