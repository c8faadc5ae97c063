package io.monstack.check;

import com.fasterxml.jackson.databind.JsonNode;
import io.monstack.check.Finding.Area;
import io.monstack.spec.CustomMetric;
import io.monstack.spec.SpecValidator;
import io.monstack.spec.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a rule's evaluation fails on the running Prometheus (health "err" in /api/v1/rules) and what
 * to change. Such a rule passes `promtool check rules`: it fails only on the series it meets, e.g.
 * an app's own label that the rule's labels overwrite (two alerts the same), or a binary operator
 * whose sides match many to many. The finding says which file the rule is in, whether monstack
 * wrote it, and what to type: monstack.yml for a generated rule, the PromQL for the user's own.
 */
final class RuleErrors {
    /** One label set in Prometheus' error text: {a="x", b="y"}. */
    private static final Pattern SERIES = Pattern.compile("\\{((?:[^{}\"]|\"(?:[^\"\\\\]|\\\\.)*\")*)}");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern SIDE = Pattern.compile("on the (left|right) hand-side");
    private static final int MAX_ERROR = 300;
    private static final int MAX_VALUES = 4;

    private final ExpectedStack stack;
    private final Fixes fixes;
    private final PrometheusApi api;

    RuleErrors(ExpectedStack stack, Fixes fixes, PrometheusApi api) {
        this.stack = stack;
        this.fixes = fixes;
        this.api = api;
    }

    /** The finding for a rule whose last evaluation failed. */
    Finding diagnose(JsonNode group, JsonNode rule) {
        Failed f = new Failed(group, rule);
        Optional<ExpectedStack.Rule> generated = stack.rule(f.group, f.name, f.labels, f.query);
        String error = f.error;
        String subject = "rule " + f.name + (f.labels.containsKey("job") ? " of job " + f.labels.get("job") : "") + " (group "
                + f.group + ")";
        Diagnosis d;
        if (error.contains("same labelset after applying")) {
            d = sameLabelset(f, generated);
        } else if (error.contains("many-to-many matching not allowed")) {
            d = manyToMany(f, generated);
        } else if (error.contains("many-to-one matching must be explicit")) {
            d = new Diagnosis("a binary operator finds several series on one side for one on the other, which Prometheus "
                    + "matches only when told which side has the several",
                    "add group_left after the operator's on (...) or ignoring (...) when its left side has the several series, "
                            + "group_right when the right side has, or match on more labels");
        } else if (error.contains("grouping labels must ensure unique matches")) {
            d = new Diagnosis("with group_left/group_right, the side that should have one series per match has several",
                    "aggregate that side (e.g. max by (job, instance) (...)) or match on more labels, so it has one series per "
                            + "match");
        } else if (error.contains("query timed out") || error.contains("too many samples")) {
            d = new Diagnosis("the expression is too heavy for Prometheus' limits (--query.timeout, --query.max-samples)",
                    "make it cheaper: a shorter range window, a narrower selector, or a recording rule for its inner part");
        } else {
            d = new Diagnosis(null, "try `" + f.query + "` in Prometheus' query page (" + api.base() + ") and correct it");
        }
        String cause = "its evaluation fails" + (d.why == null ? "" : ": " + d.why) + " (Prometheus: "
                + shorten(d.error == null ? error : d.error) + ")";
        return Finding.problem(Area.RULES, subject, cause, d.generatedFix != null ? d.generatedFix : fix(f, generated, d.edit));
    }

    /** What is wrong in words, what to change in the expression, or (a generated rule) the whole fix. */
    private record Diagnosis(String why, String edit, String generatedFix, String error) {
        Diagnosis(String why, String edit) {
            this(why, edit, null, null);
        }

        Diagnosis(String why, String edit, String generatedFix) {
            this(why, edit, generatedFix, null);
        }
    }

