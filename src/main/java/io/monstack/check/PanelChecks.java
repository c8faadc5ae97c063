package io.monstack.check;

import io.monstack.generate.DashboardFiles;
import com.fasterxml.jackson.databind.JsonNode;
import io.monstack.check.Finding.Area;
import io.monstack.discover.RuntimeDetector;
import io.monstack.spec.CustomMetric;
import io.monstack.spec.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs every query of every generated dashboard as Grafana would, and says which panels would
 * show "No data" and why: the job has no data, the metrics it needs are not on the job's page
 * (and then which runtime the page looks like), or a range that holds one scrape so far.
 */
final class PanelChecks {
    /** Row titles of panels an old client may not feed (templates/dashboards/panels.yml "optional:"). */
    /** The metric Prometheus keeps firing alerts in: a panel of it is empty while nothing fires, as it should be. */
    static final String ALERTS = "ALERTS";

    private final ExpectedStack stack;
    private final Fixes fixes;
    private final PrometheusApi api;
    /** The answers of this round: a query is asked once even when a reason needs it again. */
    private final Map<String, PrometheusApi.QueryResult> answers = new java.util.HashMap<>();

    PanelChecks(ExpectedStack stack, Fixes fixes, PrometheusApi api) {
        this.stack = stack;
        this.fixes = fixes;
        this.api = api;
    }

    record Result(List<DashboardStatus> dashboards, List<Finding> panelFindings, List<Finding> jobFindings) {
    }

    /** A panel without data, why, and what its row says. */
    private record EmptyPanel(String title, boolean optional, String row, String reason) {
    }

    Result check() {
        JobSeries series = new JobSeries(api);
        Map<String, Set<String>> missingByJob = new LinkedHashMap<>();
        List<DashboardStatus> statuses = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (ExpectedStack.Dashboard d : stack.dashboards()) {
            GrafanaVariables vars = new GrafanaVariables(d.json(), stack.datasourceIntervalMillis(), api::labelValues);
            int panels = 0;
            int withData = 0;
            List<EmptyPanel> empty = new ArrayList<>();
            for (Placed p : placed(d.json())) {
                panels++;
                List<String> exprs = new ArrayList<>();
                p.panel().path("targets").forEach(t -> exprs.add(vars.expand(t.path("expr").asText())));
                if (hasData(exprs) || readsOnlyAlerts(exprs)) {
                    withData++;
                    continue;
                }
                boolean optional = p.row() != null && p.row().startsWith(DashboardFiles.OPTIONAL_ROW);
                String reason = reason(exprs, vars.rateInterval(), series, optional ? null : missingByJob);
                empty.add(new EmptyPanel(p.panel().path("title").asText(), optional, p.row(), reason));
            }
            statuses.add(new DashboardStatus(d.title(), d.file(), panels, withData,
                    (int) empty.stream().filter(EmptyPanel::optional).count()));
            findings.addAll(grouped(d, empty));
        }
        return new Result(statuses, findings, jobFindings(missingByJob, series));
    }

    private boolean hasData(List<String> exprs) {
        for (String e : exprs) {
            PrometheusApi.QueryResult r = query(e);
            if (!r.failed() && !r.empty()) {
                return true;
            }
        }
        return false;
    }

    private PrometheusApi.QueryResult query(String expr) {
        return answers.computeIfAbsent(expr, api::query);
    }

    private static boolean readsOnlyAlerts(List<String> exprs) {
        return !exprs.isEmpty() && exprs.stream().allMatch(e -> PromqlNames.metricNames(e).equals(Set.of(ALERTS)));
    }

    /** Why every query of a panel comes back empty; the metrics missing on a job are added to missingByJob. */
    private String reason(List<String> exprs, String rateWindow, JobSeries series, Map<String, Set<String>> missingByJob) {
        Set<String> downJobs = new TreeSet<>();
        Set<String> unscrapedJobs = new TreeSet<>();
        Map<String, Set<String>> missing = new LinkedHashMap<>();
        List<String> thinJobs = new ArrayList<>();
        for (String expr : exprs) {
            PrometheusApi.QueryResult r = query(expr);
            if (r.failed()) {
                return "the query fails: " + r.error();
            }
            Set<String> names = PromqlNames.metricNames(expr);
            for (String job : jobsOf(expr)) {
                JobSeries.Job have = series.of(job);
                if (have.empty()) {
                    (have.names().isEmpty() ? unscrapedJobs : downJobs).add(job);
                    continue;
                }
                Set<String> lacking = new TreeSet<>(names);
                lacking.removeAll(have.names());
                if (!lacking.isEmpty()) {
                    missing.computeIfAbsent(job, k -> new TreeSet<>()).addAll(lacking);
                } else if (PromqlNames.readsRange(expr) && series.scrapesIn(job, rateWindow) < 2) {
                    thinJobs.add(job);
                }
            }
        }
        if (missingByJob != null) {
            missing.forEach((job, names) -> missingByJob.computeIfAbsent(job, k -> new TreeSet<>()).addAll(names));
        }
        if (!missing.isEmpty()) {
            List<String> parts = new ArrayList<>();
            missing.forEach((job, names) -> parts.add("job " + job + " has no " + String.join(", ", names)));
            return String.join("; ", parts);
        }
        if (!downJobs.isEmpty()) {
            return "job " + String.join(", ", downJobs) + " has no data: its targets are down (see the targets)";
        }
        if (!unscrapedJobs.isEmpty()) {
            return "job " + String.join(", ", unscrapedJobs) + " has no data: no target of it has been scraped yet (see the targets)";
        }
        if (!thinJobs.isEmpty()) {
            return "fewer than two scrapes of " + String.join(", ", new LinkedHashSet<>(thinJobs)) + " in its " + rateWindow
                    + " window so far: rate() needs two (wait a scrape interval)";
        }
        return "its metrics are there, but no series match the query's label filters";
    }

