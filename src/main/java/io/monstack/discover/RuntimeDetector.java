package io.monstack.discover;

import io.monstack.spec.RuntimeCatalog;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Tells the runtime (an id of templates/runtimes.yml) from the metric families a page serves: each
 * client library has default metrics that give it away. The fingerprints are data (runtimes.yml,
 * detect), checked in order; exporters built on Go (node-exporter, cAdvisor, the Docker engine,
 * Prometheus itself) come before plain Go there.
 */
public final class RuntimeDetector {
    private RuntimeDetector() {
    }

    /** The runtime id, the metric(s) that gave it away, and a warning when the guess is weak (else null). */
    public record Detection(String runtime, String evidence, String warning) {
    }

    public static Detection detect(List<MetricFamily> families, String metricsPath) {
        Names n = new Names(families);
        String path = metricsPath == null ? "" : metricsPath;
        for (RuntimeCatalog.DetectRule rule : RuntimeCatalog.detectRules()) {
            String match = null;
            for (List<String> condition : rule.when()) {
                match = condition.stream().filter(alternative -> holds(alternative, n, path)).findFirst().orElse(null);
                if (match == null) {
                    break;
                }
            }
            if (match != null) {
                return new Detection(rule.runtime(), rule.evidence().replace("{match}", match).replace("{path}", path), rule.warning());
            }
        }
        return new Detection(RuntimeCatalog.DEFAULT, "no runtime metrics recognised",
                "no runtime's default metrics found (go_, jvm_, nodejs_, python_, dotnet_, ...): runtime \"other\" "
                        + "gets a dashboard of the app's own metrics only; give --runtime if you know better");
    }

    /** One alternative of a fingerprint's condition: name, prefix_*, label~text, path=/x or path=/x/*. */
    private static boolean holds(String alternative, Names n, String path) {
        if (alternative.startsWith("path=")) {
            String want = alternative.substring("path=".length());
            return want.endsWith("*") ? path.startsWith(want.substring(0, want.length() - 1)) : path.equals(want);
        }
        if (alternative.startsWith("label~")) {
            String text = alternative.substring("label~".length());
            return n.anyLabelValue(v -> v.contains(text));
        }
        if (alternative.endsWith("*")) {
            return n.anyStartsWith(alternative.substring(0, alternative.length() - 1));
        }
        return n.has(alternative);
    }

    /** Family names (and the sample names in them) of a page, for quick look-ups. */
    private static final class Names {
        private final List<MetricFamily> families;
        private final java.util.Set<String> names = new java.util.HashSet<>();

        Names(List<MetricFamily> families) {
            this.families = families;
            for (MetricFamily f : families) {
                names.add(f.name());
                f.samples().forEach(s -> names.add(s.name()));
            }
        }

        boolean has(String name) {
            return names.contains(name);
        }

        boolean anyStartsWith(String prefix) {
            return names.stream().anyMatch(n -> n.startsWith(prefix));
        }

        boolean anyLabelValue(Predicate<String> test) {
            for (MetricFamily f : families) {
                for (MetricFamily.Sample s : f.samples()) {
                    for (String v : s.labels().values()) {
                        if (test.test(v.toLowerCase(Locale.ROOT))) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }
    }
}
