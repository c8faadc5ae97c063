package io.monstack.spec;

import java.util.Locale;

/** The Prometheus metric types a user can declare for the app's own metrics. */
public enum MetricType {
    COUNTER, GAUGE, HISTOGRAM, SUMMARY;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MetricType parse(String text) {
        for (MetricType t : values()) {
            if (t.id().equals(text)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown metric type \"" + text + "\"; expected counter, gauge, histogram or summary");
    }
}
