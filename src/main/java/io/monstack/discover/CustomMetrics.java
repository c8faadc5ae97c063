package io.monstack.discover;

import io.monstack.spec.CustomMetric;
import io.monstack.spec.MetricType;
import io.monstack.spec.RuntimeCatalog;
import io.monstack.spec.SpecRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Picks the app's own metrics out of a page: every family that is not a runtime, process or
 * well-known library metric, named as a query would name it (a counter with its _total, a histogram
 * or summary by its base name).
 */
public final class CustomMetrics {
    private CustomMetrics() {
    }

    /** The custom metrics of a page, in page order; problems (skipped names) are added to warnings. */
    public static List<CustomMetric> select(List<MetricFamily> families, String runtime, List<String> warnings) {
        Map<String, MetricFamily> byName = new HashMap<>();
        families.forEach(f -> byName.put(f.name(), f));
        Set<String> consumed = new HashSet<>();
        List<CustomMetric> out = new ArrayList<>();
        for (MetricFamily f : families) {
            if (consumed.contains(f.name()) || f.samples().isEmpty() || isLibrary(f.name(), runtime)) {
                continue;
            }
            CustomMetric m = toMetric(f, byName, consumed);
            if (m == null || isLibrary(m.name(), runtime)) {
                continue;
            }
            if (!SpecRules.METRIC_NAME.matcher(m.name()).matches()) {
                warnings.add("metric \"" + m.name() + "\" is left out: monstack takes names of [a-zA-Z_:][a-zA-Z0-9_:]* only");
                continue;
            }
            out.add(m);
        }
        return out;
    }

    /**
     * Whether a metric is a library's, not the app's: the prefixes and names of runtimes.yml
     * (every family's, the exporters'), and the page prefixes of this runtime's family.
     */
    static boolean isLibrary(String name, String runtime) {
        if (RuntimeCatalog.libraryNames().contains(name)) {
            return true;
        }
        for (String p : RuntimeCatalog.libraryPrefixes()) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        for (String p : RuntimeCatalog.familyOf(runtime).pagePrefixes()) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    private static CustomMetric toMetric(MetricFamily f, Map<String, MetricFamily> byName, Set<String> consumed) {
        String name = f.name();
        String help = help(f.help());
        switch (f.type()) {
            case "counter" -> {
                return new CustomMetric(f.hasSample(name + "_total") ? name + "_total" : name, MetricType.COUNTER, help);
            }
            case "histogram" -> {
                return new CustomMetric(name, MetricType.HISTOGRAM, help);
            }
            case "summary" -> {
                return new CustomMetric(name, MetricType.SUMMARY, help);
            }
            case "gauge", "stateset" -> {
                if (companionOf(name, byName)) {
                    return null;
                }
                return new CustomMetric(name, MetricType.GAUGE, help);
            }
            case "untyped", "unknown" -> {
                return untyped(f, byName, consumed, help);
            }
            default -> {
                return null; // info and gaugehistogram: nothing a panel of monstack shows
            }
        }
    }

    /**
     * A gauge that only accompanies another family: X_created (the 0.0.4 form of a counter's or
     * histogram's creation time) and Micrometer's X_max next to a histogram or summary X.
     */
    private static boolean companionOf(String name, Map<String, MetricFamily> byName) {
        if (name.endsWith("_created")) {
            String base = name.substring(0, name.length() - "_created".length());
            MetricFamily counter = byName.get(base + "_total");
            MetricFamily other = byName.get(base);
            return (counter != null && counter.type().equals("counter"))
                    || (other != null && !other.type().equals("gauge"));
        }
        if (name.endsWith("_max")) {
            MetricFamily base = byName.get(name.substring(0, name.length() - "_max".length()));
            return base != null && (base.type().equals("histogram") || base.type().equals("summary"));
        }
        return false;
    }

    /** A page without # TYPE: X_bucket{le} + X_count is a histogram, X{quantile} + X_count a summary. */
    private static CustomMetric untyped(MetricFamily f, Map<String, MetricFamily> byName, Set<String> consumed, String help) {
        String name = f.name();
        if (name.endsWith("_bucket") && f.samples().stream().anyMatch(s -> s.labels().containsKey("le"))) {
            String base = name.substring(0, name.length() - "_bucket".length());
            if (byName.containsKey(base + "_count")) {
                consumed.add(base + "_count");
                consumed.add(base + "_sum");
                consumed.add(base + "_created");
                return new CustomMetric(base, MetricType.HISTOGRAM, help);
            }
        }
        if (f.samples().stream().anyMatch(s -> s.labels().containsKey("quantile")) && byName.containsKey(name + "_count")) {
            consumed.add(name + "_count");
            consumed.add(name + "_sum");
            consumed.add(name + "_created");
            return new CustomMetric(name, MetricType.SUMMARY, help);
        }
        if (name.endsWith("_count") || name.endsWith("_sum")) {
            String base = name.substring(0, name.lastIndexOf('_'));
            if (byName.containsKey(base + "_bucket") || byName.containsKey(base)) {
                return null; // part of a histogram or summary handled above
            }
            String other = name.endsWith("_sum") ? base + "_count" : base + "_sum";
            if (byName.containsKey(other)) {
                consumed.add(other);
                return new CustomMetric(base, MetricType.SUMMARY, help);
            }
        }
        if (name.endsWith("_created")) {
            return null;
        }
        return new CustomMetric(name, name.endsWith("_total") ? MetricType.COUNTER : MetricType.GAUGE, help);
    }

    /** Help text as the spec takes it: one line, no control characters, bounded length. */
    static String help(String text) {
        String clean = text.replaceAll("[\\p{Cntrl}]+", " ").replaceAll("\\s+", " ").strip();
        int max = Math.min(SpecRules.MAX_HELP_LENGTH, 500);
        return clean.length() > max ? clean.substring(0, max - 3) + "..." : clean;
    }
}
