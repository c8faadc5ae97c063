package io.monstack.generate;

import io.monstack.render.TemplateRenderer;
import io.monstack.spec.CustomMetric;
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
 * The dashboards: an overview of every job, one dashboard per service (its runtime's panels,
 * then a panel per custom metric), and one for the Docker engine. Per-service dashboards keep
 * each service's job fixed in every query, so two services of one runtime never mix.
 */
final class DashboardFiles implements StackGenerator.Contributor {
    static final String DIR = "grafana/dashboards/";

    @Override
    public List<GeneratedFile> files(StackModel model, TemplateRenderer renderer) {
        StackSpec spec = model.spec();
        List<GeneratedFile> files = new ArrayList<>();
        files.add(new GeneratedFile(DIR + "overview.json", Json.pretty(overview(spec).build())));
        if (spec.dockerEngine().enabled()) {
            files.add(new GeneratedFile(DIR + "docker-engine.json", Json.pretty(dockerEngine(spec).build())));
        }
        for (Target t : spec.targets()) {
            files.add(new GeneratedFile(DIR + serviceFile(t), Json.pretty(service(spec, t).build())));
        }
        return files;
    }

    /** Dashboard file name and title per file, for the stack README. */
    static Map<String, String> titles(StackModel model) {
        Map<String, String> titles = new LinkedHashMap<>();
        titles.put("overview.json", overviewTitle(model.spec()));
        if (model.spec().dockerEngine().enabled()) {
            titles.put("docker-engine.json", "Docker engine");
        }
        for (Target t : model.spec().targets()) {
            titles.put(serviceFile(t), serviceTitle(t));
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
        d.row("Targets");
        d.panel("stat", "Targets up", "Targets whose last scrape succeeded.", "short", 6,
                List.of(new PanelSets.Query("sum(up{job=~\"$job\"})", "up")));
        d.panel("stat", "Targets down", "Targets whose last scrape failed: check the table for which.", "short", 6,
                List.of(new PanelSets.Query("count(up{job=~\"$job\"} == 0) or vector(0)", "down")));
        d.panel("table", "Targets by job", "1 = up, 0 = down, per target.", "short", 12,
                List.of(new PanelSets.Query("up{job=~\"$job\"}", "{{job}} {{instance}}")));
        d.row("Scrapes");
        d.panel("timeseries", "Targets up by job", "Up targets per job over time.", "short", 12,
                List.of(new PanelSets.Query("sum by (job) (up{job=~\"$job\"})", "{{job}}")));
        d.panel("timeseries", "Scrape duration", "Slowest scrape per job; close to the timeout means trouble.", "s", 12,
                List.of(new PanelSets.Query("max by (job) (scrape_duration_seconds{job=~\"$job\"})", "{{job}}")));
        d.panel("timeseries", "Samples scraped", "Samples per scrape per job; a jump means a cardinality change.", "short", 12,
                List.of(new PanelSets.Query("sum by (job) (scrape_samples_scraped{job=~\"$job\"})", "{{job}}")));
        d.panel("timeseries", "Series added by the last scrape", "New series per job; steady non-zero values hint at label churn.", "short", 12,
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

    private DashboardBuilder service(StackSpec spec, Target t) {
        Runtime runtime = RuntimeCatalog.get(t.runtime());
        DashboardBuilder d = new DashboardBuilder(uid(spec, "service/" + t.name()), serviceTitle(t),
                "Service " + t.name() + ": " + runtime.label() + " metrics from " + t.metricsPath() + ".",
                tags(spec, t.runtime()));
        d.variable("instance", "Instance", "label_values(up{job=\"" + promqlString(t.name()) + "\"}, instance)");
        d.linkToTag("Stack", spec.name());
        String sel = selector(t.name());
        List<PanelSets.PanelDef> runtimePanels = PanelSets.get(runtime.panels());
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
            d.panel("timeseries", "Up", "1 when the last scrape of the target succeeded.", "short", 12,
                    List.of(new PanelSets.Query("up{" + sel + "}", "{{instance}}")));
            d.panel("timeseries", "Samples scraped", "Add this service's own metrics to monstack.yml to get panels for them.",
                    "short", 12, List.of(new PanelSets.Query("scrape_samples_scraped{" + sel + "}", "{{instance}}")));
        }
        return d;
    }

    private static void addPanels(DashboardBuilder d, List<PanelSets.PanelDef> defs, String sel) {
        for (PanelSets.PanelDef p : defs) {
            List<PanelSets.Query> queries = p.queries().stream()
                    .map(q -> new PanelSets.Query(q.expr().replace("<sel>", sel), q.legend())).toList();
            d.panel(p.type(), p.title(), p.description(), p.unit(), p.type().equals("stat") ? 6 : 12, queries);
        }
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
