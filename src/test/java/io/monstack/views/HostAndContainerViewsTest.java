package io.monstack.views;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.monstack.alerting.RuleUnitTests;
import io.monstack.generate.AlertRules;
import io.monstack.spec.HostMetrics;
import io.monstack.spec.Platform;
import io.monstack.spec.Problem;
import io.monstack.spec.SpecReader;
import io.monstack.spec.SpecValidator;
import io.monstack.spec.StackSpec;
import io.monstack.spec.TargetDraft;
import io.monstack.support.Cli;
import io.monstack.support.Compose;
import io.monstack.support.PromTools;
import io.monstack.support.Rendered;
import io.monstack.support.Schemas;
import io.monstack.support.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host view (node-exporter) and the container view (cAdvisor): the services, jobs, dashboards
 * and rules they add, checked with the real tools. cAdvisor cannot run here, so its panels and
 * rules are held to the metric names and types cAdvisor documents and to promtool's PromQL parser;
 * the Host dashboard also runs on a real node-exporter in the end-to-end tests.
 */
class HostAndContainerViewsTest {
    @TempDir
    Path tmp;

    static StackSpec both() {
        StackSpec spec = StackSpec.empty("shop").withTarget(new TargetDraft("web").runtime("go").addStatic("web:8080").toTarget());
        return spec.with(b -> b.hostMetrics(spec.hostMetrics().withEnabled(true))
                .containerMetrics(spec.containerMetrics().withEnabled(true))
                .alerting(spec.alerting().withEnabled(true)));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeRunsNodeExporterInTheHostsNamespacesAndCadvisorWithItsMounts() throws IOException {
        StackSpec spec = both();
        assertThat(SpecValidator.validate(spec)).isEmpty();
        Rendered r = new Rendered(spec);
        Map<String, Object> compose = r.yamlMap("compose.yaml");
        Schemas.assertValid("compose-spec.json", Rendered.JSON.valueToTree(compose), "compose.yaml");
        Map<String, Object> services = map(compose.get("services"));
        Map<String, Object> node = map(services.get("node-exporter"));
        assertThat(node).containsEntry("image", HostMetrics.DEFAULT_IMAGE).containsEntry("network_mode", "host")
                .containsEntry("pid", "host").doesNotContainKey("ports").doesNotContainKey("build");
        assertThat((List<String>) node.get("volumes")).containsExactly("/:/host:ro,rslave");
        assertThat((List<String>) node.get("command")).containsExactly("--path.rootfs=/host", "--web.listen-address=0.0.0.0:9100");
        Map<String, Object> cadvisor = map(services.get("cadvisor"));
        assertThat(cadvisor).doesNotContainKey("ports").doesNotContainKey("privileged");
        assertThat((List<String>) cadvisor.get("volumes")).allMatch(v -> v.endsWith(":ro"))
                .contains("/var/run:/var/run:ro", "/sys:/sys:ro", "/var/lib/docker/:/var/lib/docker:ro");
        assertThat((List<String>) cadvisor.get("devices")).containsExactly("/dev/kmsg");
        assertThat((List<String>) map(services.get("prometheus")).get("extra_hosts")).containsExactly("host.docker.internal:host-gateway");

        Path dir = r.writeTo(tmp.resolve("compose"));
        Files.writeString(dir.resolve(".env"), "GRAFANA_ADMIN_PASSWORD=test-only-not-a-secret\n");
        Tools.Result config = Compose.v2().config(dir, "compose.yaml", Map.of());
        assertThat(config.exitCode()).as("docker compose config -q:%n%s", config.output()).isZero();

        List<Map<String, Object>> jobs = (List<Map<String, Object>>) r.yamlMap("prometheus/prometheus.yml").get("scrape_configs");
        assertThat(staticTargets(jobs, "host")).containsExactly("host.docker.internal:9100");
        assertThat(staticTargets(jobs, "containers")).containsExactly("cadvisor:8080");
        PromTools.assertConfigValid(3, dir.resolve("prometheus/prometheus.yml"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void onSwarmBothRunOnEveryNodeAndAreFoundByTheirTasks() throws IOException {
        StackSpec spec = both().with(b -> b.deploy(both().deploy().withPlatform(Platform.SWARM))
                .images(new io.monstack.spec.ImageSettings("registry.example.com:5000/team", "1")));
        assertThat(SpecValidator.validate(spec)).isEmpty();
        Rendered r = new Rendered(spec);
        Map<String, Object> stack = r.yamlMap("stack.yaml");
        Schemas.assertValid("compose-spec.json", Rendered.JSON.valueToTree(stack), "stack.yaml");
        for (String name : List.of("node-exporter", "cadvisor")) {
            Map<String, Object> service = map(map(stack.get("services")).get(name));
            assertThat(map(service.get("deploy"))).containsEntry("mode", "global");
            assertThat((List<Map<String, Object>>) service.get("volumes")).allSatisfy(v -> assertThat(v).containsEntry("read_only", true));
        }
        List<Map<String, Object>> jobs = (List<Map<String, Object>>) r.yamlMap("prometheus/prometheus.yml").get("scrape_configs");
        Map<String, Object> host = job(jobs, "host");
        assertThat(((List<Map<String, Object>>) host.get("dns_sd_configs")).get(0)).containsEntry("names", List.of("tasks.node-exporter"))
                .containsEntry("port", 9100);
        Map<String, Object> containers = job(jobs, "containers");
        assertThat(((List<Map<String, Object>>) containers.get("dns_sd_configs")).get(0))
                .containsEntry("names", List.of("tasks.cadvisor")).containsEntry("port", 8080);
        Path dir = r.writeTo(tmp.resolve("swarm"));
        PromTools.assertConfigValid(3, dir.resolve("prometheus/prometheus.yml"));
    }

    @Test
    void theContainersDashboardAndRulesUseOnlyWhatCadvisorDocumentsAndParse() throws IOException {
        Map<String, String> documented = documentedCadvisorMetrics();
        Rendered r = new Rendered(both());
        JsonNode dashboard = r.json("grafana/dashboards/containers.json");
        Schemas.assertValid("grafana-dashboard.jsonschema.json", dashboard, "containers.json");
        List<String> exprs = new ArrayList<>();
        dashboard.path("panels").forEach(p -> p.path("targets").forEach(t -> exprs.add(t.path("expr").asText())));
        List<String> rules = alertExprs(r, "containers");
        assertThat(exprs).hasSizeGreaterThanOrEqualTo(6);
        assertThat(rules).hasSize(4);
        List<String> problems = new ArrayList<>();
        for (String expr : concat(exprs, rules)) {
            problems.addAll(cadvisorProblems(expr, documented));
        }
        assertThat(problems).as(String.join("\n", problems)).isEmpty();
        // the check sees what it is for
        assertThat(cadvisorProblems("rate(container_memory_usage_bytes{job=\"containers\"}[5m])", documented)).hasSize(1);
        assertThat(cadvisorProblems("container_cpu_usage_seconds_total{job=\"containers\"}", documented)).hasSize(1);
        assertThat(cadvisorProblems("container_cpu_usage_secs_total{job=\"containers\"}", documented)).hasSize(1);
        // and promtool's parser reads every query of both dashboards
        List<String> all = new ArrayList<>(exprs);
        r.json("grafana/dashboards/host.json").path("panels").forEach(p -> p.path("targets").forEach(t -> all.add(t.path("expr").asText())));
        assertParses(all);
    }

    @Test
    void theirAlertsFireOnSyntheticSeriesAndStayQuietBelowThresholds() throws IOException {
        StackSpec spec = both();
        Rendered r = new Rendered(spec);
        Path dir = r.writeTo(tmp.resolve("rules"));
        PromTools.assertRulesValid(3, dir.resolve("prometheus"), List.of("rules/monstack-records.yml", "rules/monstack-alerts.yml"));
        RuleUnitTests t = new RuleUnitTests(r.yamlMap(AlertRules.ALERTS_FILE));
        Map<String, String> host = Map.of("job", "host", "instance", "host.docker.internal:9100");
        String fs = "job=\"host\",instance=\"host.docker.internal:9100\",device=\"/dev/sda1\",fstype=\"ext4\",mountpoint=\"/\"";
        String fsOk = "job=\"host\",instance=\"host.docker.internal:9100\",device=\"/dev/sdb1\",fstype=\"ext4\",mountpoint=\"/data\"";
        // 5 of 100 GB free on / (below 10%), 50 of 100 on /data; memory 5% available; load 8 on 4 cores
        t.series("node_filesystem_avail_bytes{" + fs + "}", "5x20").series("node_filesystem_size_bytes{" + fs + "}", "100x20")
                .series("node_filesystem_readonly{" + fs + "}", "0x20")
                .series("node_filesystem_avail_bytes{" + fsOk + "}", "50x20").series("node_filesystem_size_bytes{" + fsOk + "}", "100x20")
                .series("node_filesystem_readonly{" + fsOk + "}", "0x20")
                .fires("10m", "HostFilesystemAlmostFull", withFs(host, "/dev/sda1", "/"), "5%")
                .series("node_memory_MemAvailable_bytes{job=\"host\",instance=\"host.docker.internal:9100\"}", "5x20")
                .series("node_memory_MemTotal_bytes{job=\"host\",instance=\"host.docker.internal:9100\"}", "100x20")
                .fires("10m", "HostMemoryPressure", host, "5%")
                .series("node_load5{job=\"host\",instance=\"host.docker.internal:9100\"}", "8x20");
        for (int cpu = 0; cpu < 4; cpu++) {
            t.series("node_cpu_seconds_total{job=\"host\",instance=\"host.docker.internal:9100\",cpu=\"" + cpu + "\",mode=\"idle\"}",
                    "0+10x20");
        }
        t.fires("10m", "HostLoadAboveCores", host, "2");
        Map<String, String> web = Map.of("job", "containers", "instance", "cadvisor:8080", "name", "shop-web-1");
        Map<String, String> db = Map.of("job", "containers", "instance", "cadvisor:8080", "name", "shop-db-1");
        String w = "job=\"containers\",instance=\"cadvisor:8080\",name=\"shop-web-1\"";
        String d = "job=\"containers\",instance=\"cadvisor:8080\",name=\"shop-db-1\"";
        // web restarts 3 times in a few minutes, sits at 95% of its memory limit, throttled in half its periods;
        // db starts once, uses 10% of its limit, is never throttled
        t.series("container_start_time_seconds{" + w + "}", "100 200 300 400 400x16")
                .series("container_start_time_seconds{" + d + "}", "100x20")
                .none("5m", "ContainerRestarting", "containers") // pending: restarting since 3m, alerting after its for: 5m
                .fires("10m", "ContainerRestarting", web, "3")
                // web seen every minute; db last seen at 2m, so gone from 3m (1m after), firing from 8m
                .series("container_last_seen{" + w + "}", "0+60x20").series("container_last_seen{" + d + "}", "0 60 120 120x17")
                .fires("10m", "ContainerGone", db, "8m 0s")
                .series("container_memory_working_set_bytes{" + w + "}", "95x20").series("container_spec_memory_limit_bytes{" + w + "}", "100x20")
                .series("container_memory_working_set_bytes{" + d + "}", "10x20").series("container_spec_memory_limit_bytes{" + d + "}", "100x20")
                .fires("10m", "ContainerMemoryNearLimit", web, "95%")
                .series("container_cpu_cfs_periods_total{" + w + "}", "0+100x20").series("container_cpu_cfs_throttled_periods_total{" + w + "}", "0+50x20")
                .series("container_cpu_cfs_periods_total{" + d + "}", "0+100x20").series("container_cpu_cfs_throttled_periods_total{" + d + "}", "0x20")
                .fires("10m", "ContainerCpuThrottled", web, "50%");
        Path test = dir.resolve("prometheus/views-test.yml");
        Files.writeString(test, t.yaml(List.of("rules/monstack-records.yml", "rules/monstack-alerts.yml"), "1m"), StandardCharsets.UTF_8);
        Tools.Result result = Tools.run(dir.resolve("prometheus"), 120, PromTools.promtool(3).toString(), "test", "rules", "views-test.yml");
        assertThat(result.exitCode()).as("promtool test rules:%n%s%n%s", result.output(), Files.readString(test)).isZero();
        assertThat(r.text("README.md")).contains("`HostMemoryPressure`", "`ContainerRestarting`", "## The host view",
                "## The container view", "which holds the Docker socket");
    }

    @Test
    void initSaysWhatTheViewsExposeAndTheSpecReadsBack() throws IOException {
        Path dir = tmp.resolve("cli");
        Cli.Run run = Cli.run("init", dir.toString(), "--name", "shop", "--no-input", "--host-metrics", "--container-metrics",
                "--target", "name=web,runtime=go,static=web:8080");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("note: node-exporter will serve the host's metrics on 0.0.0.0:9100")
                .contains("note: cAdvisor mounts the host's root, /sys, /var/lib/docker and /var/run read-only");
        assertThat(run.out()).contains("create     grafana/dashboards/host.json", "create     grafana/dashboards/containers.json");
        StackSpec spec = SpecReader.read(dir.resolve("monstack.yml"));
        assertThat(spec.hostMetrics().enabled()).isTrue();
        assertThat(spec.containerMetrics().enabled()).isTrue();
        assertThat(SpecReader.parse(io.monstack.spec.SpecWriter.write(spec), "monstack.yml")).isEqualTo(spec);
    }

    @Test
    void wrongSettingsAreRefusedWithTheReason() {
        StackSpec base = both();
        List<String> problems = SpecValidator.validate(base.with(b -> b
                .hostMetrics(new HostMetrics(true, "Not An Image", "127.0.0.1:9323"))
                .targets(List.of(new TargetDraft("host").runtime("go").addStatic("h:1").toTarget(),
                        new TargetDraft("containers").runtime("go").addStatic("c:1").toTarget()))))
                .stream().map(Problem::toString).toList();
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("hostMetrics.image: \"Not An Image\" is not an image reference"))
                .anySatisfy(p -> assertThat(p).startsWith("hostMetrics.listenAddress: a containerised Prometheus cannot reach node-exporter"))
                .anySatisfy(p -> assertThat(p).startsWith("targets[0].name: target name \"host\" is taken by monstack's own job"))
                .anySatisfy(p -> assertThat(p).startsWith("targets[1].name: target name \"containers\" is taken"));
        assertThat(SpecValidator.validate(base.with(b -> b.hostMetrics(new HostMetrics(true, HostMetrics.DEFAULT_IMAGE, "0.0.0.0:9323")))))
                .extracting(Problem::toString).anySatisfy(p -> assertThat(p).contains("is the Docker engine's metrics port"));
    }

    // ---------------------------------------------------------------- helpers

    private static Map<String, String> withFs(Map<String, String> base, String device, String mountpoint) {
        Map<String, String> labels = new LinkedHashMap<>(base);
        labels.put("device", device);
        labels.put("fstype", "ext4");
        labels.put("mountpoint", mountpoint);
        return labels;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> job(List<Map<String, Object>> jobs, String name) {
        return jobs.stream().filter(j -> name.equals(j.get("job_name"))).findFirst().orElseThrow(() -> new AssertionError("no job " + name));
    }

    @SuppressWarnings("unchecked")
    private static List<String> staticTargets(List<Map<String, Object>> jobs, String name) {
        return (List<String>) ((List<Map<String, Object>>) job(jobs, name).get("static_configs")).get(0).get("targets");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @SuppressWarnings("unchecked")
    private static List<String> alertExprs(Rendered r, String job) {
        List<String> exprs = new ArrayList<>();
        for (Map<String, Object> g : (List<Map<String, Object>>) r.yamlMap(AlertRules.ALERTS_FILE).get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) g.get("rules")) {
                Map<String, String> labels = (Map<String, String>) rule.get("labels");
                if (job.equals(labels.get("job")) && !List.of("TargetDown", "ScrapeFailures", "ScrapeSlow").contains(rule.get("alert"))) {
                    exprs.add((String) rule.get("expr"));
                }
            }
        }
        return exprs;
    }

    static Map<String, String> documentedCadvisorMetrics() throws IOException {
        Map<String, String> types = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("src/test/resources/cadvisor/documented-metrics.txt"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] parts = line.split("\\s+");
                types.put(parts[0], parts[1]);
            }
        }
        return types;
    }

    private static final Pattern NAME = Pattern.compile("\\b((?:container|machine)_[a-z0-9_]+)\\b");
    private static final Pattern OVER_TIME = Pattern.compile("\\b(rate|irate|increase|changes|resets)\\(\\s*$");

    /** Names cAdvisor does not document, and counters outside rate/increase (or gauges inside them). */
    static List<String> cadvisorProblems(String expr, Map<String, String> documented) {
        List<String> problems = new ArrayList<>();
        Matcher m = NAME.matcher(expr);
        while (m.find()) {
            String name = m.group(1);
            if (name.startsWith("container_label_")) {
                continue; // a label cAdvisor copies from the container's labels, not a metric
            }
            String type = documented.get(name);
            if (type == null) {
                problems.add(name + " is not a metric cAdvisor documents: " + expr);
                continue;
            }
            String before = expr.substring(0, m.start());
            boolean inRange = OVER_TIME.matcher(before).find();
            boolean changesOf = before.endsWith("changes(");
            if (type.equals("counter") && !inRange) {
                problems.add("counter " + name + " is used without rate()/increase(): " + expr);
            } else if (type.equals("gauge") && inRange && !changesOf) {
                problems.add("gauge " + name + " is used in rate()/increase(): " + expr);
            }
        }
        return problems;
    }

    /** Every query, Grafana's variables substituted, as a recording rule: promtool check rules parses it. */
    private void assertParses(List<String> exprs) throws IOException {
        StringBuilder yaml = new StringBuilder("groups:\n  - name: parse\n    rules:\n");
        for (int i = 0; i < exprs.size(); i++) {
            String expr = exprs.get(i).replace("$__rate_interval", "1m").replace("$instance", ".+").replace("$job", ".+");
            yaml.append("      - record: parse:query").append(i).append("\n        expr: ")
                    .append(Rendered.JSON.writeValueAsString(expr)).append('\n');
        }
        Path file = tmp.resolve("queries.yml");
        Files.writeString(file, yaml.toString(), StandardCharsets.UTF_8);
        Tools.Result r = PromTools.check("rules", 3, tmp, List.of(file.toString()));
        assertThat(r.exitCode()).as("promtool check rules on the dashboards' queries:%n%s", r.output()).isZero();
    }
}
