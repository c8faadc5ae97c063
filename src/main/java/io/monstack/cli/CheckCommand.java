package io.monstack.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monstack.check.CheckOptions;
import io.monstack.check.CheckReport;
import io.monstack.check.DashboardStatus;
import io.monstack.check.Finding;
import io.monstack.check.JobStatus;
import io.monstack.check.StackCheck;
import io.monstack.spec.Durations;
import io.monstack.stack.UserException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check the running stack: every target up, every dashboard panel with data, rules evaluating and "
                + "no alert firing, Grafana healthy. Each problem comes with its cause and what to type. Reads the stack's "
                + "Prometheus HTTP API (at the publish address and port of monstack.yml) and changes nothing.", ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  monstack check                    # in the stack folder, after compose up",
            "  monstack check mystack --wait 2m  # until healthy: the time to first data",
            "  monstack check --url http://10.0.0.5:9090 --json",
            "",
            "Exit codes: 0 healthy, 1 user error, 2 usage error,",
            "3 Prometheus not reachable, 5 problems found."})
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "The stack folder (default: current folder).")
    Path dir = Path.of(".");

    @Option(names = "--url", paramLabel = "PROMETHEUS_URL",
            description = "Where Prometheus answers (default: http://PUBLISH_ADDRESS:PORT from monstack.yml).")
    String url;

    @Option(names = "--grafana-url", paramLabel = "URL", description = "Where Grafana answers (default: from monstack.yml).")
    String grafanaUrl;

    @Option(names = "--no-grafana", description = "Do not ask Grafana (e.g. it runs elsewhere).")
    boolean noGrafana;

    @Option(names = "--wait", paramLabel = "DURATION",
            description = "Check again until the stack is healthy or DURATION (e.g. 30s, 2m) is up; prints the time to first data.")
    String waitFor;

    @Option(names = "--json", description = "Print the findings as JSON (for scripts and CI), also when Prometheus is not "
            + "reachable (exit 3).")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CheckOptions options = new CheckOptions(url, grafanaUrl, !noGrafana, waitDuration());
        CheckReport report = new StackCheck(msg -> {
            err.println(msg);
            err.flush();
        }).check(dir, options);
        if (json || report.reachable()) {
            out.print(json ? toJson(report) + "\n" : toText(report));
            out.flush();
        }
        if (!report.reachable()) {
            throw new ExitCodes.EnvironmentException(report.prometheusError());
        }
        return report.healthy() ? ExitCodes.OK : ExitCodes.PROBLEMS;
    }

    private Duration waitDuration() {
        if (waitFor == null) {
            return Duration.ZERO;
        }
        long millis = Durations.toMillis(waitFor.strip());
        if (millis <= 0 || millis > Duration.ofHours(1).toMillis()) {
            throw new UserException("--wait " + waitFor + " is not a duration of up to 1h; write e.g. 30s or 2m");
        }
        return Duration.ofMillis(millis);
    }

    static String toText(CheckReport r) {
        StringBuilder s = new StringBuilder();
        s.append("Stack ").append(r.stack()).append(": Prometheus ").append(r.prometheusVersion()).append(" at ")
                .append(r.prometheusUrl()).append(r.prometheusUptime() == null ? "" : " (up " + human(r.prometheusUptime()) + ")")
                .append("\n\n");
        int jobWidth = Math.max(8, r.jobs().stream().mapToInt(j -> j.job().length()).max().orElse(8));
        s.append(String.format(Locale.ROOT, "%-8s%-" + jobWidth + "s  %-7s  %s%n", "Targets", "", "up", "expected"));
        for (JobStatus j : r.jobs()) {
            s.append(String.format(Locale.ROOT, "  %-6s%-" + jobWidth + "s  %-7s  %s%n", j.healthy() ? "ok" : "FAIL", j.job(),
                    j.up() + "/" + j.active(), j.expected() + (j.dropped() > 0 ? " (" + j.dropped() + " dropped)" : "")));
        }
        int titleWidth = Math.max(8, r.dashboards().stream().mapToInt(d -> d.title().length()).max().orElse(8));
        s.append(String.format(Locale.ROOT, "%n%-8s%-" + titleWidth + "s  %s%n", "Panels", "", "with data"));
        for (DashboardStatus d : r.dashboards()) {
            s.append(String.format(Locale.ROOT, "  %-6s%-" + titleWidth + "s  %s%n", d.healthy() ? "ok" : "FAIL", d.title(),
                    d.withData() + "/" + d.panels() + (d.optionalEmpty() > 0 ? " (" + d.optionalEmpty() + " optional empty)" : "")));
        }
        s.append('\n');
        if (r.rules() != null) {
            s.append("Rules: ").append(r.rules().groups()).append(" groups, ").append(r.rules().rules()).append(" rules, ")
                    .append(r.rules().failing()).append(" failing; ").append(r.rules().firing()).append(" alerts firing, ")
                    .append(r.rules().pending()).append(" pending\n");
        }
        if (r.grafana() != null) {
            s.append("Grafana").append(r.grafana().version() == null ? "" : " " + r.grafana().version()).append(" at ")
                    .append(r.grafana().url()).append(": ").append(r.grafana().healthy() ? "healthy"
                            : r.grafana().database() == null ? "not answering" : "database " + r.grafana().database()).append('\n');
        }
        findings(s, "problem", r.problems());
        findings(s, "note", r.notes());
        s.append('\n').append(verdict(r)).append('\n');
        return s.toString();
    }

    private static void findings(StringBuilder s, String kind, List<Finding> list) {
        if (list.isEmpty()) {
            return;
        }
        s.append('\n').append(list.size()).append(' ').append(kind).append(list.size() == 1 ? "" : "s").append(":\n");
        for (Finding f : list) {
            s.append("  ").append(f.subject()).append(": ").append(f.cause()).append('\n');
            if (f.fix() != null) {
                s.append("    fix: ").append(f.fix()).append('\n');
            }
            for (String line : f.snippet()) {
                s.append("      ").append(line).append('\n');
            }
        }
    }

    private static String verdict(CheckReport r) {
        String timing = "";
        if (r.waited() != null && r.waited().timeToFirstData() != null) {
            timing = " (time to first data: " + seconds(r.waited().timeToFirstData()) + " after Prometheus started; waited "
                    + seconds(r.waited().duration()) + ")";
        } else if (r.waited() != null && !r.healthy()) {
            timing = " after waiting " + seconds(r.waited().duration());
        }
        if (r.healthy()) {
            return "healthy: every target up, every panel with data" + timing;
        }
        return "not healthy: " + r.problems().size() + " problem" + (r.problems().size() == 1 ? "" : "s") + timing;
    }

    static String toJson(CheckReport r) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("stack", r.stack());
        root.put("healthy", r.healthy());
        ObjectNode prometheus = root.putObject("prometheus");
        prometheus.put("url", r.prometheusUrl());
        prometheus.put("reachable", r.reachable());
        prometheus.put("error", r.prometheusError());
        prometheus.put("version", r.prometheusVersion());
        putSeconds(prometheus, "uptimeSeconds", r.prometheusUptime());
        ArrayNode jobs = root.putArray("jobs");
        for (JobStatus j : r.jobs()) {
            jobs.addObject().put("job", j.job()).put("expected", j.expected()).put("active", j.active()).put("up", j.up())
                    .put("dropped", j.dropped()).put("healthy", j.healthy());
        }
        ArrayNode dashboards = root.putArray("dashboards");
        for (DashboardStatus d : r.dashboards()) {
            dashboards.addObject().put("title", d.title()).put("file", d.file()).put("panels", d.panels())
                    .put("withData", d.withData()).put("optionalEmpty", d.optionalEmpty()).put("healthy", d.healthy());
        }
        if (r.rules() != null) {
            root.putObject("rules").put("groups", r.rules().groups()).put("rules", r.rules().rules())
                    .put("failing", r.rules().failing()).put("firing", r.rules().firing()).put("pending", r.rules().pending());
        } else {
            root.putNull("rules");
        }
        if (r.grafana() != null) {
            root.putObject("grafana").put("url", r.grafana().url()).put("version", r.grafana().version())
                    .put("database", r.grafana().database()).put("healthy", r.grafana().healthy());
        } else {
            root.putNull("grafana");
        }
        ArrayNode findings = root.putArray("findings");
        for (Finding f : r.findings()) {
            ObjectNode n = findings.addObject();
            n.put("area", f.area().name().toLowerCase(Locale.ROOT));
            n.put("severity", f.severity().name().toLowerCase(Locale.ROOT));
            n.put("subject", f.subject());
            n.put("cause", f.cause());
            n.put("fix", f.fix());
            ArrayNode snippet = n.putArray("snippet");
            f.snippet().forEach(snippet::add);
        }
        if (r.waited() != null) {
            ObjectNode w = root.putObject("wait");
            putSeconds(w, "waitedSeconds", r.waited().duration());
            putSeconds(w, "timeToFirstDataSeconds", r.waited().timeToFirstData());
        } else {
            root.putNull("wait");
        }
        try {
            return mapper.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void putSeconds(ObjectNode node, String field, Duration d) {
        if (d == null) {
            node.putNull(field);
        } else {
            node.put(field, Math.round(d.toMillis() / 100.0) / 10.0);
        }
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    /** 14 s, 3 min 20 s, 2 h 5 min. */
    private static String human(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min " + s % 60 + " s";
        }
        return s / 3600 + " h " + (s % 3600) / 60 + " min";
    }
}
