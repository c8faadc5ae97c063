package io.monstack.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.monstack.generate.GeneratedFile;
import io.monstack.generate.StackGenerator;
import io.monstack.spec.ContainerMetrics;
import io.monstack.spec.Durations;
import io.monstack.spec.HostMetrics;
import io.monstack.spec.SpecValidator;
import io.monstack.spec.StackSpec;
import io.monstack.spec.Target;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * What the stack is meant to be: the jobs, dashboards and rule groups monstack renders for the
 * spec (read back from the generated files, so every platform and option is covered the way the
 * running Prometheus got it), and the networks Prometheus is on.
 */
public final class ExpectedStack {
    static final String DASHBOARDS_DIR = "grafana/dashboards/";
    static final String RULES_DIR = "prometheus/rules/";

    /** A generated dashboard: its file, title and JSON. */
    public record Dashboard(String file, String title, JsonNode json) {
    }

    /** A rule monstack wrote: its file (prometheus/rules/...), group, alert or record name, expression and labels. */
    public record Rule(String file, String group, String name, String expr, Map<String, String> labels) {
    }

    private final StackSpec spec;
    private final List<ScrapeJob> jobs = new ArrayList<>();
    private final List<Dashboard> dashboards = new ArrayList<>();
    private final List<String> ruleGroups = new ArrayList<>();
    private final List<Rule> rules = new ArrayList<>();
    private final Set<String> ruleFiles = new TreeSet<>();
    private final List<String> networks = new ArrayList<>();
    private final long datasourceIntervalMillis;

    public ExpectedStack(StackSpec spec) {
        this.spec = spec;
        Map<String, String> files = new LinkedHashMap<>();
        for (GeneratedFile f : new StackGenerator().generate(spec)) {
            files.put(f.path(), f.content());
        }
        jobs.addAll(jobsOf(files.get("prometheus/prometheus.yml"), spec));
        ObjectMapper json = new ObjectMapper();
        files.forEach((path, content) -> {
            if (path.startsWith(DASHBOARDS_DIR) && path.endsWith(".json")) {
                JsonNode d = parseJson(json, path, content);
                dashboards.add(new Dashboard(path, d.path("title").asText(path), d));
            } else if (path.startsWith(RULES_DIR)) {
                ruleFiles.add(path);
                for (Object g : list(yaml(content).get("groups"))) {
                    String group = String.valueOf(map(g).get("name"));
                    ruleGroups.add(group);
                    for (Object r : list(map(g).get("rules"))) {
                        Map<String, Object> rule = map(r);
                        Object name = rule.containsKey("alert") ? rule.get("alert") : rule.get("record");
                        Map<String, String> labels = new TreeMap<>();
                        map(rule.get("labels")).forEach((k, v) -> labels.put(k, String.valueOf(v)));
                        rules.add(new Rule(path, group, String.valueOf(name), String.valueOf(rule.get("expr")), labels));
                    }
                }
            }
        });
        readNetworks(files.containsKey("stack.yaml") ? files.get("stack.yaml") : files.get("compose.yaml"));
        datasourceIntervalMillis = datasourceInterval(files.get("grafana/provisioning/datasources/prometheus.yml"));
    }

    public StackSpec spec() {
        return spec;
    }

    public List<ScrapeJob> jobs() {
        return List.copyOf(jobs);
    }

    public Optional<ScrapeJob> job(String name) {
        return jobs.stream().filter(j -> j.name().equals(name)).findFirst();
    }

    public List<Dashboard> dashboards() {
        return List.copyOf(dashboards);
    }

    public List<String> ruleGroups() {
        return List.copyOf(ruleGroups);
    }

    /**
     * The generated rule a running one is, by group, name and labels (alerts of many jobs share a
     * name), with the same expression; empty for a rule monstack did not write, or one edited by hand.
     */
    public Optional<Rule> rule(String group, String name, Map<String, String> labels, String expr) {
        return rules.stream().filter(r -> r.group().equals(group) && r.name().equals(name) && r.labels().equals(labels)
                && squeeze(r.expr()).equals(squeeze(expr))).findFirst();
    }

