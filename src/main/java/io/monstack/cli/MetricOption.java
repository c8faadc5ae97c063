package io.monstack.cli;

import io.monstack.spec.CustomMetric;
import io.monstack.spec.MetricType;

/** The NAME:TYPE[:HELP] form of one custom metric, as --metric, init --target and the wizard take it. */
public final class MetricOption {
    private MetricOption() {
    }

    /** Parses the form; the message of the IllegalArgumentException says what is wrong. */
    public static CustomMetric parse(String text) {
        String[] parts = text.split(":", 3);
        if (parts.length < 2) {
            throw new IllegalArgumentException("write name:type[:help], e.g. access_log_total:counter:total log requests");
        }
        return new CustomMetric(parts[0], MetricType.parse(parts[1]), parts.length == 3 ? parts[2] : "");
    }
}
