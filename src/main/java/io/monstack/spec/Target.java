package io.monstack.spec;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A service that exposes metrics: becomes one Prometheus scrape job and one dashboard.
 * Exactly one of {@code staticTargets} (non-empty), {@code dns} or {@code exporter} (a service
 * without metrics, whose exporter the stack runs) is set. Optional fields are null when the user
 * left them out.
 */
public record Target(
        String name,
        String runtime,
        String metricsPath,
        List<String> staticTargets,
        DnsDiscovery dns,
        String scrapeInterval,
        String scrapeTimeout,
        String fallbackScrapeProtocol,
        SortedMap<String, String> labels,
        List<CustomMetric> metrics,
        AlertThresholds alerts,
        ExporterSettings exporter) {

    public Target {
        staticTargets = staticTargets == null ? List.of() : List.copyOf(staticTargets);
        labels = labels == null ? new TreeMap<>() : new TreeMap<>(labels);
        metrics = metrics == null ? List.of() : List.copyOf(metrics);
        alerts = alerts == null ? AlertThresholds.NONE : alerts;
    }

    /** Whether the stack runs this target's exporter (a service without metrics of its own). */
    public boolean runsExporter() {
        return exporter != null;
    }

    /** The compose/swarm service of that exporter: db -> db-exporter (a DNS label: lowercase, '-' for '.' and '_'). */
    public String exporterService() {
        return name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "-") + "-exporter";
    }

    /**
     * What Prometheus 3 assumes for a page sent without a usable Content-Type, unless the target
     * says otherwise: apps as they are (old client libraries, frameworks that send none) are scraped
     * instead of failing. The cost: a page with a wrong Content-Type is read as this format too.
     */
    public static final String DEFAULT_FALLBACK = "PrometheusText0.0.4";
    /** fallbackScrapeProtocol: none turns the default off (Prometheus 3 then fails such scrapes). */
    public static final String NO_FALLBACK = "none";

    /** The job's fallback_scrape_protocol on this Prometheus major version; null: leave the field out. */
    public String scrapeFallback(int prometheusMajor) {
        if (prometheusMajor < 3 || NO_FALLBACK.equals(fallbackScrapeProtocol)) {
            return null;
        }
        return fallbackScrapeProtocol != null ? fallbackScrapeProtocol : DEFAULT_FALLBACK;
    }

    public boolean usesDns() {
        return dns != null;
    }

    /** This target with the draft's changes: t.with(d -> d.scrapeInterval("5s")); one copy of every field, TargetDraft's. */
    public Target with(java.util.function.UnaryOperator<TargetDraft> change) {
        return change.apply(TargetDraft.of(this)).toTarget();
    }

    public Target withLabels(Map<String, String> newLabels) {
        return with(d -> d.clearLabels().labels(newLabels));
    }

    public Target withMetrics(List<CustomMetric> newMetrics) {
        return with(d -> d.clearMetrics().addMetrics(newMetrics));
    }

    public Target withFallbackScrapeProtocol(String protocol) {
        return with(d -> d.fallbackScrapeProtocol(protocol));
    }

    public Target withAlerts(AlertThresholds newAlerts) {
        return with(d -> d.alerts(newAlerts));
    }
}
