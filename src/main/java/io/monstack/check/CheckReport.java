package io.monstack.check;

import java.time.Duration;
import java.util.List;

/**
 * Everything {@code monstack check} found, for the command to print as text or JSON.
 *
 * @param stack the stack's name
 * @param prometheusUrl the Prometheus asked
 * @param prometheusVersion its version
 * @param prometheusUptime how long it has been running
 * @param jobs every job of the stack, expected against found
 * @param dashboards every generated dashboard, panels with data against all
 * @param rules the alerting rules as loaded; null when alerting is off
 * @param grafana Grafana's health; null when not asked
 * @param findings the problems and notes, each with its cause and fix
 * @param waited how the wait went; null without --wait
 * @param prometheusError why Prometheus could not be read, as one line (cause: fix); null when it answered.
 *     Then the report has nothing but that finding (and the wait): {@link #reachable()} is false.
 */
public record CheckReport(String stack, String prometheusUrl, String prometheusVersion, Duration prometheusUptime,
        List<JobStatus> jobs, List<DashboardStatus> dashboards, RulesStatus rules, GrafanaStatus grafana,
        List<Finding> findings, Waited waited, String prometheusError) {

    /**
     * A --wait: how long check waited, and (when it saw the stack become healthy) the time to first
     * data: from Prometheus' start to every target up and every panel with data.
     *
     * @param duration how long check polled
     * @param timeToFirstData from Prometheus' start to healthy; null unless check saw it become healthy
     */
    public record Waited(Duration duration, Duration timeToFirstData) {
    }

    public CheckReport {
        jobs = List.copyOf(jobs);
        dashboards = List.copyOf(dashboards);
        findings = List.copyOf(findings);
    }

    /** The report of a check that could not read Prometheus: one problem, its cause and fix. */
    static CheckReport unreachable(String stack, String prometheusUrl, Finding finding, String error, Waited waited) {
        return new CheckReport(stack, prometheusUrl, null, null, List.of(), List.of(), null, null, List.of(finding), waited, error);
    }

    /** Whether Prometheus answered; when not, the report holds only why ({@link #prometheusError()}). */
    public boolean reachable() {
        return prometheusError == null;
    }

    public boolean healthy() {
        return findings.stream().noneMatch(Finding::isProblem);
    }

    public List<Finding> problems() {
        return findings.stream().filter(Finding::isProblem).toList();
    }

    public List<Finding> notes() {
        return findings.stream().filter(f -> !f.isProblem()).toList();
    }

    CheckReport withWaited(Waited w) {
        return new CheckReport(stack, prometheusUrl, prometheusVersion, prometheusUptime, jobs, dashboards, rules, grafana, findings, w,
                prometheusError);
    }
}
