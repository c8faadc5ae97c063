package io.monstack.spec;

import java.util.List;

/**
 * DNS service discovery for a service that scales to many containers. Port is required for
 * A/AAAA; refreshInterval (null = Prometheus' 30s) is how soon new replicas are found.
 */
public record DnsDiscovery(List<String> names, String type, Integer port, String refreshInterval) {
    /** What TargetDraft takes when no source names the record type. */
    public static final String DEFAULT_TYPE = "A";

    public DnsDiscovery {
        names = List.copyOf(names);
    }
}