    /**
     * "vector contains metrics with the same labelset after applying alert labels": the series
     * differ only in a label the rule sets (or in their name, which a rule replaces), e.g. an
     * app's own severity label under monstack's severity.
     */
    private Diagnosis sameLabelset(Failed f, Optional<ExpectedStack.Rule> generated) {
        Map<String, Set<String>> clashing = new TreeMap<>();
        PrometheusApi.QueryResult now = api.query(f.query);
        List<String> keys = new ArrayList<>(f.labels.keySet());
        keys.add("__name__");
        for (String key : keys) {
            Set<String> values = new TreeSet<>();
            now.samples().forEach(s -> values.add(s.labels().getOrDefault(key, "")));
            if (values.size() > 1) {
                values.remove("");
                clashing.put(key, values);
            }
        }
        String ruleLabels = String.join(", ", f.labels.entrySet().stream()
                .map(e -> SpecValidator.safeLine(e.getKey()) + "=" + SpecValidator.show(e.getValue())).toList());
        if (clashing.isEmpty()) {
            return new Diagnosis("several of its series differ only in labels the rule sets (" + ruleLabels + "), so they "
                    + "become the same series", "aggregate those labels away (e.g. sum without (" + String.join(", ", f.labels.keySet())
                    + ") (...)) or drop them from the rule's labels");
        }
        List<String> own = new ArrayList<>();
        clashing.forEach((k, v) -> own.add((k.equals("__name__") ? "metric names " : k + " ") + values(v)));
        List<String> labelKeys = clashing.keySet().stream().filter(k -> !k.equals("__name__")).toList();
        String names = String.join(", ", labelKeys);
        String overwritten = String.join(", ", labelKeys.stream()
                .map(k -> SpecValidator.safeLine(k) + "=" + SpecValidator.show(f.labels.get(k))).toList());
        String why = "its series carry " + (clashing.size() == 1 ? "their own " : "") + String.join(" and ", own)
                + (names.isEmpty() ? ", which the rule replaces with its own name"
                        : ", which the rule's " + overwritten + (labelKeys.size() == 1 ? " overwrites" : " overwrite"))
                + ", so several become the same series";
        String edit = names.isEmpty() ? "aggregate the names away (e.g. sum by (job, instance) (...))"
                : "aggregate " + names + " away (e.g. sum without (" + names + ") (...)) or drop " + names + " from the rule's labels";
        if (generated.isPresent() && !names.isEmpty()) {
            String job = f.labels.get("job");
            Optional<CustomMetric> metric = customMetric(generated.get(), job);
            String rename = "rename the app's label " + names + (metric.isPresent() ? " of " + metric.get().name() : "")
                    + " (e.g. to level): monstack's alerts set " + names + " themselves";
            if (metric.isPresent()) {
                return new Diagnosis(why, edit, rename + "; or remove the alert of metric " + metric.get().name() + " from target "
                        + job + " in monstack.yml, " + fixes.afterSpecEdit());
            }
            return new Diagnosis(why, edit, rename);
        }
        return new Diagnosis(why, edit);
    }

    /**
     * "found duplicate series for the match group {...} on the right hand-side of the operation:
     * [...];many-to-many matching not allowed": the match group and the series Prometheus names.
     */
    private Diagnosis manyToMany(Failed f, Optional<ExpectedStack.Rule> generated) {
        List<Map<String, String>> series = new ArrayList<>();
        int list = f.error.indexOf('[');
        String group = "";
        Matcher first = SERIES.matcher(f.error);
        if (first.find() && (list < 0 || first.start() < list)) {
            group = first.group();
        }
        if (list >= 0) {
            Matcher m = SERIES.matcher(f.error).region(list, f.error.length());
            while (m.find()) {
                Map<String, String> labels = new TreeMap<>();
                Matcher l = LABEL.matcher(m.group(1));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
                series.add(labels);
            }
        }
        Matcher side = SIDE.matcher(f.error);
        String where = side.find() ? "the " + side.group(1) + " side" : "one side";
        Set<String> names = new TreeSet<>();
        series.forEach(x -> names.addAll(x.keySet()));
        names.remove("__name__");
        Set<String> differ = new TreeSet<>();
        for (String n : names) {
            if (series.stream().map(x -> x.getOrDefault(n, "")).distinct().count() > 1) {
                differ.add(n);
            }
        }
        String matchedOn = group.isEmpty() || group.equals("{}") ? "no labels (on ())" : group;
        String why = "a binary operator matches on " + matchedOn + ", and " + where + " has several series for one match"
                + (series.size() > 1 ? " (" + show(series.get(0)) + " and " + show(series.get(1)) + ")" : "")
                + ": Prometheus matches one to one, or many to one with group_left/group_right, and the one side needs one "
                + "series per match";
        String edit = "match on labels that tell those series apart"
                + (differ.isEmpty() ? "" : " (e.g. on (" + String.join(", ", differ) + "))")
                + " or aggregate one side (e.g. sum(...)), so that each match has one series on one side";
        // the series are named above: Prometheus' message without its list of them
        String error = list < 0 ? null : f.error.replaceFirst(":\\s*\\[.*]\\s*;", ";");
        return new Diagnosis(why, edit, null, error);
    }

