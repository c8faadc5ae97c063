package io.monstack.support;

import io.monstack.spec.PrometheusSettings;
import io.monstack.spec.StackSpec;

/**
 * Both Prometheus majors stay supported: the generator reads the major from the pinned image's tag
 * and emits only the fields that major accepts. This renders a spec for either one, to check its
 * files with that major's own tools.
 */
public final class PrometheusMajors {
    /** A 2.x image stacks may pin; its files are checked with Debian bookworm's 2.42. */
    public static final String V2_IMAGE = "prom/prometheus:v2.53.0";

    private PrometheusMajors() {
    }

    /** The spec with a Prometheus image of the major; for 2.x without the 3.x-only fallback_scrape_protocol. */
    public static StackSpec pinned(StackSpec spec, int major) {
        PrometheusSettings p = spec.prometheus();
        String image = major == 2 ? V2_IMAGE : PrometheusSettings.DEFAULT_IMAGE;
        StackSpec out = spec.withPrometheus(p.withImage(image));
        return major == 2 ? out.withTargets(out.targets().stream().map(t -> t.withFallbackScrapeProtocol(null)).toList()) : out;
    }

    /** The major whose tools check the spec's files: the generator treats every tag below 3 like 2.x. */
    public static int of(StackSpec spec) {
        return spec.prometheus().majorVersion() >= 3 ? 3 : 2;
    }

    public static int other(int major) {
        return major == 3 ? 2 : 3;
    }

    /** The spec pinned to the major it does not pin (3.x for a 2.x spec and the other way round). */
    public static StackSpec onTheOtherMajor(StackSpec spec) {
        return pinned(spec, other(of(spec)));
    }
}
