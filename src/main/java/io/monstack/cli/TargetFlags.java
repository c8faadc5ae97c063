package io.monstack.cli;

import io.monstack.spec.CustomMetric;
import io.monstack.spec.DnsDiscovery;
import io.monstack.spec.RuntimeCatalog;
import io.monstack.spec.SpecException;
import io.monstack.spec.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Option;

/** Everything that describes one target, as flags (add-target) and as a compact string (init --target). */
final class TargetFlags {
    @Option(names = {"-r", "--runtime"}, paramLabel = "RUNTIME",
            description = "Runtime preset: ${COMPLETION-CANDIDATES} (default: other). Sets the default metrics path and the dashboard.",
            completionCandidates = RuntimeIds.class)
    String runtime;

    @Option(names = {"-p", "--path"}, paramLabel = "PATH", description = "Metrics path (default: the runtime's, e.g. /actuator/prometheus).")
    String metricsPath;

    @Option(names = {"-s", "--static"}, split = ",", paramLabel = "HOST[:PORT]",
            description = "One container by host name (repeat or comma-separate for several).")
    List<String> staticTargets = new ArrayList<>();

    @Option(names = "--dns", split = ",", paramLabel = "NAME",
            description = "Many replicas: a DNS name that resolves to every container (e.g. the compose service name).")
    List<String> dnsNames = new ArrayList<>();

    @Option(names = "--dns-type", paramLabel = "A|AAAA|SRV", description = "DNS record type (default: A).")
    String dnsType;

    @Option(names = "--dns-port", paramLabel = "PORT", description = "Port to scrape on each address (required for A/AAAA).")
    Integer dnsPort;

    @Option(names = "--dns-refresh", paramLabel = "DURATION", description = "How often to re-resolve the DNS name (Prometheus default: 30s).")
    String dnsRefresh;

    @Option(names = {"-i", "--interval"}, paramLabel = "DURATION", description = "Scrape interval for this target, e.g. 3s (default: the global one).")
    String interval;

    @Option(names = "--timeout", paramLabel = "DURATION", description = "Scrape timeout, at most the interval.")
    String timeout;

    @Option(names = {"-l", "--label"}, paramLabel = "NAME=VALUE", description = "Extra label on every series of this target (repeatable).")
    Map<String, String> labels = new LinkedHashMap<>();

    @Option(names = {"-m", "--metric"}, paramLabel = "NAME:TYPE[:HELP]",
            description = "One of the app's own metrics, as it appears on /metrics; TYPE is counter, gauge, histogram or summary (repeatable).")
    List<String> metrics = new ArrayList<>();

    @Option(names = "--fallback-scrape-protocol", paramLabel = "PROTOCOL",
            description = "How Prometheus 3 reads a page sent without Content-Type (default: PrometheusText0.0.4; none: fail such scrapes).")
    String fallbackScrapeProtocol;

    Target toTarget(String name) {
        String rt = runtime == null ? RuntimeCatalog.DEFAULT : runtime;
        String path = metricsPath;
        if (path == null) {
            path = RuntimeCatalog.find(rt).map(io.monstack.spec.Runtime::metricsPath).orElse("/metrics");
        }
        DnsDiscovery dns = null;
        if (!dnsNames.isEmpty()) {
            dns = new DnsDiscovery(dnsNames, dnsType == null ? "A" : dnsType, dnsPort, dnsRefresh);
        } else if (dnsType != null || dnsPort != null || dnsRefresh != null) {
            throw new SpecException("--dns-type/--dns-port/--dns-refresh need --dns NAME");
        }
        return new Target(name, rt, path, staticTargets, dns, interval, timeout, fallbackScrapeProtocol,
                new TreeMap<>(labels), parseMetrics(metrics));
    }

    static List<CustomMetric> parseMetrics(List<String> specs) {
        List<CustomMetric> out = new ArrayList<>();
        for (String s : specs) {
            try {
                out.add(MetricOption.parse(s));
            } catch (IllegalArgumentException e) {
                throw new SpecException("--metric \"" + s + "\": " + e.getMessage());
            }
        }
        return out;
    }

    /**
     * Parses init's compact form: name=web,runtime=go,static=web:8080+web2:8080,path=/metrics,
     * dns=accesslog,dns-port=80,dns-type=A,interval=3s,timeout=2s,metric=x_total:counter+y:gauge,label=k:v.
     */
    static Target parseCompact(String text) {
        TargetFlags f = new TargetFlags();
        String name = null;
        for (String item : text.split(",")) {
            int eq = item.indexOf('=');
            if (eq <= 0) {
                throw new SpecException("--target \"" + text + "\": \"" + item + "\" must be key=value");
            }
            String key = item.substring(0, eq).trim();
            String value = item.substring(eq + 1).trim();
            switch (key) {
                case "name" -> name = value;
                case "runtime" -> f.runtime = value;
                case "path" -> f.metricsPath = value;
                case "static" -> f.staticTargets.addAll(List.of(value.split("\\+")));
                case "dns" -> f.dnsNames.addAll(List.of(value.split("\\+")));
                case "dns-type" -> f.dnsType = value;
                case "dns-port" -> f.dnsPort = parsePort(text, value);
                case "dns-refresh" -> f.dnsRefresh = value;
                case "interval" -> f.interval = value;
                case "timeout" -> f.timeout = value;
                case "metric" -> f.metrics.addAll(List.of(value.split("\\+")));
                case "label" -> {
                    for (String pair : value.split("\\+")) {
                        int colon = pair.indexOf(':');
                        if (colon <= 0) {
                            throw new SpecException("--target \"" + text + "\": label \"" + pair + "\" must be name:value");
                        }
                        f.labels.put(pair.substring(0, colon), pair.substring(colon + 1));
                    }
                }
                default -> throw new SpecException("--target \"" + text + "\": unknown key \"" + key
                        + "\"; use name, runtime, path, static, dns, dns-type, dns-port, dns-refresh, interval, timeout, metric, label");
            }
        }
        if (name == null) {
            throw new SpecException("--target \"" + text + "\" needs name=...");
        }
        return f.toTarget(name);
    }

    private static Integer parsePort(String text, String value) {
        if (!value.matches("\\d{1,5}")) {
            throw new SpecException("--target \"" + text + "\": dns-port \"" + value + "\" must be a number from 1 to 65535");
        }
        return Integer.parseInt(value);
    }

    /** Runtime ids for --help. */
    static final class RuntimeIds implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return RuntimeCatalog.ids().iterator();
        }
    }
}
