package io.monstack.spec;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Thresholds and durations of the generated alert rules. Every field may be unset ("not said
 * here"): a target's own values win over the stack's defaults (alerting.defaults), which win over
 * {@link #builtIn()}. downFor (how long a target is down before it alerts) falls back to for.
 * The runtime thresholds (jvmHeapRatio, goroutines, ...) are the ones templates/runtimes.yml
 * declares for its families' alerts, by key: a Double for a ratio, an Integer for a count, a
 * String for a duration.
 */
public record AlertThresholds(
        String forDuration,
        String downFor,
        Double scrapeSlowRatio,
        Double scrapeFailureRatio,
        SortedMap<String, Object> runtime) {

    /** The stack-wide settings every job's rules take, as monstack.yml names them. */
    public static final List<String> COMMON_KEYS = List.of("for", "downFor", "scrapeSlowRatio", "scrapeFailureRatio");

    public static final AlertThresholds NONE = new AlertThresholds(null, null, null, null, null);

    public AlertThresholds {
        runtime = runtime == null ? new TreeMap<>() : new TreeMap<>(runtime);
    }

    /** What monstack uses when neither the target nor the stack says otherwise. */
    public static AlertThresholds builtIn() {
        TreeMap<String, Object> defaults = new TreeMap<>();
        RuntimeCatalog.thresholds().forEach((key, def) -> defaults.put(key, def.defaultValue()));
        return new AlertThresholds("5m", null, 0.8, 0.1, defaults);
    }

    /** These values, with the gaps filled from base. */
    public AlertThresholds over(AlertThresholds base) {
        TreeMap<String, Object> merged = new TreeMap<>(base.runtime);
        merged.putAll(runtime);
        return new AlertThresholds(
                forDuration != null ? forDuration : base.forDuration,
                downFor != null ? downFor : base.downFor,
                scrapeSlowRatio != null ? scrapeSlowRatio : base.scrapeSlowRatio,
                scrapeFailureRatio != null ? scrapeFailureRatio : base.scrapeFailureRatio,
                merged);
    }

    /** A runtime threshold's value, or null when unset. */
    public Object value(String key) {
        return runtime.get(key);
    }

    /** How long a target must be down before TargetDown fires. */
    public String effectiveDownFor() {
        return downFor != null ? downFor : forDuration;
    }

    public boolean isEmpty() {
        return equals(NONE);
    }

    public AlertThresholds withFor(String value) {
        return new AlertThresholds(value, downFor, scrapeSlowRatio, scrapeFailureRatio, runtime);
    }

    public AlertThresholds withDownFor(String value) {
        return new AlertThresholds(forDuration, value, scrapeSlowRatio, scrapeFailureRatio, runtime);
    }

    public AlertThresholds withScrapeSlowRatio(Double value) {
        return new AlertThresholds(forDuration, downFor, value, scrapeFailureRatio, runtime);
    }

    public AlertThresholds withScrapeFailureRatio(Double value) {
        return new AlertThresholds(forDuration, downFor, scrapeSlowRatio, value, runtime);
    }

    /** With a runtime threshold set (a Double ratio, an Integer count, a String duration). */
    public AlertThresholds with(String key, Object value) {
        TreeMap<String, Object> next = new TreeMap<>(runtime);
        next.put(key, value);
        return new AlertThresholds(forDuration, downFor, scrapeSlowRatio, scrapeFailureRatio, next);
    }
}
