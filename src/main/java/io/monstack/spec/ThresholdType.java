package io.monstack.spec;

import java.math.BigDecimal;

/** The kinds of value a runtime alert's threshold takes: how it is checked, and how a rule and a text show it. */
public enum ThresholdType {
    /** Above 0 and at most 1, e.g. 0.9; shown in percent in texts that say so. */
    RATIO,
    /** A whole number of at least 1, e.g. 10000. */
    COUNT,
    /** A positive decimal, e.g. 1.5 (times some base: load per core). */
    FACTOR,
    /** A Prometheus duration, e.g. 500ms; compared in seconds. */
    DURATION;

    static ThresholdType parse(String text) {
        return valueOf(text.toUpperCase(java.util.Locale.ROOT));
    }

    /** What is wrong with a value of this type, or null. */
    String problem(Object value) {
        return switch (this) {
            case RATIO -> value instanceof Double d && d > 0 && d <= 1 ? null : "must be a ratio above 0 and at most 1, e.g. 0.9";
            case COUNT -> value instanceof Integer i && i >= 1 ? null : "must be at least 1";
            case FACTOR -> value instanceof Double d && d > 0 && d <= 1_000_000 ? null : "must be a positive number, e.g. 1.5";
            case DURATION -> value instanceof String s && Durations.isValid(s) ? null
                    : SpecValidator.show(String.valueOf(value)) + " is not a Prometheus duration (e.g. 15s, 1m, 1h30m)";
        };
    }

    /** The value as a PromQL number: a ratio as a decimal, a duration in seconds. */
    public String promql(Object value) {
        return switch (this) {
            case RATIO, FACTOR -> plain(BigDecimal.valueOf((Double) value));
            case COUNT -> value.toString();
            case DURATION -> plain(BigDecimal.valueOf(Durations.toMillis((String) value)).movePointLeft(3));
        };
    }

    /** The value as monstack.yml writes it. */
    public String text(Object value) {
        return this == RATIO || this == FACTOR ? plain(BigDecimal.valueOf((Double) value)) : value.toString();
    }

    /** A ratio in percent: 0.9 -> 90%. */
    public String percent(Object value) {
        return plain(BigDecimal.valueOf((Double) value).movePointRight(2)) + "%";
    }

    /** A plain decimal (no exponent): 100, 0.95, 8. */
    public static String plain(BigDecimal value) {
        String s = value.stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }
}