    /** Whether monstack writes a rule file of this name (in prometheus/rules/). */
    public boolean isRuleFile(String fileName) {
        return ruleFiles.contains(RULES_DIR + fileName);
    }

    private static String squeeze(String expr) {
        return expr.replaceAll("\\s+", "");
    }

    /** The names of the Docker networks Prometheus is on; the first is the stack's own. */
    public List<String> networks() {
        return List.copyOf(networks);
    }

    /** Grafana's scrape interval for the datasource (jsonData.timeInterval): the base of $__interval and $__rate_interval. */
    public long datasourceIntervalMillis() {
        return datasourceIntervalMillis;
    }

    public boolean isEngineJob(String job) {
        return spec.dockerEngine().enabled() && SpecValidator.DOCKER_JOB.equals(job);
    }

    /**
     * The stack's own service that serves a job (node-exporter, cAdvisor, a target's exporter), or
     * empty for the apps, the engine and Prometheus itself: when it does not answer, the stack's
     * service is down, not the user's app.
     */
    public Optional<String> stackService(String job) {
        if (spec.hostMetrics().enabled() && SpecValidator.HOST_JOB.equals(job)) {
            return Optional.of(HostMetrics.SERVICE);
        }
        if (spec.containerMetrics().enabled() && SpecValidator.CONTAINERS_JOB.equals(job)) {
            return Optional.of(ContainerMetrics.SERVICE);
        }
        return spec.target(job).filter(Target::runsExporter).map(Target::exporterService);
    }

    /** The scrape jobs of a prometheus.yml: the generated one, or the one the server runs (/api/v1/status/config). */
    static List<ScrapeJob> jobsOf(String prometheusYml, StackSpec spec) {
        List<ScrapeJob> jobs = new ArrayList<>();
        for (Object raw : list(yaml(prometheusYml).get("scrape_configs"))) {
            Map<String, Object> job = map(raw);
            String name = String.valueOf(job.get("job_name"));
            List<String> statics = new ArrayList<>();
            for (Object sc : list(job.get("static_configs"))) {
                list(map(sc).get("targets")).forEach(t -> statics.add(String.valueOf(t)));
            }
            List<String> dns = new ArrayList<>();
            for (Object dc : list(job.get("dns_sd_configs"))) {
                list(map(dc).get("names")).forEach(n -> dns.add(String.valueOf(n)));
            }
            Object path = job.get("metrics_path");
            Object fallback = job.get("fallback_scrape_protocol");
            jobs.add(new ScrapeJob(name, path == null ? "/metrics" : path.toString(), statics, dns,
                    fallback == null ? null : fallback.toString(), spec.target(name).orElse(null)));
        }
        return jobs;
    }

    private void readNetworks(String composeFile) {
        if (composeFile == null) {
            return;
        }
        Map<String, Object> compose = yaml(composeFile);
        Map<String, Object> declared = map(compose.get("networks"));
        Object onPrometheus = map(map(compose.get("services")).get("prometheus")).get("networks");
        List<String> keys = new ArrayList<>();
        if (onPrometheus instanceof Map<?, ?> m) {
            m.keySet().forEach(k -> keys.add(String.valueOf(k)));
        } else {
            list(onPrometheus).forEach(k -> keys.add(String.valueOf(k)));
        }
        if (keys.isEmpty()) {
            keys.add("default");
        }
        for (String key : keys) {
            Object name = map(declared.get(key)).get("name");
            networks.add(name == null ? key : name.toString());
        }
    }

    private long datasourceInterval(String datasources) {
        if (datasources != null) {
            for (Object ds : list(yaml(datasources).get("datasources"))) {
                Object interval = map(map(ds).get("jsonData")).get("timeInterval");
                if (interval != null && Durations.toMillis(interval.toString()) > 0) {
                    return Durations.toMillis(interval.toString());
                }
            }
        }
        return Durations.toMillis(spec.prometheus().scrapeInterval());
    }

    private static Map<String, Object> yaml(String text) {
        Object loaded = text == null ? null : new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        return map(loaded);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }

    private static JsonNode parseJson(ObjectMapper json, String path, String content) {
        try {
            return json.readTree(content);
        } catch (IOException e) {
            throw new UncheckedIOException("generated " + path + " is not JSON", e);
        }
    }
}
