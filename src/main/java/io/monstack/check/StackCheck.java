package io.monstack.check;

import io.monstack.check.Finding.Area;
import io.monstack.discover.MetricsFetcher;
import io.monstack.spec.SpecReader;
import io.monstack.spec.StackSpec;
import io.monstack.stack.StackService;
import io.monstack.stack.UserException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code monstack check}'s core: reads the running stack through Prometheus' HTTP API (GETs only)
 * and compares it with what monstack.yml says it should be: targets, every dashboard query,
 * rules and alerts, Grafana's health. With a wait it checks again until the stack is healthy or
 * the time is up. A Prometheus that does not answer is a report too (not reachable: its cause and
 * fix), so that --json has an answer. Never prints (progress goes to the listener) and never exits.
 */
public final class StackCheck {
    /** Between two rounds of --wait: short, as the time to first data is measured with it. */
    static final Duration POLL = Duration.ofMillis(500);
    /** A Prometheus up for less than this when check first reached it was started for this wait (compose up). */
    static final Duration FRESH_START = Duration.ofMinutes(2);

    private final Consumer<String> progress;

    public StackCheck(Consumer<String> progress) {
        this.progress = progress;
    }

    public CheckReport check(Path dir, CheckOptions options) {
        if (!Files.isRegularFile(dir.resolve(StackService.SPEC_FILE))) {
            throw new UserException("no " + StackService.SPEC_FILE + " in " + dir + "; run `monstack check` in the stack "
                    + "folder, or give it: monstack check DIR");
        }
        StackSpec spec = SpecReader.read(dir.resolve(StackService.SPEC_FILE));
        ExpectedStack stack = new ExpectedStack(spec);
        Round round = new Round(stack, new Fixes(spec, dir.toString()), prometheusUrl(spec, options),
                options.grafana() ? grafanaUrl(spec, options) : null);
        if (options.waits()) {
            return await(round, options.waitUpTo());
        }
        try {
            return round.run();
        } catch (PrometheusUnreachableException e) {
            return round.unreachable(e, null);
        }
    }

    /** Rounds until one is healthy or the time is up; Prometheus not answering yet is waited for too. */
    private CheckReport await(Round round, Duration wait) {
        long start = System.nanoTime();
        long deadline = start + wait.toNanos();
        boolean sawUnhealthy = false;
        Boolean freshStart = null;
        String lastSaid = null;
        while (true) {
            CheckReport report;
            try {
                report = round.run();
            } catch (PrometheusUnreachableException e) {
                if (System.nanoTime() >= deadline) {
                    return round.unreachable(e, new CheckReport.Waited(Duration.ofNanos(System.nanoTime() - start), null));
                }
                lastSaid = say(lastSaid, "waiting for Prometheus at " + e.url());
                sawUnhealthy = true;
                sleep();
                continue;
            }
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            if (freshStart == null) {
                freshStart = report.prometheusUptime() != null && report.prometheusUptime().compareTo(FRESH_START) < 0;
            }
            if (report.healthy()) {
                // the time to first data is only what check saw: a stack that came up while it waited
                Duration sinceStart = sawUnhealthy && freshStart && round.prometheusStart != null
                        ? Duration.between(round.prometheusStart, Instant.now()) : null;
                return report.withWaited(new CheckReport.Waited(waited, sinceStart));
            }
            sawUnhealthy = true;
            if (System.nanoTime() >= deadline) {
                return report.withWaited(new CheckReport.Waited(waited, null));
            }
            Finding first = report.problems().get(0);
            lastSaid = say(lastSaid, "waiting: " + report.problems().size() + " problem(s), e.g. " + first.subject() + ": "
                    + first.cause());
            sleep();
        }
    }

