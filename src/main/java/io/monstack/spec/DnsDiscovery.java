package io.monstack.spec;

import java.util.List;

/**
 * DNS service discovery for a service that scales to many containers. Port is required for
 * A/AAAA; refreshInterval (null = monstack's 5s) is how soon new replicas are found.
 */
public record DnsDiscovery(List<String> names, String type, Integer port, String refreshInterval) {
    /** What TargetDraft takes when no source names the record type. */
    public static final String DEFAULT_TYPE = "A";
    /** Prometheus' own defaults (30 s DNS, 60 s swarm) left a scaled replica unscraped for up to 45 s. */
    public static final String DEFAULT_REFRESH_INTERVAL = "5s";

    public DnsDiscovery {
        names = List.copyOf(names);
    }

    /** The refresh interval written to prometheus.yml: the user's, else monstack's default. */
    public String effectiveRefreshInterval() {
        return refreshInterval == null ? DEFAULT_REFRESH_INTERVAL : refreshInterval;
    }
}
