package io.monstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.monstack.spec.CustomMetric;
import io.monstack.spec.Durations;
import io.monstack.spec.MetricAlert;
import io.monstack.spec.MetricType;
import io.monstack.spec.SpecReader;
import io.monstack.spec.SpecValidator;
import io.monstack.spec.StackSpec;
import io.monstack.spec.Target;
import io.monstack.spec.TargetDraft;
import io.monstack.support.Rendered;
import io.monstack.support.Samples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every generated query and rule is right on Prometheus 3: no integer le/quantile matchers (3.x
 * normalises them to floats, so le="1" matches nothing), and every range window spans at least two
 * scrapes of the jobs it reads (3.x ranges are left-open, so a window of one interval often holds
 * a single sample and rate() returns nothing). Grafana's $__rate_interval is taken as Grafana
 * computes it: four times the query's Min step, else four times the datasource's scrape interval.
 * No regex relies on '.' not matching a newline (3.x's '.' matches one): a '.' outside (?s:...)
 * only reads labels whose values are one line by construction (Prometheus' and Docker's own, job
 * and instance, which monstack validates).
 */
class PromqlOnPrometheus3Test {
    private static final Pattern INTEGER_BUCKET = Pattern.compile("\\b(le|quantile)\\s*=~?\\s*\"[+-]?\\d+\"");
    private static final Pattern RANGE = Pattern.compile("\\[([^\\]:]+)\\]");
    private static final Pattern JOB_LITERAL = Pattern.compile("\\bjob=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern JOB_VARIABLE = Pattern.compile("label_values\\(up\\{job=~\"([^\"]*)\"\\}");

    /** label=~"re", label!~"re" in a query. */
    private static final Pattern MATCHER = Pattern.compile("\\b(\\w+)\\s*(?:=~|!~)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    /** The source label and regex of label_replace(v, "dst", "replacement", "src", "regex"). */
    private static final Pattern LABEL_REPLACE = Pattern.compile(
            ",\\s*\"[^\"]*\",\\s*\"[^\"]*\",\\s*\"(\\w*)\",\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*\\)");

    /**
     * Labels that never hold a newline: set by Prometheus or Docker, job and instance (validated
     * names and addresses), and node-exporter's kernel names (Linux refuses whitespace in an
     * interface name; /proc/mounts escapes it in mount points and types).
     */
    private static final java.util.Set<String> SINGLE_LINE = java.util.Set.of("__address__", "__name__", "job", "instance", "device",
            "fstype", "mountpoint");

    private static boolean singleLine(String label) {
        return label.startsWith("__meta_") || SINGLE_LINE.contains(label);
    }

    /** Whether the regex has a '.' outside a character class and outside (?s:...), whose match of a newline changed in 3.x. */
    static boolean dotDependsOnNewlines(String regex) {
        boolean inClass = false;
        int dotAll = 0; // depth of open (?s: groups
        java.util.Deque<Boolean> groups = new java.util.ArrayDeque<>();
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(') {
                boolean s = regex.startsWith("(?s:", i);
                groups.push(s);
                dotAll += s ? 1 : 0;
            } else if (c == ')' && !groups.isEmpty()) {
                dotAll -= groups.pop() ? 1 : 0;
            } else if (c == '.' && dotAll == 0) {
                return true;
            }
        }
        return false;
    }

    private static void checkRegex(String where, String label, String regex, List<String> found) {
        String unescaped = regex.replace("\\\\", "\\");
        if (!singleLine(label) && dotDependsOnNewlines(unescaped)) {
            found.add(where + ": regex \"" + unescaped + "\" on label " + label + " has a '.' that matches a newline on Prometheus 3 "
                    + "only; write (?s:...) or [^\\n]");
        }
    }

    static Stream<Path> specs() throws IOException {
        List<Path> all = new ArrayList<>(Samples.specs());
        try (Stream<Path> s = Files.list(Path.of("src/test/resources/specs"))) {
            s.filter(p -> p.toString().endsWith(".yml")).sorted().forEach(all::add);
        }
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("specs")
    void everyQueryAndRuleOfTheShippedSpecsIsRightOn3(Path file) {
        assertThat(problems(SpecReader.read(file))).isEmpty();
    }

    /** Jobs scraped far less often than the stack: fixed windows must grow with them. */
    @Test
    void windowsGrowWithLongScrapeIntervals() {
        StackSpec spec = slowJobs();
        assertThat(SpecValidator.validate(spec)).isEmpty();
        assertThat(problems(spec)).isEmpty();
        List<String> rules = ruleExprs(new Rendered(spec).yamlMap("prometheus/rules/monstack-alerts.yml"));
        assertThat(rules).anyMatch(e -> e.contains("avg_over_time(up{job=\"slow\"}[16m])")) // 4 x 4m, above the usual 10m
                .anyMatch(e -> e.contains("rate(batches_total{job=\"slow\"}[16m])"))
                .anyMatch(e -> e.contains("avg_over_time(up{job=\"prometheus\"}[10m])"));
        JsonNode panel = new Rendered(spec).json("grafana/dashboards/service-slow.json").path("panels").get(1);
        assertThat(panel.path("targets").get(0).path("interval").asText()).isEqualTo("4m");
    }

    @Test
    void theCheckCatchesWhatItIsFor() {
        Map<String, String> intervals = Map.of("web", "1m");
        List<String> found = new ArrayList<>();
        checkExpr("q", "histogram_quantile(0.9, x_bucket{le=\"1\"})", Map.of(), "10s", found);
        checkExpr("q", "rate(x{job=\"web\"}[1m])", intervals, "10s", found);
        checkExpr("q", "rate(x{job=\"web\"}[$__rate_interval])", intervals, "10s", found);
        assertThat(found).hasSize(3);
        found.clear();
        checkExpr("q", "rate(x{job=\"web\"}[2m]) + x_bucket{le=\"1.0\"}", intervals, "10s", found);
        checkExpr("q", "rate(x{job=\"web\"}[$__rate_interval])", intervals, "1m", found);
        assertThat(found).isEmpty();
        // a '.' on a label of the app's: its value may hold a newline, which '.' matches on 3.x only
        checkExpr("q", "x{job=\"web\",level=~\"err.*\"}", Map.of(), "10s", found);
        checkExpr("q", "label_replace(x{job=\"web\"}, \"a\", \"$1\", \"severity\", \"(.+)\")", Map.of(), "10s", found);
        assertThat(found).hasSize(2);
        found.clear();
        checkExpr("q", "x{job=\"web\",level=~\"err(?s:.*)|warnx\\\\.y\"} + x{instance=~\"web.*\"}", Map.of(), "10s", found);
        checkExpr("q", "label_replace(x{job=\"web\"}, \"a\", \"$1\", \"severity\", \"((?s:.+))\")", Map.of(), "10s", found);
        assertThat(found).isEmpty();
    }

    static StackSpec slowJobs() {
        CustomMetric batches = new CustomMetric("batches_total", MetricType.COUNTER, "",
                new MetricAlert(5.0, null, null, null, null));
        Target slow = new TargetDraft("slow").runtime("go").addStatic("slow:9000").scrapeInterval("4m").addMetric(batches).toTarget();
        StackSpec spec = StackSpec.empty("slowstack").withTargets(List.of(slow));
        return spec.withAlerting(spec.alerting().withEnabled(true));
    }

    /** Every problem of every dashboard query and rule of the rendered spec. */
    static List<String> problems(StackSpec spec) {
        Rendered r = new Rendered(spec);
        Map<String, String> intervals = new HashMap<>();
        intervals.put(SpecValidator.SELF_JOB, spec.prometheus().scrapeInterval());
        intervals.put(SpecValidator.DOCKER_JOB, spec.prometheus().scrapeInterval());
        for (Target t : spec.targets()) {
            intervals.put(t.name(), t.scrapeInterval() != null ? t.scrapeInterval() : spec.prometheus().scrapeInterval());
        }
        List<String> found = new ArrayList<>();
        for (String path : r.paths("grafana/dashboards/")) {
            JsonNode dash = r.json(path);
            for (JsonNode panel : dash.path("panels")) {
                for (JsonNode q : panel.path("targets")) {
                    String step = q.has("interval") ? q.path("interval").asText() : spec.prometheus().scrapeInterval();
                    String expr = q.path("expr").asText();
                    checkExpr(path + " \"" + panel.path("title").asText() + "\"", expandJobVariable(expr, dash), intervals, step, found);
                }
            }
        }
        for (String path : r.paths("prometheus/rules/")) {
            for (String expr : ruleExprs(r.yamlMap(path))) {
                checkExpr(path, expr, intervals, spec.prometheus().scrapeInterval(), found);
            }
        }
        checkRelabelRegexes(r.yamlMap("prometheus/prometheus.yml"), found);
        return found;
    }

    /** job=~"$job" stands for the jobs the dashboard's job variable lists. */
    private static String expandJobVariable(String expr, JsonNode dash) {
        for (JsonNode v : dash.path("templating").path("list")) {
            Matcher m = JOB_VARIABLE.matcher(v.path("query").asText());
            if (v.path("name").asText().equals("job") && m.find()) {
                StringBuilder jobs = new StringBuilder();
                for (String job : m.group(1).split("\\|")) {
                    jobs.append(" job=\"").append(job.replace("\\\\.", ".")).append('"');
                }
                return expr + jobs;
            }
        }
        return expr;
    }

    static void checkExpr(String where, String expr, Map<String, String> intervals, String step, List<String> found) {
        Matcher matcher = MATCHER.matcher(expr);
        while (matcher.find()) {
            checkRegex(where, matcher.group(1), matcher.group(2), found);
        }
        Matcher replace = LABEL_REPLACE.matcher(expr);
        while (replace.find()) {
            checkRegex(where, replace.group(1), replace.group(2), found);
        }
        Matcher bucket = INTEGER_BUCKET.matcher(expr);
        if (bucket.find()) {
            found.add(where + ": integer " + bucket.group() + " matches nothing on Prometheus 3 (write 1.0): " + expr);
        }
        long longest = 0;
        Matcher job = JOB_LITERAL.matcher(expr);
        while (job.find()) {
            String interval = intervals.get(job.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
            if (interval != null) {
                longest = Math.max(longest, Durations.toMillis(interval));
            }
        }
        if (longest == 0) {
            longest = intervals.values().stream().mapToLong(Durations::toMillis).max().orElse(0);
        }
        Matcher range = RANGE.matcher(expr);
        while (range.find()) {
            String window = range.group(1);
            long millis = window.equals("$__rate_interval") ? 4 * Durations.toMillis(step) : Durations.toMillis(window);
            if (millis < 2 * longest) {
                found.add(where + ": window [" + window + "] (" + Durations.format(millis) + ") holds fewer than two scrapes of a job "
                        + "scraped every " + Durations.format(longest) + ": " + expr);
            }
        }
    }

    /** Every relabel rule's regex of every job, against the labels it reads (joined with ';', as Prometheus does). */
    @SuppressWarnings("unchecked")
    private static void checkRelabelRegexes(Map<String, Object> config, List<String> found) {
        for (Map<String, Object> job : (List<Map<String, Object>>) config.getOrDefault("scrape_configs", List.of())) {
            for (String key : List.of("relabel_configs", "metric_relabel_configs")) {
                for (Map<String, Object> rule : (List<Map<String, Object>>) job.getOrDefault(key, List.of())) {
                    Object regex = rule.get("regex");
                    if (regex == null) {
                        continue; // the default (.*) on a value joined from labels of one line each
                    }
                    List<String> sources = (List<String>) rule.getOrDefault("source_labels", List.of());
                    String label = sources.stream().allMatch(PromqlOnPrometheus3Test::singleLine) ? "__meta_" : String.join(";", sources);
                    checkRegex("prometheus.yml job " + job.get("job_name") + " " + key, label, String.valueOf(regex), found);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> ruleExprs(Map<String, Object> file) {
        List<String> exprs = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                exprs.add(String.valueOf(rule.get("expr")));
            }
        }
        return exprs;
    }
}