    /** Tells the listener, but not the same thing every half second. */
    private String say(String last, String message) {
        if (!message.equals(last)) {
            progress.accept(message);
        }
        return message;
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserException("interrupted while waiting for the stack");
        }
    }

    /** The address the stack publishes Prometheus on, as seen from this host. */
    static String prometheusUrl(StackSpec spec, CheckOptions options) {
        if (options.prometheusUrl() != null) {
            return checkedUrl(options.prometheusUrl(), "--url");
        }
        return "http://" + publishedHost(spec.publishAddress()) + ":" + spec.prometheus().port();
    }

    static String grafanaUrl(StackSpec spec, CheckOptions options) {
        if (options.grafanaUrl() != null) {
            return checkedUrl(options.grafanaUrl(), "--grafana-url");
        }
        return "http://" + publishedHost(spec.publishAddress()) + ":" + spec.grafana().port();
    }

    private static String checkedUrl(String url, String option) {
        try {
            MetricsFetcher.parseUrl(url);
        } catch (UserException e) {
            throw new UserException(option + ": " + e.getMessage());
        }
        String u = url.strip();
        return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    }

    /** 0.0.0.0 (every interface) is reached on the loopback; an IPv6 address needs brackets. */
    private static String publishedHost(String address) {
        if (address == null || address.isEmpty() || address.equals("0.0.0.0")) {
            return "127.0.0.1";
        }
        if (address.equals("::") || address.equals("[::]")) {
            return "[::1]";
        }
        return address.contains(":") && !address.startsWith("[") ? "[" + address + "]" : address;
    }

    /** One look at the running stack. The probe's results (fetched pages) are kept between rounds. */
    private static final class Round {
        private final ExpectedStack stack;
        private final Fixes fixes;
        private final PrometheusApi api;
        private final String grafanaUrl;
        private final ScrapeErrors errors;
        private Instant prometheusStart;

        Round(ExpectedStack stack, Fixes fixes, String prometheusUrl, String grafanaUrl) {
            this.stack = stack;
            this.fixes = fixes;
            this.api = new PrometheusApi(prometheusUrl);
            this.grafanaUrl = grafanaUrl;
            this.errors = new ScrapeErrors(stack, fixes, new PageProbe());
        }

        CheckReport run() {
            String version = api.version();
            prometheusStart = startTime();
            List<Finding> findings = new ArrayList<>();
            TargetChecks.Result targets = new TargetChecks(stack, fixes, errors).check(api.targets(),
                    ExpectedStack.jobsOf(api.config(), stack.spec()));
            PanelChecks.Result panels = new PanelChecks(stack, fixes, api).check();
            findings.addAll(targets.findings());
            findings.addAll(panels.jobFindings());
            findings.addAll(panels.panelFindings());
            RulesStatus rules = null;
            if (stack.spec().alerting().enabled()) {
                RuleChecks.Result r = new RuleChecks(stack, fixes).check(api);
                rules = r.status();
                findings.addAll(r.findings());
            }
            GrafanaStatus grafana = null;
            if (grafanaUrl != null) {
                GrafanaHealth.Result g = GrafanaHealth.check(grafanaUrl);
                grafana = g.status();
                g.finding().ifPresent(findings::add);
                if (stack.spec().grafana().datasourceUrl() != null) {
                    findings.add(Finding.note(Area.GRAFANA, "grafana", "Grafana reads " + stack.spec().grafana().datasourceUrl()
                            + ", not this Prometheus: the panels were checked against " + api.base(), null));
                }
            }
            Duration uptime = prometheusStart == null ? null : Duration.between(prometheusStart, Instant.now());
            return new CheckReport(stack.spec().name(), api.base(), version, uptime, targets.jobs(), panels.dashboards(), rules,
                    grafana, findings, null, null);
        }

        /** Prometheus did not answer (or not as Prometheus): a report of that alone, with its cause and fix. */
        CheckReport unreachable(PrometheusUnreachableException e, CheckReport.Waited waited) {
            String fix = e.notPrometheus() ? "give the Prometheus URL with --url" : fixes.prometheusDown();
            return CheckReport.unreachable(stack.spec().name(), api.base(), Finding.problem(Area.PROMETHEUS, "prometheus",
                    e.cause(), fix), e.cause() + (e.notPrometheus() ? "; " : ": ") + fix, waited);
        }

        private Instant startTime() {
            try {
                return Instant.parse(api.runtimeInfo().path("startTime").asText());
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }
}
