package io.monstack.discover;

import java.util.List;
import java.util.Map;

/**
 * One metric family of an exposition page: the name from {@code # TYPE} (or the sample name when
 * the page declares none), its type as written ({@code counter}, {@code gauge}, {@code histogram},
 * {@code summary}, {@code untyped}; OpenMetrics adds {@code unknown}, {@code info}, {@code stateset},
 * {@code gaugehistogram}), its help text (empty when absent) and its samples in page order.
 */
public record MetricFamily(String name, String type, String help, List<Sample> samples) {
    public MetricFamily {
        help = help == null ? "" : help;
        samples = List.copyOf(samples);
    }

    /** One line of data: the full sample name (with _total/_bucket/... suffix), its labels and value. */
    public record Sample(String name, Map<String, String> labels, double value) {
        public Sample {
            labels = Map.copyOf(labels);
        }
    }

    /** True when some sample of the family is called exactly {@code sampleName}. */
    public boolean hasSample(String sampleName) {
        return samples.stream().anyMatch(s -> s.name().equals(sampleName));
    }
}
