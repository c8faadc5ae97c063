package io.monstack.generate;

import io.monstack.spec.AlertThresholds;
import io.monstack.spec.CustomMetric;
import io.monstack.spec.Durations;
import io.monstack.spec.MetricAlert;
import io.monstack.spec.MetricType;
import io.monstack.render.Quote;
import io.monstack.spec.RuntimeCatalog;
import io.monstack.spec.RuntimeFamily;
import io.monstack.spec.SpecValidator;
import io.monstack.spec.StackSpec;
import io.monstack.spec.Target;
import io.monstack.spec.ThresholdType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Prometheus rules of a stack with alerting on, as data (rendered by
 * templates/prometheus/rules/rules.yml.ftl). Per job: TargetDown (up == 0), ScrapeFailures (a
 * share of scrapes failing), ScrapeSlow (scrape duration close to the job's timeout). Per runtime
 * family, the alerts and recording rules templates/runtimes.yml gives it (JVM heap, Go goroutines,
 * Node event-loop lag, the Docker engine's failed health checks, ...). A threshold alert per
 * custom metric that asks for one.
 * Every job name goes through PromQL string escaping; thresholds are plain decimals.
 */
public final class AlertRules {
    public static final String ALERTS_FILE = "prometheus/rules/monstack-alerts.yml";
    public static final String RECORDS_FILE = "prometheus/rules/monstack-records.yml";
    /** rule_files entries: relative to prometheus.yml, so they resolve in the image and in a rendered folder alike. */
    public static final List<String> RULE_FILES = List.of("rules/monstack-records.yml", "rules/monstack-alerts.yml");

    public static final String UP_SUM = "job:up:sum";
    public static final String UP_COUNT = "job:up:count";
    /** Window of ScrapeFailures: the share of failed scrapes over this long (longer for jobs scraped rarely). */
    public static final String FAILURE_WINDOW = "10m";

    /** Whether a rule alerts or records; its name is the rule file's key. */
    public enum Kind {
        ALERT, RECORD;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One rule: an alert (with for, labels, annotations) or a recording rule. readme: the stack
     * README's "fires when" for its kind of alert; family: the runtime family whose data made it
     * (null for the rules of every job and of custom metrics).
     */
    public record Rule(Kind kind, String name, String expr, String forDuration,
                       Map<String, String> labels, Map<String, String> annotations, String readme, String family) {
        public boolean alert() {
            return kind == Kind.ALERT;
        }
    }

    public record Group(String name, List<Rule> rules) {
    }

    private AlertRules() {
    }

    /** Recording rules: per-job target counts, and those of the families the stack's services belong to. */
    public static List<Group> records(StackSpec spec) {
        List<Rule> rules = new ArrayList<>();
        rules.add(record(UP_SUM, "sum by (job) (up)"));
        rules.add(record(UP_COUNT, "count by (job) (up)"));
        for (RuntimeFamily f : familiesInUse(spec)) {
            f.records().forEach(r -> rules.add(record(r.record(), r.expr())));
        }
        return List.of(new Group("monstack-records", rules));
    }

    public static List<Group> alerts(StackSpec spec) {
        AlertThresholds stack = spec.alerting().stackThresholds();
        String globalInterval = spec.prometheus().scrapeInterval();
        List<Rule> targets = new ArrayList<>();
        targetRules(targets, SpecValidator.SELF_JOB, stack, globalInterval, null, spec);
        if (spec.dockerEngine().enabled()) {
            targetRules(targets, SpecValidator.DOCKER_JOB, stack, globalInterval, null, spec);
        }
        if (spec.hostMetrics().enabled()) {
            targetRules(targets, SpecValidator.HOST_JOB, stack, globalInterval, null, spec);
        }
        if (spec.containerMetrics().enabled()) {
            targetRules(targets, SpecValidator.CONTAINERS_JOB, stack, globalInterval, null, spec);
        }
        Map<String, List<Rule>> byGroup = new LinkedHashMap<>();
        byGroup.put("monstack-targets", targets);
        List<Rule> custom = new ArrayList<>();
        for (Target t : spec.targets()) {
            AlertThresholds th = thresholds(spec, t);
            String interval = t.scrapeInterval() != null ? t.scrapeInterval() : globalInterval;
            targetRules(targets, t.name(), th, interval, t.scrapeTimeout(), spec);
            familyRules(byGroup, RuntimeCatalog.familyOf(t.runtime()), t.name(), th, stack, interval);
            for (CustomMetric m : t.metrics()) {
                if (m.alert() != null) {
                    metricRules(custom, t, m, th, interval);
                }
            }
        }
        if (spec.dockerEngine().enabled()) {
            familyRules(byGroup, RuntimeCatalog.family(ENGINE_FAMILY), SpecValidator.DOCKER_JOB, stack, stack, globalInterval);
        }
        if (spec.hostMetrics().enabled()) {
            familyRules(byGroup, RuntimeCatalog.family("host"), SpecValidator.HOST_JOB, stack, stack, globalInterval);
        }
        if (spec.containerMetrics().enabled()) {
            familyRules(byGroup, RuntimeCatalog.family("containers"), SpecValidator.CONTAINERS_JOB, stack, stack, globalInterval);
        }
        if (!custom.isEmpty()) {
            byGroup.put("monstack-custom-metrics", custom);
        }
        List<Group> groups = new ArrayList<>();
        byGroup.forEach((name, rules) -> groups.add(new Group(name, rules)));
        return groups;
    }

    /** The family of the stack's own "docker" job. */
    static final String ENGINE_FAMILY = "docker";

    /** One line of the stack README's alert table: the alert, its severity, when it fires (Markdown). */
    public record Summary(String alert, String severity, String when) {
    }

    /**
     * What the rules alert on, for the stack README: one line per alert name, taken from the rules
     * themselves (the first job that has it; runtime alerts say the stack's thresholds), runtime
     * alerts in the order runtimes.yml lists their families.
     */
    public static List<Summary> summary(StackSpec spec) {
        List<String> familyOrder = List.copyOf(RuntimeCatalog.families().keySet());
        Map<String, Summary> rows = new LinkedHashMap<>();
        for (Group g : alerts(spec)) {
            List<Rule> rules = new ArrayList<>(g.rules());
            rules.sort(java.util.Comparator.comparingInt(r -> r.family() == null ? -1 : familyOrder.indexOf(r.family())));
            for (Rule r : rules) {
                rows.putIfAbsent(r.name(), new Summary(r.name(), r.labels().get("severity"), r.readme()));
            }
        }
        return List.copyOf(rows.values());
    }

    /** A target's effective thresholds: its own, then the stack's defaults, then the built-in ones. */
    public static AlertThresholds thresholds(StackSpec spec, Target t) {
        return t.alerts().over(spec.alerting().stackThresholds());
    }

    /** The families of the stack's services, in runtimes.yml's order. */
    private static List<RuntimeFamily> familiesInUse(StackSpec spec) {
        java.util.Set<String> used = new java.util.HashSet<>();
        spec.targets().forEach(t -> used.add(RuntimeCatalog.familyOf(t.runtime()).id()));
        return RuntimeCatalog.families().values().stream().filter(f -> used.contains(f.id())).toList();
    }

    private static void targetRules(List<Rule> out, String job, AlertThresholds th, String interval, String timeout, StackSpec spec) {
        String s = sel(job);
        out.add(alert(job, "TargetDown", "up{" + s + "} == 0", th.effectiveDownFor(), "critical",
                "{{ $labels.job }} target {{ $labels.instance }} is down",
                "Prometheus has not been able to scrape {{ $labels.instance }} (job " + job + ") for "
                        + th.effectiveDownFor() + ". Is it running, and reachable from Prometheus?",
                "`up == 0` for " + th.effectiveDownFor() + ", on every job", null));
        String failRatio = decimal(th.scrapeFailureRatio());
        String failureWindow = Durations.rangeWindow(FAILURE_WINDOW, interval);
        out.add(alert(job, "ScrapeFailures", "(1 - avg_over_time(up{" + s + "}[" + failureWindow + "])) > " + failRatio
                        + " and up{" + s + "} == 1", th.forDuration(), "warning",
                "{{ $labels.job }} target {{ $labels.instance }} fails some scrapes",
                "{{ $value | humanizePercentage }} of the scrapes of {{ $labels.instance }} (job " + job + ") failed in the last "
                        + failureWindow + " (alerting above " + percent(th.scrapeFailureRatio()) + "): it flaps or is overloaded.",
                "more than " + percent(th.scrapeFailureRatio()) + " of the scrapes failed over " + failureWindow + ", for "
                        + th.forDuration(), null));
        BigDecimal timeoutSeconds = BigDecimal.valueOf(effectiveTimeoutMillis(spec, interval, timeout)).movePointLeft(3);
        BigDecimal limit = BigDecimal.valueOf(th.scrapeSlowRatio()).multiply(timeoutSeconds);
        out.add(alert(job, "ScrapeSlow", "scrape_duration_seconds{" + s + "} > " + plain(limit), th.forDuration(), "warning",
                "Scrapes of {{ $labels.job }} target {{ $labels.instance }} are close to the timeout",
                "The last scrape of {{ $labels.instance }} took {{ $value | humanizeDuration }}; the timeout is "
                        + plain(timeoutSeconds) + "s (alerting above " + percent(th.scrapeSlowRatio())
                        + " of it). Slow metrics endpoints soon time out and the target shows as down.",
                "a scrape takes more than " + percent(th.scrapeSlowRatio()) + " of the job's scrape timeout, for "
                        + th.forDuration(), null));
    }

    /**
     * The alerts runtimes.yml gives a family, for one job: its placeholders filled with the job's
     * thresholds (the README line with the stack's, as the README describes the stack).
     */
    private static void familyRules(Map<String, List<Rule>> byGroup, RuntimeFamily family, String job, AlertThresholds th,
            AlertThresholds stack, String interval) {
        for (RuntimeFamily.AlertDef a : family.alerts()) {
            String expr = fill(a.expr(), a, job, th, interval);
            Rule rule = alert(job, a.alert(), expr, th.forDuration(), a.severity(), fill(a.summary(), a, job, th, interval),
                    fill(a.description(), a, job, th, interval), fill(a.readme(), a, job, stack, interval), family.id());
            byGroup.computeIfAbsent(family.group(), k -> new ArrayList<>()).add(rule);
        }
    }

    private static final java.util.regex.Pattern WINDOW = java.util.regex.Pattern.compile("<window:([0-9a-z]+)>");

    /** A rule text of runtimes.yml with its placeholders filled in. */
    private static String fill(String text, RuntimeFamily.AlertDef a, String job, AlertThresholds th, String interval) {
        String out = text.replace("<sel>", sel(job)).replace("<for>", th.forDuration());
        if (a.threshold() != null) {
            Object value = th.value(a.threshold().key());
            ThresholdType type = a.threshold().type();
            if (out.contains("<threshold.percent>")) { // ratios only: the loader checks each alert's texts
                out = out.replace("<threshold.percent>", type.percent(value));
            }
            out = out.replace("<threshold.text>", type.text(value)).replace("<threshold>", type.promql(value));
        }
        java.util.regex.Matcher m = WINDOW.matcher(out);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Durations.rangeWindow(m.group(1), interval));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static void metricRules(List<Rule> out, Target t, CustomMetric m, AlertThresholds th, String interval) {
        MetricAlert a = m.alert();
        String window = a.window() != null ? a.window() : Durations.rangeWindow(MetricAlert.DEFAULT_WINDOW, interval);
        String s = sel(t.name());
        boolean counter = m.type() == MetricType.COUNTER;
        String series = ownSeverityKept(counter ? "rate(" + m.name() + "{" + s + "}[" + window + "])" : m.name() + "{" + s + "}");
        String what = counter ? "the rate of " + m.name() + " (per second, over " + window + ")" : m.name();
        String forDuration = a.forDuration() != null ? a.forDuration() : th.forDuration();
        String base = camel(m.name()) + (counter ? "Rate" : "");
        String readme = (counter ? "rate of " : "") + Quote.markdownCode(m.name()) + " of " + Quote.markdownCode(t.name());
        if (a.above() != null) {
            out.add(alert(t.name(), base + "High", series + " > " + decimal(a.above()), forDuration, a.severity(),
                    m.name() + " of {{ $labels.job }} {{ $labels.instance }} is {{ $value | humanize }}",
                    "Alerting when " + what + " is above " + decimal(a.above()) + " for " + forDuration + ".",
                    readme + " above " + decimal(a.above()) + " for " + forDuration, null));
        }
        if (a.below() != null) {
            out.add(alert(t.name(), base + "Low", series + " < " + decimal(a.below()), forDuration, a.severity(),
                    m.name() + " of {{ $labels.job }} {{ $labels.instance }} is {{ $value | humanize }}",
                    "Alerting when " + what + " is below " + decimal(a.below()) + " for " + forDuration + ".",
                    readme + " below " + decimal(a.below()) + " for " + forDuration, null));
        }
    }

    /**
     * An app's metric may have a severity label of its own (a counter of log lines by level): the
     * alert's severity would overwrite it and make series collide, failing the rule's evaluation.
     * Its value moves to exported_severity (Prometheus' name for a label it must not overwrite).
     */
    private static String ownSeverityKept(String series) {
        // (?s: a value may hold a newline, which . matches on Prometheus 3 only
        return "label_replace(label_replace(" + series + ", \"exported_severity\", \"$1\", \"severity\", \"((?s:.+))\"), "
                + "\"severity\", \"\", \"severity\", \"(?s:.*)\")";
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
        return new Rule(Kind.RECORD, name, expr, null, Map.of(), Map.of(), null, null);
    }

    /**
     * An alert on one job's series. The static job label repeats what the selector pins (so the
     * alert's labels are unchanged) and keeps name + labels unique per job, as promtool's
     * duplicate-rules lint wants.
     */
    private static Rule alert(String job, String name, String expr, String forDuration, String severity, String summary,
            String description, String readme, String family) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("summary", summary);
        annotations.put("description", description);
        return new Rule(Kind.ALERT, name, expr, forDuration, new TreeMap<>(Map.of("severity", severity, "job", job)), annotations,
                readme, family);
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
        return ThresholdType.plain(value);
    }

    private static String percent(double ratio) {
        return plain(BigDecimal.valueOf(ratio).movePointRight(2)) + "%";
    }
}
