package io.monstack.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A target as one source describes it, before defaults: every field may be unset. Flags, the
 * compact {@code --target} keys, the wizard, discover, the compose import and monstack.yml each fill
 * one; {@link #fillFrom} lets a later source fill only what the earlier ones left open, and
 * {@link #toTarget} is the one place that applies the defaults. Validation is the validator's.
 */
public final class TargetDraft {
    private String name;
    private String runtime;
    private String metricsPath;
    private final List<String> staticTargets = new ArrayList<>();
    private boolean dnsGiven;
    private final List<String> dnsNames = new ArrayList<>();
    private String dnsType;
    private Integer dnsPort;
    private String dnsRefresh;
    private String scrapeInterval;
    private String scrapeTimeout;
    private String fallbackScrapeProtocol;
    private final SortedMap<String, String> labels = new TreeMap<>();
    private final List<CustomMetric> metrics = new ArrayList<>();
    private AlertThresholds alerts;
    private String exporterAddress;
    private String exporterUsername;
    private String exporterPasswordFile;

    public TargetDraft() {
    }

    public TargetDraft(String name) {
        this.name = name;
    }

    /** A draft that says everything the target says (for --replace, the wizard's pre-fill, ...). */
    public static TargetDraft of(Target t) {
        TargetDraft d = new TargetDraft(t.name()).runtime(t.runtime()).metricsPath(t.metricsPath())
                .scrapeInterval(t.scrapeInterval()).scrapeTimeout(t.scrapeTimeout())
                .fallbackScrapeProtocol(t.fallbackScrapeProtocol()).alerts(t.alerts());
        d.staticTargets.addAll(t.staticTargets());
        if (t.dns() != null) {
            d.dns(t.dns().names(), t.dns().type(), t.dns().port(), t.dns().refreshInterval());
        }
        d.labels.putAll(t.labels());
        d.metrics.addAll(t.metrics());
        if (t.exporter() != null) {
            d.exporterAddress(t.exporter().address()).exporterUsername(t.exporter().username())
                    .exporterPasswordFile(t.exporter().passwordFile());
        }
        return d;
    }

    /** The target, with the defaults for what no source said: runtime other, its metrics path, DNS type A. */
    public Target toTarget() {
        String rt = runtime != null ? runtime : RuntimeCatalog.DEFAULT;
        String path = metricsPath != null ? metricsPath
                : RuntimeCatalog.find(rt).orElse(RuntimeCatalog.get(RuntimeCatalog.DEFAULT)).metricsPath();
        DnsDiscovery dns = hasDns() ? new DnsDiscovery(dnsNames, dnsType != null ? dnsType : DnsDiscovery.DEFAULT_TYPE,
                dnsPort, dnsRefresh) : null;
        ExporterSettings exporter = hasExporter() ? new ExporterSettings(exporterAddress, exporterUsername, exporterPasswordFile) : null;
        return new Target(name, rt, path, staticTargets, dns, scrapeInterval, scrapeTimeout, fallbackScrapeProtocol,
                labels, metrics, alerts, exporter);
    }

    /** A draft that says what this one says (to try a change on). */
    public TargetDraft copy() {
        return new TargetDraft().fillFrom(this);
    }

    /**
     * Fills what this draft leaves open from other; what this draft says wins. Static hosts and DNS
     * names come as a whole, and only when this draft names no endpoint (static, DNS or an exporter
     * address); the exporter's address, username and password file each fill in when unset (so
     * --password-file keeps the address a compose service gave), the address only without static or DNS.
     */
    public TargetDraft fillFrom(TargetDraft other) {
        // the other's exporter settings go with its runtime: a runtime said here (--runtime go) drops them
        boolean otherRuntime = runtime == null || runtime.equals(other.runtime);
        name = name != null ? name : other.name;
        runtime = runtime != null ? runtime : other.runtime;
        metricsPath = metricsPath != null ? metricsPath : other.metricsPath;
        if (!hasEndpoints()) {
            staticTargets.addAll(other.staticTargets);
            dnsGiven = other.dnsGiven;
            dnsNames.addAll(other.dnsNames);
        }
        if (otherRuntime) {
            if (exporterAddress == null && staticTargets.isEmpty() && !hasDns()) {
                exporterAddress = other.exporterAddress;
            }
            exporterUsername = exporterUsername != null ? exporterUsername : other.exporterUsername;
            exporterPasswordFile = exporterPasswordFile != null ? exporterPasswordFile : other.exporterPasswordFile;
        }
        dnsType = dnsType != null ? dnsType : other.dnsType;
        dnsPort = dnsPort != null ? dnsPort : other.dnsPort;
        dnsRefresh = dnsRefresh != null ? dnsRefresh : other.dnsRefresh;
        scrapeInterval = scrapeInterval != null ? scrapeInterval : other.scrapeInterval;
        scrapeTimeout = scrapeTimeout != null ? scrapeTimeout : other.scrapeTimeout;
        fallbackScrapeProtocol = fallbackScrapeProtocol != null ? fallbackScrapeProtocol : other.fallbackScrapeProtocol;
        other.labels.forEach(labels::putIfAbsent);
        if (metrics.isEmpty()) {
            metrics.addAll(other.metrics);
        }
        alerts = alerts != null ? alerts : other.alerts;
        return this;
    }

    /** Whether a source said how Prometheus reaches the target (static hosts, DNS, or the address of the exporter's service). */
    public boolean hasEndpoints() {
        return !staticTargets.isEmpty() || hasDns() || exporterAddress != null;
    }

    /** Whether the stack runs the target's exporter: an address (or credentials) of the service was given. */
    public boolean hasExporter() {
        return exporterAddress != null || exporterUsername != null || exporterPasswordFile != null;
    }

    public TargetDraft exporterAddress(String value) {
        exporterAddress = value;
        return this;
    }

    public TargetDraft exporterUsername(String value) {
        exporterUsername = value;
        return this;
    }

    public TargetDraft exporterPasswordFile(String value) {
        exporterPasswordFile = value;
        return this;
    }

    public String exporterAddress() {
        return exporterAddress;
    }

    public String exporterUsername() {
        return exporterUsername;
    }

    public String exporterPasswordFile() {
        return exporterPasswordFile;
    }

    public boolean hasDns() {
        return dnsGiven || !dnsNames.isEmpty();
    }

    /** A DNS setting (type, port, refresh) without a name to resolve. */
    public boolean dnsSettingsWithoutName() {
        return dnsNames.isEmpty() && (dnsType != null || dnsPort != null || dnsRefresh != null);
    }

    public TargetDraft name(String value) {
        name = value;
        return this;
    }

    public TargetDraft runtime(String value) {
        runtime = value;
        return this;
    }

    public TargetDraft metricsPath(String value) {
        metricsPath = value;
        return this;
    }

    public TargetDraft addStatic(String hostPort) {
        staticTargets.add(hostPort);
        return this;
    }

    public TargetDraft addDnsName(String dnsName) {
        dnsNames.add(dnsName);
        return this;
    }

    /** The whole dns block of monstack.yml (present, even when it lists no name). */
    public TargetDraft dns(List<String> names, String type, Integer port, String refresh) {
        dnsGiven = true;
        dnsNames.addAll(names);
        dnsType = type;
        dnsPort = port;
        dnsRefresh = refresh;
        return this;
    }

    public TargetDraft dnsType(String value) {
        dnsType = value;
        return this;
    }

    public TargetDraft dnsPort(Integer value) {
        dnsPort = value;
        return this;
    }

    public TargetDraft dnsRefresh(String value) {
        dnsRefresh = value;
        return this;
    }

    public TargetDraft scrapeInterval(String value) {
        scrapeInterval = value;
        return this;
    }

    public TargetDraft scrapeTimeout(String value) {
        scrapeTimeout = value;
        return this;
    }

    public TargetDraft fallbackScrapeProtocol(String value) {
        fallbackScrapeProtocol = value;
        return this;
    }

    public TargetDraft label(String labelName, String value) {
        labels.put(labelName, value);
        return this;
    }

    public TargetDraft labels(Map<String, String> values) {
        labels.putAll(values);
        return this;
    }

    public TargetDraft clearLabels() {
        labels.clear();
        return this;
    }

    public TargetDraft clearMetrics() {
        metrics.clear();
        return this;
    }

    public TargetDraft addMetrics(List<CustomMetric> values) {
        metrics.addAll(values);
        return this;
    }

    public TargetDraft addMetric(CustomMetric metric) {
        metrics.add(metric);
        return this;
    }

    public TargetDraft alerts(AlertThresholds value) {
        alerts = value;
        return this;
    }

    public String name() {
        return name;
    }

    public String runtime() {
        return runtime;
    }

    public String metricsPath() {
        return metricsPath;
    }

    public List<String> staticTargets() {
        return List.copyOf(staticTargets);
    }

    public List<String> dnsNames() {
        return List.copyOf(dnsNames);
    }

    public String dnsType() {
        return dnsType;
    }

    public Integer dnsPort() {
        return dnsPort;
    }

    public String dnsRefresh() {
        return dnsRefresh;
    }

    public String scrapeInterval() {
        return scrapeInterval;
    }

    public String scrapeTimeout() {
        return scrapeTimeout;
    }

    public String fallbackScrapeProtocol() {
        return fallbackScrapeProtocol;
    }

    public SortedMap<String, String> labels() {
        return new TreeMap<>(labels);
    }

    public List<CustomMetric> metrics() {
        return List.copyOf(metrics);
    }
}
