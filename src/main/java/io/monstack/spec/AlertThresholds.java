package io.monstack.spec;

/**
 * Thresholds and durations of the generated alert rules. Every field may be null ("not set
 * here"): a target's own values win over the stack's defaults (alerting.defaults), which win
 * over {@link #builtIn()}. downFor (how long a target is down before it alerts) falls back to for.
 */
public record AlertThresholds(
        String forDuration,
        String downFor,
        Double scrapeSlowRatio,
        Double scrapeFailureRatio,
        Double jvmHeapRatio,
        Integer goroutines,
        String eventLoopLag) {

    public static final AlertThresholds NONE = new AlertThresholds(null, null, null, null, null, null, null);

    /** What monstack uses when neither the target nor the stack says otherwise. */
    public static AlertThresholds builtIn() {
        return new AlertThresholds("5m", null, 0.8, 0.1, 0.9, 10_000, "500ms");
    }

    /** These values, with the gaps filled from base. */
    public AlertThresholds over(AlertThresholds base) {
        return new AlertThresholds(
                forDuration != null ? forDuration : base.forDuration,
                downFor != null ? downFor : base.downFor,
                scrapeSlowRatio != null ? scrapeSlowRatio : base.scrapeSlowRatio,
                scrapeFailureRatio != null ? scrapeFailureRatio : base.scrapeFailureRatio,
                jvmHeapRatio != null ? jvmHeapRatio : base.jvmHeapRatio,
                goroutines != null ? goroutines : base.goroutines,
                eventLoopLag != null ? eventLoopLag : base.eventLoopLag);
    }

    /** How long a target must be down before TargetDown fires. */
    public String effectiveDownFor() {
        return downFor != null ? downFor : forDuration;
    }

    public boolean isEmpty() {
        return equals(NONE);
    }
}
