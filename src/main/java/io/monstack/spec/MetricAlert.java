package io.monstack.spec;

import java.util.List;

/**
 * A simple threshold alert on one of the app's own metrics: a gauge's value, or a counter's
 * per-second rate (over window), above and/or below a number for a while. forDuration null: the
 * target's alerts.for; window null: {@value #DEFAULT_WINDOW}, or four
 * scrapes of the job when that is longer.
 */
public record MetricAlert(Double above, Double below, String forDuration, String severity, String window) {
    public static final String DEFAULT_WINDOW = "5m";
    public static final String DEFAULT_SEVERITY = "warning";
    public static final List<String> SEVERITIES = List.of("critical", "warning", "info");

    public MetricAlert {
        severity = severity == null ? DEFAULT_SEVERITY : severity;
    }
}