    /** The stack's jobs a query reads: those its job matchers match, or every job when it names none. */
    private List<String> jobsOf(String expr) {
        List<PromqlNames.JobMatcher> matchers = PromqlNames.jobMatchers(expr);
        List<String> jobs = new ArrayList<>();
        for (ScrapeJob j : stack.jobs()) {
            if (matchers.isEmpty() || matchers.stream().anyMatch(m -> m.matches(j.name()))) {
                jobs.add(j.name());
            }
        }
        return jobs;
    }

    /** One finding per dashboard and reason: a job that is down empties every panel of its dashboard at once. */
    private List<Finding> grouped(ExpectedStack.Dashboard d, List<EmptyPanel> empty) {
        Map<String, List<EmptyPanel>> byReason = new LinkedHashMap<>();
        for (EmptyPanel p : empty) {
            byReason.computeIfAbsent((p.optional() ? p.row() : "") + "|" + p.reason(), k -> new ArrayList<>()).add(p);
        }
        List<Finding> out = new ArrayList<>();
        byReason.values().forEach(panels -> {
            EmptyPanel first = panels.get(0);
            List<String> titles = panels.stream().map(p -> "\"" + p.title() + "\"").toList();
            String subject = "dashboard \"" + d.title() + "\" / " + (panels.size() == 1 ? "panel " : "panels ") + String.join(", ", titles);
            String cause = "no data: " + first.reason();
            out.add(first.optional()
                    ? Finding.note(Area.PANELS, subject, cause + " (row \"" + first.row() + "\")", null)
                    : Finding.problem(Area.PANELS, subject, cause, null));
        });
        return out;
    }

    /** A job that is up but lacks what its dashboards need: which metrics, and what the page looks like instead. */
    private List<Finding> jobFindings(Map<String, Set<String>> missingByJob, JobSeries series) {
        List<Finding> out = new ArrayList<>();
        missingByJob.forEach((jobName, missing) -> {
            ScrapeJob job = stack.job(jobName).orElse(null);
            if (job == null || missing.isEmpty()) {
                return;
            }
            Target target = job.target();
            Set<String> own = new TreeSet<>();
            if (target != null) {
                for (String name : missing) {
                    for (CustomMetric m : target.metrics()) {
                        if (name.equals(m.name()) || name.startsWith(m.name() + "_")) {
                            own.add(name);
                        }
                    }
                }
            }
            Set<String> runtime = new TreeSet<>(missing);
            runtime.removeAll(own);
            if (!runtime.isEmpty()) {
                out.add(runtimeMismatch(job, runtime, series.detect(jobName, job.metricsPath())));
            }
            if (!own.isEmpty()) {
                out.add(Finding.problem(Area.TARGETS, jobName, "is up, but the app's own metrics " + String.join(", ", own)
                        + " that monstack.yml lists are not on its page", "check the names under metrics: of target " + jobName
                        + " in monstack.yml against the page (monstack discover URL lists them), " + fixes.afterSpecEdit()));
            }
        });
        return out;
    }

    private Finding runtimeMismatch(ScrapeJob job, Set<String> missing, RuntimeDetector.Detection looksLike) {
        String names = String.join(", ", missing.stream().limit(8).toList()) + (missing.size() > 8 ? ", ..." : "");
        String declared = job.runtime();
        String cause = "is up, but its page lacks the metrics its dashboards need (" + names + ")";
        if (declared == null) {
            return Finding.problem(Area.TARGETS, job.name(), cause, null);
        }
        if (!looksLike.runtime().equals(declared)) {
            return Finding.problem(Area.TARGETS, job.name(), cause + ": it looks like " + looksLike.runtime() + " ("
                    + looksLike.evidence() + "), not " + declared, "set runtime: " + looksLike.runtime() + " for target "
                    + job.name() + " in monstack.yml, " + fixes.afterSpecEdit());
        }
        return Finding.problem(Area.TARGETS, job.name(), cause + "; it is " + declared + " (" + looksLike.evidence()
                + "), so the client library is older than the panels expect or its default metrics are turned off",
                "update the app's metrics client or turn its default metrics on; or pick the runtime that fits in monstack.yml");
    }

    /** A panel (never a row) with the title of the row it sits in, collapsed rows included. */
    private record Placed(JsonNode panel, String row) {
    }

    private static List<Placed> placed(JsonNode dashboard) {
        List<Placed> out = new ArrayList<>();
        String row = null;
        for (JsonNode p : dashboard.path("panels")) {
            if (p.path("type").asText().equals("row")) {
                row = p.path("title").asText();
                for (JsonNode inner : p.path("panels")) {
                    out.add(new Placed(inner, row));
                }
            } else {
                out.add(new Placed(p, row));
            }
        }
        return out;
    }
}
