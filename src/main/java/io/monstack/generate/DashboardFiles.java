package io.monstack.generate;

import io.monstack.render.TemplateRenderer;
import io.monstack.spec.CustomMetric;
import io.monstack.spec.Durations;
import io.monstack.spec.Runtime;
import io.monstack.spec.RuntimeCatalog;
import io.monstack.spec.SpecValidator;
import io.monstack.spec.StackSpec;
import io.monstack.spec.Target;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboards: an overview of every job, one for the Docker engine, and for the services
 * either one dashboard each (its runtime's panels, then a panel per custom metric: best for a
 * few services, everything about one service on one page) or, for many services, one dashboard
 * per runtime with a job selector plus one per service that has custom metrics (500 services
 * stay a handful of dashboards). Every query names its job(s), so services never mix.
 */
public final class DashboardFiles implements StackGenerator.Contributor {
    static final String DIR = "grafana/dashboards/";

    @Override
    public List<GeneratedFile> files(StackModel model, TemplateRenderer renderer) {
        StackSpec spec = model.spec();
        List<GeneratedFile> files = new ArrayList<>();
        files.add(new GeneratedFile(DIR + "overview.json", Json.pretty(overview(spec).build())));
        if (spec.dockerEngine().enabled()) {
            files.add(new GeneratedFile(DIR + "docker-engine.json", Json.pretty(dockerEngine(spec).build())));
        }
        for (BuiltInView view : BuiltInView.of(spec)) {
            files.add(new GeneratedFile(DIR + view.file(), Json.pretty(builtIn(spec, view).build())));
        }
        if (spec.grafana().perService(spec.targets().size())) {
            for (Target t : spec.targets()) {
                files.add(new GeneratedFile(DIR + serviceFile(t), Json.pretty(service(spec, t, true).build())));
            }
            return files;
        }
        runtimeGroups(spec).forEach((set, targets) ->
                files.add(new GeneratedFile(DIR + runtimeFile(set), Json.pretty(runtime(spec, set, targets).build()))));
        for (Target t : spec.targets()) {
            if (!t.metrics().isEmpty()) {
                files.add(new GeneratedFile(DIR + serviceFile(t), Json.pretty(service(spec, t, false).build())));
            }
        }
        return files;
    }

    /** Targets grouped by the panel set their runtime uses (jvm holds Spring Boot, Quarkus, Micronaut). */
    private static Map<String, List<Target>> runtimeGroups(StackSpec spec) {
        Map<String, List<Target>> groups = new java.util.TreeMap<>();
        for (Target t : spec.targets()) {
            String set = RuntimeCatalog.get(t.runtime()).family();
            if (!PanelSets.get(set).isEmpty()) {
                groups.computeIfAbsent(set, k -> new ArrayList<>()).add(t);
            }
        }
        return groups;
    }

    static String runtimeFile(String panelSet) {
        return "runtime-" + panelSet + ".json";
    }

    private static String runtimeTitle(String panelSet) {
        return "Runtime: " + panelSet + " services";
    }

    /**
     * One dashboard for every service of a runtime: a job selector (only those services' jobs)
     * and an instance selector; the same panels as the per-service layout.
     */
    private DashboardBuilder runtime(StackSpec spec, String set, List<Target> targets) {
        DashboardBuilder d = new DashboardBuilder(uid(spec, "runtime/" + set), runtimeTitle(set),
                "Runtime metrics of every " + set + " service of the stack; pick services with the Job selector.",
                tags(spec, "runtime", set));
        String jobs = String.join("|", targets.stream().map(t -> promqlString(regexQuote(t.name()))).toList());
        d.variable("job", "Job", "label_values(up{job=~\"" + jobs + "\"}, job)");
        d.variable("instance", "Instance", "label_values(up{job=~\"$job\"}, instance)");
        d.linkToTag("Stack", spec.name());
        d.queryInterval(longestInterval(spec, targets));
        addPanels(d, PanelSets.get(set), "job=~\"$job\",instance=~\"$instance\"");
        return d;
    }

    /** The longest scrape interval of these targets when it is longer than the stack's, else null. */
    private static String longestInterval(StackSpec spec, List<Target> targets) {
        String longest = spec.prometheus().scrapeInterval();
        for (Target t : targets) {
            if (t.scrapeInterval() != null && Durations.toMillis(t.scrapeInterval()) > Durations.toMillis(longest)) {
                longest = t.scrapeInterval();
            }
        }
        return longest.equals(spec.prometheus().scrapeInterval()) ? null : longest;
    }

    /** Job names may hold '.', which a PromQL regex would read as "any character". */
    private static String regexQuote(String name) {
        return name.replace(".", "\\.");
    }

