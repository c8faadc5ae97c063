package io.monstack.spec;

import java.util.List;

/**
 * A client library (or exporter) whose default metrics monstack knows: its panels (the panel set
 * of the same id in dashboards/panels.yml), its rules, and the metric names that belong to it.
 *
 * @param group the rule group its alerts go in
 * @param libraryPrefixes metric names that are the library's on every page
 * @param pagePrefixes metric names that are the library's only on a page of this family
 */
public record RuntimeFamily(String id, String label, String group, List<String> libraryPrefixes, List<String> pagePrefixes,
        List<RecordDef> records, List<AlertDef> alerts) {

    /** A recording rule the family's alerts or dashboards use. */
    public record RecordDef(String record, String expr) {
    }

    /** An alert of the family; threshold is null for an alert without one. Texts hold the placeholders of runtimes.yml. */
    public record AlertDef(String alert, String severity, ThresholdDef threshold, String expr, String summary,
            String description, String readme) {
    }

    /** A setting of alerts: in monstack.yml (alerting.defaults, a target's alerts) under key. */
    public record ThresholdDef(String key, ThresholdType type, Object defaultValue) {
    }
}
