package io.monstack.generate;

import io.monstack.spec.AlertThresholds;
import io.monstack.spec.CustomMetric;
import io.monstack.spec.Durations;
import io.monstack.spec.MetricAlert;
import io.monstack.spec.MetricType;
import io.monstack.spec.RuntimeCatalog;
import io.monstack.spec.SpecValidator;
import io.monstack.spec.StackSpec;
import io.monstack.spec.Target;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Prometheus rules of a stack with alerting on, as data (rendered by
 * templates/prometheus/rules/rules.yml.ftl). Per job: TargetDown (up == 0), ScrapeFailures (a
 * share of scrapes failing), ScrapeSlow (scrape duration close to the job's timeout). Per
 * runtime, where the runtime exposes it: JVM heap used/max, Go goroutines, Node event-loop lag.
 * The Docker engine's failed health checks. A threshold alert per custom metric that asks for one.
 * Every job name goes through PromQL string escaping; thresholds are plain decimals.
 */
public final class AlertRules {
    public static final String ALERTS_FILE = "prometheus/rules/monstack-alerts.yml";
    public static final String RECORDS_FILE = "prometheus/rules/monstack-records.yml";
    /** rule_files entries: relative to prometheus.yml, so they resolve in the image and in a rendered folder alike. */
    public static final List<String> RULE_FILES = List.of("rules/monstack-records.yml", "rules/monstack-alerts.yml");

    public static final String JVM_HEAP_RATIO = "job_instance:jvm_heap_used:ratio";
    public static final String UP_SUM = "job:up:sum";
    public static final String UP_COUNT = "job:up:count";
    /** Window of ScrapeFailures: the share of failed scrapes over this long. */
    public static final String FAILURE_WINDOW = "10m";
    public static final String HEALTH_CHECK_WINDOW = "5m";

    /** One rule: an alert (with for, labels, annotations) or a recording rule. */
    public record Rule(String kind, String name, String expr, String forDuration,
                       Map<String, String> labels, Map<String, String> annotations) {
        public boolean alert() {
            return kind.equals("alert");
        }
    }

    public record Group(String name, List<Rule> rules) {
    }

    private AlertRules() {
    }

    /** Recording rules: per-job target counts, and the JVM heap ratio when a JVM service is scraped. */
    public static List<Group> records(StackSpec spec) {
        List<Rule> rules = new ArrayList<>();
        rules.add(record(UP_SUM, "sum by (job) (up)"));
        rules.add(record(UP_COUNT, "count by (job) (up)"));
        if (spec.targets().stream().anyMatch(t -> family(t).equals("jvm"))) {
            rules.add(record(JVM_HEAP_RATIO, "sum by (job, instance) (jvm_memory_used_bytes{area=\"heap\"})"
                    + " / sum by (job, instance) (jvm_memory_max_bytes{area=\"heap\"} > 0)"));
        }
        return List.of(new Group("monstack-records", rules));
    }

    public static List<Group> alerts(StackSpec spec) {
        AlertThresholds stack = spec.alerting().stackThresholds();
        List<Rule> targets = new ArrayList<>();
        targetRules(targets, SpecValidator.SELF_JOB, stack, spec.prometheus().scrapeInterval(), null, spec);
        if (spec.dockerEngine().enabled()) {
            targetRules(targets, SpecValidator.DOCKER_JOB, stack, spec.prometheus().scrapeInterval(), null, spec);
        }
        List<Rule> runtimes = new ArrayList<>();
        List<Rule> custom = new ArrayList<>();
        for (Target t : spec.targets()) {
            AlertThresholds th = thresholds(spec, t);
            String interval = t.scrapeInterval() != null ? t.scrapeInterval() : spec.prometheus().scrapeInterval();
            targetRules(targets, t.name(), th, interval, t.scrapeTimeout(), spec);
            runtimeRules(runtimes, t, th);
            for (CustomMetric m : t.metrics()) {
                if (m.alert() != null) {
                    metricRules(custom, t, m, th, interval);
                }
            }
        }
        List<Group> groups = new ArrayList<>();
        groups.add(new Group("monstack-targets", targets));
        if (!runtimes.isEmpty()) {
            groups.add(new Group("monstack-runtimes", runtimes));
        }
        if (spec.dockerEngine().enabled()) {
            String job = sel(SpecValidator.DOCKER_JOB);
            groups.add(new Group("monstack-docker-engine", List.of(alert(SpecValidator.DOCKER_JOB, "DockerHealthChecksFailing",
                    "increase(engine_daemon_health_checks_failed_total{" + job + "}["
                            + Durations.rangeWindow(HEALTH_CHECK_WINDOW, spec.prometheus().scrapeInterval()) + "]) > 0",
                    stack.forDuration(), "warning",
                    "Container health checks are failing on {{ $labels.instance }}",
                    "The Docker engine counted {{ $value | humanize }} failed container health checks in the last "
                            + HEALTH_CHECK_WINDOW + ": `docker ps` shows which containers are unhealthy."))));
        }
        if (!custom.isEmpty()) {
            groups.add(new Group("monstack-custom-metrics", custom));
        }
        return groups;
    }

    /** One line of the stack README's alert table: the alert, its severity, when it fires (Markdown). */
    public record Summary(String alert, String severity, String when) {
    }

    /** What the rules alert on, with the stack's thresholds, for the stack README (one line per kind, not per job). */
    public static List<Summary> summary(StackSpec spec) {
        AlertThresholds th = spec.alerting().stackThresholds();
        List<Summary> rows = new ArrayList<>();
        rows.add(new Summary("TargetDown", "critical", "`up == 0` for " + th.effectiveDownFor() + ", on every job"));
        rows.add(new Summary("ScrapeFailures", "warning", "more than " + percent(th.scrapeFailureRatio())
                + " of the scrapes failed over " + FAILURE_WINDOW + ", for " + th.forDuration()));
        rows.add(new Summary("ScrapeSlow", "warning", "a scrape takes more than " + percent(th.scrapeSlowRatio())
                + " of the job's scrape timeout, for " + th.forDuration()));
        java.util.Set<String> families = new java.util.HashSet<>();
        spec.targets().forEach(t -> families.add(family(t)));
        if (families.contains("jvm")) {
            rows.add(new Summary("JvmHeapHigh", "warning", "JVM heap used/max above " + decimal(th.jvmHeapRatio())
                    + " for " + th.forDuration() + " (Spring Boot, Quarkus, Micronaut services)"));
        }
        if (families.contains("go")) {
            rows.add(new Summary("GoGoroutinesHigh", "warning", "more than " + th.goroutines() + " goroutines for "
                    + th.forDuration() + " (Go services, node-exporter, cAdvisor)"));
        }
        if (families.contains("node")) {
            rows.add(new Summary("NodeEventLoopLagHigh", "warning", "event-loop lag above " + th.eventLoopLag() + " for "
                    + th.forDuration() + " (Node.js services)"));
        }
        if (spec.dockerEngine().enabled()) {
            rows.add(new Summary("DockerHealthChecksFailing", "warning", "container health checks failed in the last "
                    + HEALTH_CHECK_WINDOW + " (job `docker`)"));
        }
        for (Target t : spec.targets()) {
            AlertThresholds own = thresholds(spec, t);
            for (CustomMetric m : t.metrics()) {
                MetricAlert a = m.alert();
                if (a == null) {
                    continue;
                }
                boolean counter = m.type() == MetricType.COUNTER;
                String what = (counter ? "rate of " : "") + io.monstack.render.Quote.markdownCode(m.name())
                        + " of " + io.monstack.render.Quote.markdownCode(t.name());
                String forDuration = a.forDuration() != null ? a.forDuration() : own.forDuration();
                String base = camel(m.name()) + (counter ? "Rate" : "");
                if (a.above() != null) {
                    rows.add(new Summary(base + "High", a.severity(), what + " above " + decimal(a.above()) + " for " + forDuration));
                }
                if (a.below() != null) {
                    rows.add(new Summary(base + "Low", a.severity(), what + " below " + decimal(a.below()) + " for " + forDuration));
                }
            }
        }
        return rows;
    }

    /** A target's effective thresholds: its own, then the stack's defaults, then the built-in ones. */
    public static AlertThresholds thresholds(StackSpec spec, Target t) {
        return t.alerts().over(spec.alerting().stackThresholds());
    }

    /** The runtime family a target's alerts come from: jvm, go, node, ... (the panel set of its runtime). */
    static String family(Target t) {
        return RuntimeCatalog.find(t.runtime()).map(r -> r.panels()).orElse("none");
    }

    private static void targetRules(List<Rule> out, String job, AlertThresholds th, String interval, String timeout, StackSpec spec) {
        String s = sel(job);
        out.add(alert(job, "TargetDown", "up{" + s + "} == 0", th.effectiveDownFor(), "critical",
                "{{ $labels.job }} target {{ $labels.instance }} is down",
                "Prometheus has not been able to scrape {{ $labels.instance }} (job " + job + ") for "
                        + th.effectiveDownFor() + ". Is it running, and reachable from Prometheus?"));
        String failRatio = decimal(th.scrapeFailureRatio());
        String failureWindow = Durations.rangeWindow(FAILURE_WINDOW, interval);
        out.add(alert(job, "ScrapeFailures", "(1 - avg_over_time(up{" + s + "}[" + failureWindow + "])) > " + failRatio
                        + " and up{" + s + "} == 1", th.forDuration(), "warning",
                "{{ $labels.job }} target {{ $labels.instance }} fails some scrapes",
                "{{ $value | humanizePercentage }} of the scrapes of {{ $labels.instance }} (job " + job + ") failed in the last "
                        + failureWindow + " (alerting above " + percent(th.scrapeFailureRatio()) + "): it flaps or is overloaded."));
        BigDecimal timeoutSeconds = BigDecimal.valueOf(effectiveTimeoutMillis(spec, interval, timeout)).movePointLeft(3);
        BigDecimal limit = BigDecimal.valueOf(th.scrapeSlowRatio()).multiply(timeoutSeconds);
        out.add(alert(job, "ScrapeSlow", "scrape_duration_seconds{" + s + "} > " + plain(limit), th.forDuration(), "warning",
                "Scrapes of {{ $labels.job }} target {{ $labels.instance }} are close to the timeout",
                "The last scrape of {{ $labels.instance }} took {{ $value | humanizeDuration }}; the timeout is "
                        + plain(timeoutSeconds) + "s (alerting above " + percent(th.scrapeSlowRatio())
                        + " of it). Slow metrics endpoints soon time out and the target shows as down."));
    }

    private static void runtimeRules(List<Rule> out, Target t, AlertThresholds th) {
        String s = sel(t.name());
        switch (family(t)) {
            case "jvm" -> out.add(alert(t.name(), "JvmHeapHigh", JVM_HEAP_RATIO + "{" + s + "} > " + decimal(th.jvmHeapRatio()),
                    th.forDuration(), "warning",
                    "JVM heap of {{ $labels.job }} {{ $labels.instance }} is {{ $value | humanizePercentage }} full",
                    "Heap used / max (Micrometer jvm_memory_*_bytes, area=heap) is above " + percent(th.jvmHeapRatio())
                            + ": the JVM spends its time in GC and is close to OutOfMemoryError."));
            case "go" -> out.add(alert(t.name(), "GoGoroutinesHigh", "go_goroutines{" + s + "} > " + th.goroutines(),
                    th.forDuration(), "warning",
                    "{{ $labels.job }} {{ $labels.instance }} runs {{ $value }} goroutines",
                    "More than " + th.goroutines() + " goroutines: usually a goroutine leak or requests stuck on a slow dependency."));
            case "node" -> out.add(alert(t.name(), "NodeEventLoopLagHigh", "nodejs_eventloop_lag_seconds{" + s + "} > "
                            + plain(BigDecimal.valueOf(Durations.toMillis(th.eventLoopLag())).movePointLeft(3)), th.forDuration(), "warning",
                    "Event loop of {{ $labels.job }} {{ $labels.instance }} lags {{ $value | humanizeDuration }}",
                    "The Node.js event loop lags more than " + th.eventLoopLag()
                            + ": something blocks it (CPU-heavy work, sync I/O), and every request waits."));
            default -> {
            }
        }
    }

    private static void metricRules(List<Rule> out, Target t, CustomMetric m, AlertThresholds th, String interval) {
        MetricAlert a = m.alert();
        String window = a.window() != null ? a.window() : Durations.rangeWindow(MetricAlert.DEFAULT_WINDOW, interval);
        String s = sel(t.name());
        boolean counter = m.type() == MetricType.COUNTER;
        String series = counter ? "rate(" + m.name() + "{" + s + "}[" + window + "])" : m.name() + "{" + s + "}";
        String what = counter ? "the rate of " + m.name() + " (per second, over " + window + ")" : m.name();
        String forDuration = a.forDuration() != null ? a.forDuration() : th.forDuration();
        String base = camel(m.name()) + (counter ? "Rate" : "");
        if (a.above() != null) {
            out.add(alert(t.name(), base + "High", series + " > " + decimal(a.above()), forDuration, a.severity(),
                    m.name() + " of {{ $labels.job }} {{ $labels.instance }} is {{ $value | humanize }}",
                    "Alerting when " + what + " is above " + decimal(a.above()) + " for " + forDuration + "."));
        }
        if (a.below() != null) {
            out.add(alert(t.name(), base + "Low", series + " < " + decimal(a.below()), forDuration, a.severity(),
                    m.name() + " of {{ $labels.job }} {{ $labels.instance }} is {{ $value | humanize }}",
                    "Alerting when " + what + " is below " + decimal(a.below()) + " for " + forDuration + "."));
        }
    }

    /**
     * The scrape timeout Prometheus uses for a job: the job's, else the global one, else 10s; never
     * longer than the job's interval (Prometheus caps an unset timeout at the interval).
     */
    static long effectiveTimeoutMillis(StackSpec spec, String interval, String jobTimeout) {
        if (jobTimeout != null) {
            return Durations.toMillis(jobTimeout);
        }
        long globalInterval = Durations.toMillis(spec.prometheus().scrapeInterval());
        long global = spec.prometheus().scrapeTimeout() != null ? Durations.toMillis(spec.prometheus().scrapeTimeout())
                : Math.min(10_000L, globalInterval);
        return Math.min(global, Durations.toMillis(interval));
    }

    private static String sel(String job) {
        return "job=\"" + DashboardFiles.promqlString(job) + "\"";
    }

    private static Rule record(String name, String expr) {
        return new Rule("record", name, expr, null, Map.of(), Map.of());
    }

    /**
     * An alert on one job's series. The static job label repeats what the selector pins (so the
     * alert's labels are unchanged) and keeps name + labels unique per job, as promtool's
     * duplicate-rules lint wants.
     */
    private static Rule alert(String job, String name, String expr, String forDuration, String severity, String summary,
            String description) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("summary", summary);
        annotations.put("description", description);
        return new Rule("alert", name, expr, forDuration, new TreeMap<>(Map.of("severity", severity, "job", job)), annotations);
    }

    /** queue_depth -> QueueDepth, http:requests:rate5m -> HttpRequestsRate5m: a readable alert name. */
    static String camel(String metric) {
        StringBuilder sb = new StringBuilder();
        for (String part : metric.split("[_:]+")) {
            if (!part.isEmpty()) {
                sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return sb.isEmpty() ? "Metric" : sb.toString();
    }

    /** A plain decimal (no exponent): 100, 0.95, 8. */
    public static String decimal(double value) {
        return plain(BigDecimal.valueOf(value));
    }

    private static String plain(BigDecimal value) {
        String s = value.stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    private static String percent(double ratio) {
        return plain(BigDecimal.valueOf(ratio).movePointRight(2)) + "%";
    }
}