    /** Dashboard file name and title per file, for the stack README. */
    static Map<String, String> titles(StackModel model) {
        StackSpec spec = model.spec();
        Map<String, String> titles = new LinkedHashMap<>();
        titles.put("overview.json", overviewTitle(spec));
        if (spec.dockerEngine().enabled()) {
            titles.put("docker-engine.json", "Docker engine");
        }
        BuiltInView.of(spec).forEach(v -> titles.put(v.file(), v.title()));
        boolean perService = spec.grafana().perService(spec.targets().size());
        if (!perService) {
            runtimeGroups(spec).keySet().forEach(set -> titles.put(runtimeFile(set), runtimeTitle(set)));
        }
        for (Target t : spec.targets()) {
            if (perService || !t.metrics().isEmpty()) {
                titles.put(serviceFile(t), serviceTitle(t));
            }
        }
        return titles;
    }

    static String serviceFile(Target t) {
        return "service-" + t.name() + ".json";
    }

    private static String overviewTitle(StackSpec spec) {
        return spec.name() + " overview";
    }

    private static String serviceTitle(Target t) {
        return t.name() + " (" + RuntimeCatalog.get(t.runtime()).label() + ")";
    }

    /** A stable uid (Grafana allows up to 40 characters) from the stack and dashboard names. */
    static String uid(StackSpec spec, String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((spec.name() + "\u0000" + key).getBytes(StandardCharsets.UTF_8));
            return "ms-" + HexFormat.of().formatHex(hash, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> tags(StackSpec spec, String... more) {
        List<String> tags = new ArrayList<>(List.of("monstack", spec.name()));
        tags.addAll(List.of(more));
        return tags;
    }

    private DashboardBuilder overview(StackSpec spec) {
        DashboardBuilder d = new DashboardBuilder(uid(spec, "overview"), overviewTitle(spec),
                "Every scrape job of the stack: which targets are up, how long scrapes take, how much they bring.",
                tags(spec, "overview"));
        d.variable("job", "Job", "label_values(up, job)");
        d.linkToTag("Services", spec.name());
        if (spec.alerting().enabled()) {
            // Prometheus' own ALERTS series: every alert of the rule files while it is pending or firing.
            d.row("Alerts");
            d.panel(PanelType.STAT, "Alerts firing", "Alerts firing now; Alertmanager sends them to the receivers of monstack.yml.",
                    "short", 6, List.of(new PanelSets.Query("count(ALERTS{alertstate=\"firing\"}) or vector(0)", "firing")));
            d.panel(PanelType.TABLE, "Firing alerts", "Every firing alert with its labels (alertname, job, instance, severity).",
                    "short", 18, List.of(new PanelSets.Query("ALERTS{alertstate=\"firing\"}", "{{alertname}} {{job}} {{instance}}")));
        }
        d.row("Targets");
        d.panel(PanelType.STAT, "Targets up", "Targets whose last scrape succeeded.", "short", 6,
                List.of(new PanelSets.Query("sum(up{job=~\"$job\"})", "up")));
        d.panel(PanelType.STAT, "Targets down", "Targets whose last scrape failed: check the table for which.", "short", 6,
                List.of(new PanelSets.Query("count(up{job=~\"$job\"} == 0) or vector(0)", "down")));
        d.panel(PanelType.TABLE, "Targets by job", "1 = up, 0 = down, per target.", "short", 12,
                List.of(new PanelSets.Query("up{job=~\"$job\"}", "{{job}} {{instance}}")));
        d.row("Scrapes");
        d.panel(PanelType.TIMESERIES, "Targets up by job", "Up targets per job over time.", "short", 12,
                List.of(new PanelSets.Query("sum by (job) (up{job=~\"$job\"})", "{{job}}")));
        d.panel(PanelType.TIMESERIES, "Scrape duration", "Slowest scrape per job; close to the timeout means trouble.", "s", 12,
                List.of(new PanelSets.Query("max by (job) (scrape_duration_seconds{job=~\"$job\"})", "{{job}}")));
        d.panel(PanelType.TIMESERIES, "Samples scraped", "Samples per scrape per job; a jump means a cardinality change.", "short", 12,
                List.of(new PanelSets.Query("sum by (job) (scrape_samples_scraped{job=~\"$job\"})", "{{job}}")));
        d.panel(PanelType.TIMESERIES, "Series added by the last scrape", "New series per job; steady non-zero values hint at label churn.", "short", 12,
                List.of(new PanelSets.Query("sum by (job) (scrape_series_added{job=~\"$job\"})", "{{job}}")));
        return d;
    }

    private DashboardBuilder dockerEngine(StackSpec spec) {
        DashboardBuilder d = new DashboardBuilder(uid(spec, "docker-engine"), "Docker engine",
                "The Docker engine's own metrics (daemon.json metrics-addr), scraped as job \"docker\".",
                tags(spec, "docker"));
        String job = SpecValidator.DOCKER_JOB;
        d.variable("instance", "Instance", "label_values(engine_daemon_engine_info{job=\"" + job + "\"}, instance)");
        addPanels(d, PanelSets.get("docker"), selector(job));
        return d;
    }

    /** The views of the stack's own exporters: a job of theirs, a family's panels, one dashboard. */
    record BuiltInView(String job, String family, String file, String title, String description) {
        static List<BuiltInView> of(StackSpec spec) {
            List<BuiltInView> views = new ArrayList<>();
            if (spec.hostMetrics().enabled()) {
                views.add(new BuiltInView(SpecValidator.HOST_JOB, "host", "host.json", "Host",
                        "The host" + (spec.deploy().isSwarm() ? "s of the swarm" : "") + ", from node-exporter (job \"host\"): "
                                + "CPU, load, memory, swap, disks and network."));
            }
            if (spec.containerMetrics().enabled()) {
                views.add(new BuiltInView(SpecValidator.CONTAINERS_JOB, "containers", "containers.json", "Containers",
                        "Every container, from cAdvisor (job \"containers\"): CPU, memory against its limit, network, restarts."));
            }
            return views;
        }
    }

    private DashboardBuilder builtIn(StackSpec spec, BuiltInView view) {
        DashboardBuilder d = new DashboardBuilder(uid(spec, view.family()), view.title(), view.description(),
                tags(spec, view.family()));
        d.variable("instance", "Instance", "label_values(up{job=\"" + view.job() + "\"}, instance)");
        d.linkToTag("Stack", spec.name());
        addPanels(d, PanelSets.get(view.family()), selector(view.job()));
        return d;
    }

    private DashboardBuilder service(StackSpec spec, Target t, boolean withRuntimePanels) {
        Runtime runtime = RuntimeCatalog.get(t.runtime());
        DashboardBuilder d = new DashboardBuilder(uid(spec, "service/" + t.name()), serviceTitle(t),
                "Service " + t.name() + ": " + runtime.label() + " metrics from " + t.metricsPath() + ".",
                tags(spec, t.runtime()));
        d.variable("instance", "Instance", "label_values(up{job=\"" + promqlString(t.name()) + "\"}, instance)");
        d.linkToTag("Stack", spec.name());
        String sel = selector(t.name());
        d.queryInterval(longestInterval(spec, List.of(t)));
        List<PanelSets.PanelDef> runtimePanels = withRuntimePanels ? PanelSets.get(runtime.family()) : List.of();
        if (!runtimePanels.isEmpty()) {
            d.row(runtime.label());
            addPanels(d, runtimePanels, sel);
        }
        if (!t.metrics().isEmpty()) {
            d.row(t.name() + ": the app's own metrics");
            for (CustomMetric m : t.metrics()) {
                CustomMetricPanels.add(d, m, sel);
            }
        }
        if (runtimePanels.isEmpty() && t.metrics().isEmpty()) {
            d.row("Scrapes");
            d.panel(PanelType.TIMESERIES, "Up", "1 when the last scrape of the target succeeded.", "short", 12,
                    List.of(new PanelSets.Query("up{" + sel + "}", "{{instance}}")));
            d.panel(PanelType.TIMESERIES, "Samples scraped", "Add this service's own metrics to monstack.yml to get panels for them.",
                    "short", 12, List.of(new PanelSets.Query("scrape_samples_scraped{" + sel + "}", "{{instance}}")));
        }
        return d;
    }

    /** The panels in their order; panels that need an optional collector or a newer client follow, in rows that say so. */
    private static void addPanels(DashboardBuilder d, List<PanelSets.PanelDef> defs, String sel) {
        defs.stream().filter(p -> p.optional() == null).forEach(p -> addPanel(d, p, sel));
        Map<String, List<PanelSets.PanelDef>> optional = new LinkedHashMap<>();
        defs.stream().filter(p -> p.optional() != null)
                .forEach(p -> optional.computeIfAbsent(p.optional(), k -> new ArrayList<>()).add(p));
        optional.forEach((needs, panels) -> {
            d.row(OPTIONAL_ROW + needs);
            panels.forEach(p -> addPanel(d, p, sel));
        });
    }

    /** How the title of a row of panels an older client cannot feed begins (monstack check counts them apart). */
    public static final String OPTIONAL_ROW = "Optional: ";

    private static void addPanel(DashboardBuilder d, PanelSets.PanelDef p, String sel) {
        List<PanelSets.Query> queries = p.queries().stream()
                .map(q -> new PanelSets.Query(q.expr().replace("<sel>", sel), q.legend())).toList();
        d.panel(p.type(), p.title(), p.description(), p.unit(), p.type() == PanelType.STAT ? 6 : 12, queries);
    }

    /** The label selector that pins a query to one job, and to the instances picked in the dashboard. */
    static String selector(String job) {
        return "job=\"" + promqlString(job) + "\",instance=~\"$instance\"";
    }

    /** Escapes a value for a double-quoted PromQL string. */
    static String promqlString(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