    /** The fix of a rule that is not a generated one with a clash of labels: where to edit what. */
    private String fix(Failed f, Optional<ExpectedStack.Rule> generated, String edit) {
        String file = f.fileInStack();
        if (generated.isPresent()) {
            String job = f.labels.get("job");
            Optional<Target> t = job == null ? Optional.empty() : stack.spec().target(job);
            return "monstack wrote this rule (" + file + ")" + t.map(x -> " for runtime " + x.runtime() + " of target " + x.name()
                    + ", and its series are not shaped as that runtime's: check runtime: " + x.runtime() + " of target " + x.name()
                    + " in monstack.yml (monstack discover on its page tells)").orElse(", and the series it reads are not shaped "
                    + "as it expects") + "; in PromQL terms: " + edit;
        }
        return "in " + file + ", " + edit + "; then " + fixes.redeploy();
    }

    /** The custom metric a generated alert of monstack-custom-metrics is about. */
    private Optional<CustomMetric> customMetric(ExpectedStack.Rule rule, String job) {
        if (job == null) {
            return Optional.empty();
        }
        return stack.spec().target(job).flatMap(t -> t.metrics().stream().filter(m -> m.alert() != null)
                .filter(m -> Pattern.compile("(?<![a-zA-Z0-9_:])" + Pattern.quote(m.name()) + "\\{").matcher(rule.expr()).find())
                .findFirst());
    }

    /** {a="x", b="y"}, without the metric name. */
    private static String show(Map<String, String> labels) {
        List<String> parts = new ArrayList<>();
        labels.forEach((k, v) -> {
            if (!k.equals("__name__")) {
                parts.add(SpecValidator.safeLine(k) + "=" + SpecValidator.show(v));
            }
        });
        return (labels.containsKey("__name__") ? labels.get("__name__") : "") + "{" + String.join(", ", parts) + "}";
    }

    private static String values(Set<String> values) {
        List<String> shown = values.stream().limit(MAX_VALUES).map(SpecValidator::show).toList();
        return "(" + String.join(", ", shown) + (values.size() > MAX_VALUES ? ", ..." : "") + ")";
    }

    private static String shorten(String error) {
        String oneLine = SpecValidator.safeLine(error.replaceAll("\\s+", " ").strip());
        return oneLine.length() <= MAX_ERROR ? oneLine : oneLine.substring(0, MAX_ERROR - 3) + "...";
    }

    /** A failing rule as /api/v1/rules gives it. */
    private final class Failed {
        final String group;
        final String file;
        final String name;
        final String query;
        final Map<String, String> labels = new TreeMap<>();
        final String error;

        Failed(JsonNode g, JsonNode r) {
            group = g.path("name").asText();
            file = g.path("file").asText("");
            name = r.path("name").asText();
            query = r.path("query").asText();
            r.path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
            error = r.path("lastError").asText("");
        }

        /** The rule file as the stack's folder has it (DIR/prometheus/rules/NAME), else as Prometheus names it. */
        String fileInStack() {
            String fileName = file.substring(file.lastIndexOf('/') + 1);
            return !fileName.isEmpty() && stack.isRuleFile(fileName) ? fixes.inStack(ExpectedStack.RULES_DIR + fileName)
                    : file.isEmpty() ? "the rule file of group " + group : file;
        }
    }
}
