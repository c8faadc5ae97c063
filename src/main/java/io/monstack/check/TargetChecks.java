package io.monstack.check;

import com.fasterxml.jackson.databind.JsonNode;
import io.monstack.check.Finding.Area;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every job of the stack against what Prometheus scrapes: missing jobs and targets, targets down
 * (with the cause, from ScrapeErrors), targets not scraped yet, scrapes close to their timeout.
 */
final class TargetChecks {
    /** Scrapes slower than this share of the timeout are worth a note: they soon time out. */
    static final double SLOW_SHARE = 0.8;

    private final ExpectedStack stack;
    private final Fixes fixes;
    private final ScrapeErrors errors;

    TargetChecks(ExpectedStack stack, Fixes fixes, ScrapeErrors errors) {
        this.stack = stack;
        this.fixes = fixes;
        this.errors = errors;
    }

    record Result(List<JobStatus> jobs, List<Finding> findings) {
    }

    /** targets: /api/v1/targets; running: the jobs of the configuration the server runs. */
    Result check(JsonNode targets, List<ScrapeJob> running) {
        Map<String, List<ActiveTarget>> byJob = new LinkedHashMap<>();
        for (JsonNode t : targets.path("activeTargets")) {
            ActiveTarget a = ActiveTarget.from(t);
            byJob.computeIfAbsent(a.job(), k -> new ArrayList<>()).add(a);
        }
        JsonNode droppedCounts = targets.path("droppedTargetCounts");
        // Prometheus applies what discovery found about 5 s after it starts: until then no job has targets.
        boolean applied = !byJob.isEmpty() || droppedCounts.size() > 0;
        List<JobStatus> jobs = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        if (!applied) {
            findings.add(Finding.problem(Area.TARGETS, "prometheus", "no targets yet: Prometheus applies the targets it "
                    + "discovers about 5 s after it starts", "wait, e.g. monstack check --wait 1m"));
        }
        for (ScrapeJob job : stack.jobs()) {
            List<ActiveTarget> active = byJob.getOrDefault(job.name(), List.of());
            int dropped = droppedCounts.path(job.name()).asInt(0);
            int up = (int) active.stream().filter(ActiveTarget::up).count();
            jobs.add(new JobStatus(job.name(), expected(job), active.size(), up, dropped));
            Finding drift = drift(job, running.stream().filter(r -> r.name().equals(job.name())).findFirst().orElse(null));
            if (drift != null) {
                findings.add(drift);
            } else if (active.isEmpty() && applied) {
                findings.add(noTargets(job, dropped));
            } else {
                findings.addAll(targetProblems(job, active));
            }
        }
        return new Result(jobs, findings);
    }

    /** The running configuration's job against the generated one: a difference means the image is older than the files. */
    private Finding drift(ScrapeJob expected, ScrapeJob running) {
        String what = null;
        if (running == null) {
            what = "has no job " + expected.name();
        } else if (!running.metricsPath().equals(expected.metricsPath())) {
            what = "asks job " + expected.name() + " for " + running.metricsPath() + ", not " + expected.metricsPath();
        } else if (!java.util.Objects.equals(running.fallback(), expected.fallback())) {
            what = "gives job " + expected.name() + " fallback_scrape_protocol " + running.fallback() + ", not " + expected.fallback();
        } else if (!new java.util.HashSet<>(running.staticTargets()).equals(new java.util.HashSet<>(expected.staticTargets()))) {
            what = "scrapes " + String.join(", ", running.staticTargets()) + " for job " + expected.name() + ", not "
                    + String.join(", ", expected.staticTargets());
        } else if (!running.dnsNames().equals(expected.dnsNames())) {
            what = "looks up " + String.join(", ", running.dnsNames()) + " for job " + expected.name() + ", not "
                    + String.join(", ", expected.dnsNames());
        }
        return what == null ? null : Finding.problem(Area.TARGETS, expected.name(), "the running Prometheus " + what
                + ": it runs an older configuration than the stack's files", fixes.redeploy());
    }

    private static String expected(ScrapeJob job) {
        if (job.usesDns()) {
            return "DNS " + String.join(", ", job.dnsNames());
        }
        return job.discovered() ? "discovered" : String.join(", ", job.staticTargets());
    }

    private Finding noTargets(ScrapeJob job, int dropped) {
        if (dropped > 0) {
            return Finding.problem(Area.TARGETS, job.name(), "all " + dropped + " targets found for job " + job.name()
                    + " are dropped by its relabelling", "check the target's labels in monstack.yml");
        }
        if (job.usesDns()) {
            return errors.notOnNetwork(job, job.name(), "the DNS name " + String.join(", ", job.dnsNames())
                    + " resolves to nothing from Prometheus, so the job has no targets");
        }
        if (job.discovered() && stack.isEngineJob(job.name())) {
            return Finding.problem(Area.TARGETS, job.name(), "the swarm API lists no node for job " + job.name()
                    + ": Prometheus cannot read the Docker socket", "run the stack from the generated stack.yaml (it mounts "
                    + "/var/run/docker.sock into Prometheus, which runs as root): " + fixes.redeploy());
        }
        if (job.discovered()) {
            return Finding.problem(Area.TARGETS, job.name(), "the swarm API lists no running task for job " + job.name(),
                    "label the app's services " + stack.spec().deploy().scrapeLabel() + " and deploy them on the stack's network");
        }
        return Finding.problem(Area.TARGETS, job.name(), "the running Prometheus scrapes nothing for job " + job.name()
                + ": it runs an older configuration than the stack's files", fixes.redeploy());
    }

    /** One finding per kind of failure in a job (three replicas with the same error are one finding). */
    private List<Finding> targetProblems(ScrapeJob job, List<ActiveTarget> active) {
        Map<String, Finding> byCause = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (ActiveTarget t : active) {
            Finding f;
            if (t.notScrapedYet()) {
                f = Finding.problem(Area.TARGETS, job.name() + " " + t.instance(), "not scraped yet: the first scrape comes "
                        + "within one scrape interval (" + ScrapeErrors.seconds(t.intervalMillis()) + ") of finding the target",
                        "wait, e.g. monstack check --wait 1m");
            } else if (!t.up()) {
                f = errors.diagnose(job, t);
            } else if (t.timeoutMillis() > 0 && t.lastScrapeMillis() > SLOW_SHARE * t.timeoutMillis()) {
                f = Finding.note(Area.TARGETS, job.name() + " " + t.instance(), "scrapes take "
                        + ScrapeErrors.seconds(t.lastScrapeMillis()) + " of the " + ScrapeErrors.seconds(t.timeoutMillis())
                        + " timeout: a little slower and they fail", "raise scrapeTimeout for target " + job.name()
                        + " in monstack.yml, or make the page faster");
            } else {
                continue;
            }
            String key = f.severity() + "|" + f.cause().replace(t.instance(), "").replace(t.hostPort(), "");
            byCause.putIfAbsent(key, f);
            counts.merge(key, 1, Integer::sum);
        }
        List<Finding> out = new ArrayList<>();
        byCause.forEach((key, f) -> {
            int n = counts.get(key);
            out.add(n == 1 ? f : new Finding(f.area(), f.severity(), f.subject() + " (and " + (n - 1) + " more of "
                    + active.size() + " targets)", f.cause(), f.fix(), f.snippet()));
        });
        return out;
    }
}
