package io.monstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.monstack.generate.ExporterService;
import io.monstack.generate.StackModel;
import io.monstack.spec.RuntimeCatalog;
import io.monstack.spec.SpecReader;
import io.monstack.spec.StackSpec;
import io.monstack.spec.Target;
import io.monstack.support.Compose;
import io.monstack.support.PromTools;
import io.monstack.support.PrometheusMajors;
import io.monstack.support.Rendered;
import io.monstack.support.Samples;
import io.monstack.support.Schemas;
import io.monstack.support.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every sample renders a whole, valid stack that says what its spec says. */
class SampleStackTest {
    @TempDir
    Path tmp;

    static Stream<Path> samples() {
        List<Path> specs = Samples.specs();
        assertThat(specs).as("samples/*/monstack.yml").isNotEmpty();
        return specs.stream();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void rendersTheWholeStackOfDesignSection1(Path sample) {
        Rendered r = new Rendered(SpecReader.read(sample));
        boolean swarm = SpecReader.read(sample).deploy().isSwarm();
        assertThat(r.files()).containsKey(swarm ? "stack.yaml" : "compose.yaml").doesNotContainKey(swarm ? "compose.yaml" : "stack.yaml");
        assertThat(r.files().keySet()).contains("README.md", ".gitignore",
                "prometheus/prometheus.yml", "prometheus/Dockerfile", "grafana/Dockerfile",
                "grafana/provisioning/datasources/prometheus.yml", "grafana/provisioning/dashboards/monstack.yml",
                "grafana/dashboards/overview.json");
        StackSpec spec = SpecReader.read(sample);
        if (spec.alerting().enabled()) {
            assertThat(r.files().keySet()).contains("prometheus/rules/monstack-alerts.yml", "prometheus/rules/monstack-records.yml",
                    "alertmanager/Dockerfile", "alertmanager/alertmanager.yml");
        } else {
            assertThat(r.files().keySet()).noneMatch(p -> p.startsWith("alertmanager/") || p.startsWith("prometheus/rules/"));
        }
    }

    static Stream<Path> alertingSamples() {
        List<Path> specs = Samples.specs().stream().filter(p -> SpecReader.read(p).alerting().enabled()).toList();
        assertThat(specs).as("samples with alerting on").isNotEmpty();
        return specs.stream();
    }

    @ParameterizedTest
    @MethodSource("alertingSamples")
    void alertingFilesPassPromtoolAndAmtool(Path sample) throws IOException {
        StackSpec spec = SpecReader.read(sample);
        Path dir = new Rendered(spec).writeTo(tmp);
        PromTools.assertRulesValid(PrometheusMajors.of(spec), dir,
                List.of("prometheus/rules/monstack-alerts.yml", "prometheus/rules/monstack-records.yml"));
        PromTools.assertAlertmanagerConfigValid(dir, "alertmanager/alertmanager.yml");
    }

    @ParameterizedTest
    @MethodSource("samples")
    void prometheusConfigPassesPromtool(Path sample) throws IOException {
        StackSpec spec = SpecReader.read(sample);
        Path dir = new Rendered(spec).writeTo(tmp);
        PromTools.assertConfigValid(PrometheusMajors.of(spec), dir.resolve("prometheus/prometheus.yml"));
    }

    @ParameterizedTest
    @MethodSource("samples")
    @SuppressWarnings("unchecked")
    void prometheusConfigSaysWhatTheSpecSays(Path sample) {
        StackSpec spec = SpecReader.read(sample);
        Map<String, Object> config = new Rendered(spec).yamlMap("prometheus/prometheus.yml");
        Map<String, Object> global = (Map<String, Object>) config.get("global");
        assertThat(global.get("scrape_interval")).isEqualTo(spec.prometheus().scrapeInterval());
        List<Map<String, Object>> jobs = (List<Map<String, Object>>) config.get("scrape_configs");
        List<String> names = jobs.stream().map(j -> (String) j.get("job_name")).toList();
        List<String> expected = new ArrayList<>(List.of("prometheus"));
        if (spec.dockerEngine().enabled()) {
            expected.add("docker");
        }
        if (spec.hostMetrics().enabled()) {
            expected.add("host");
        }
        if (spec.containerMetrics().enabled()) {
            expected.add("containers");
        }
        spec.targets().forEach(t -> expected.add(t.name()));
        assertThat(names).containsExactlyElementsOf(expected);
        for (Target t : spec.targets()) {
            Map<String, Object> job = jobs.stream().filter(j -> t.name().equals(j.get("job_name"))).findFirst().orElseThrow();
            assertThat(job.get("metrics_path")).isEqualTo(t.metricsPath());
            assertThat(job.get("scrape_interval")).isEqualTo(t.scrapeInterval());
            if (t.usesDns()) {
                Map<String, Object> dns = ((List<Map<String, Object>>) job.get("dns_sd_configs")).get(0);
                assertThat(dns.get("names")).isEqualTo(t.dns().names());
                assertThat(dns.get("type")).isEqualTo(t.dns().type());
                assertThat(dns.get("port")).isEqualTo(t.dns().port());
                assertThat(job).doesNotContainKey("static_configs");
            } else if (t.runsExporter()) { // the stack's exporter service, or the URL its probe fetches
                ExporterService e = ExporterService.of(t);
                Map<String, Object> sc = ((List<Map<String, Object>>) job.get("static_configs")).get(0);
                assertThat(sc.get("targets")).isEqualTo(List.of(e.probe() == null ? e.scrapeAddress() : e.address()));
            } else {
                Map<String, Object> sc = ((List<Map<String, Object>>) job.get("static_configs")).get(0);
                assertThat(sc.get("targets")).isEqualTo(t.staticTargets());
            }
        }
        if (spec.dockerEngine().enabled()) {
            Map<String, Object> docker = jobs.stream().filter(j -> "docker".equals(j.get("job_name"))).findFirst().orElseThrow();
            if (spec.deploy().isSwarm()) { // every node's engine, found through the swarm API
                Map<String, Object> sd = ((List<Map<String, Object>>) docker.get("dockerswarm_sd_configs")).get(0);
                assertThat(sd).containsEntry("role", "nodes");
            } else {
                Map<String, Object> sc = ((List<Map<String, Object>>) docker.get("static_configs")).get(0);
                assertThat(sc.get("targets")).isEqualTo(List.of("host.docker.internal:" + spec.dockerEngine().port()));
            }
        }
    }

    static Stream<Path> composeSamples() {
        List<Path> specs = Samples.specs().stream().filter(p -> !SpecReader.read(p).deploy().isSwarm()).toList();
        assertThat(specs).as("samples for compose").isNotEmpty();
        return specs.stream();
    }

    static Stream<Path> swarmSamples() {
        List<Path> specs = Samples.specs().stream().filter(p -> SpecReader.read(p).deploy().isSwarm()).toList();
        assertThat(specs).as("samples for swarm").isNotEmpty();
        return specs.stream();
    }

    @ParameterizedTest
    @MethodSource("swarmSamples")
    @SuppressWarnings("unchecked")
    void stackFileIsAComposeSpecFileThatPullsFromTheRegistry(Path sample) throws IOException {
        StackSpec spec = SpecReader.read(sample);
        Rendered r = new Rendered(spec);
        Map<String, Object> stack = r.yamlMap("stack.yaml");
        Schemas.assertValid("compose-spec.json", Rendered.JSON.valueToTree(stack), "stack.yaml");
        Map<String, Object> services = (Map<String, Object>) stack.get("services");
        for (String name : List.of("prometheus", "grafana")) {
            Map<String, Object> service = (Map<String, Object>) services.get(name);
            assertThat(service).doesNotContainKey("build");
            assertThat((String) service.get("image")).startsWith(spec.images().registry() + "/");
        }
        Path dir = r.writeTo(tmp.resolve("stack"));
        Tools.Result v2 = Compose.v2().config(dir, "stack.yaml", Map.of("GRAFANA_ADMIN_PASSWORD", "test-only-not-a-secret"));
        assertThat(v2.exitCode()).as("docker compose (v2) config -q on stack.yaml:%n%s", v2.output()).isZero();
    }

    @ParameterizedTest
    @MethodSource("composeSamples")
    @SuppressWarnings("unchecked")
    void composeIsValidAndRunsWhatItBuilds(Path sample) throws IOException {
        StackSpec spec = SpecReader.read(sample);
        Rendered r = new Rendered(spec);
        Map<String, Object> compose = r.yamlMap("compose.yaml");
        assertThat(compose).doesNotContainKey("version");
        Schemas.assertValid("compose-spec.json", Rendered.JSON.valueToTree(compose), "compose.yaml");
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        Map<String, Object> prom = (Map<String, Object>) services.get("prometheus");
        assertThat(((Map<String, Object>) prom.get("build")).get("context")).isEqualTo("./prometheus");
        assertThat(prom.get("image")).isEqualTo(new StackModel(spec).prometheusImage());
        assertThat((List<String>) prom.get("ports")).containsExactly("127.0.0.1:" + spec.prometheus().port() + ":9090");
        if (spec.dockerEngine().enabled()) {
            assertThat((List<String>) prom.get("extra_hosts")).containsExactly("host.docker.internal:host-gateway");
        } else {
            assertThat(prom).doesNotContainKey("extra_hosts");
        }
        Map<String, Object> grafana = (Map<String, Object>) services.get("grafana");
        assertThat(((Map<String, Object>) grafana.get("build")).get("context")).isEqualTo("./grafana");
        assertThat(grafana.get("healthcheck")).isNotNull();
        assertThat(prom.get("restart")).isEqualTo("unless-stopped");
        if (spec.alerting().enabled()) {
            Map<String, Object> am = (Map<String, Object>) services.get("alertmanager");
            assertThat(((Map<String, Object>) am.get("build")).get("context")).isEqualTo("./alertmanager");
            assertThat(am.get("image")).isEqualTo(new StackModel(spec).alertmanagerImage());
            assertThat((List<String>) am.get("ports")).containsExactly("127.0.0.1:" + spec.alerting().port() + ":9093");
            assertThat(am.get("healthcheck")).isNotNull();
            assertThat(am.get("restart")).isEqualTo("unless-stopped");
        } else {
            assertThat(services).doesNotContainKey("alertmanager");
        }
    }

    @ParameterizedTest
    @MethodSource("composeSamples")
    void composePassesDockerComposeConfig(Path sample) throws IOException {
        Path dir = new Rendered(SpecReader.read(sample)).writeTo(tmp.resolve("stack"));
        Files.writeString(dir.resolve(".env"), "GRAFANA_ADMIN_PASSWORD=test-only-not-a-secret\n");
        Tools.Result v2 = Compose.v2().config(dir, "compose.yaml", Map.of());
        assertThat(v2.exitCode()).as("docker compose (v2) config -q:%n%s", v2.output()).isZero();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void grafanaProvisioningPointsAtTheFixedUid(Path sample) {
        StackSpec spec = SpecReader.read(sample);
        Rendered r = new Rendered(spec);
        Map<String, Object> ds = r.yamlMap("grafana/provisioning/datasources/prometheus.yml");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> list = (List<Map<String, Object>>) ds.get("datasources");
        assertThat(list).hasSize(1);
        assertThat(list.get(0)).containsEntry("uid", StackModel.DATASOURCE_UID).containsEntry("url", "http://prometheus:9090")
                .containsEntry("type", "prometheus").containsEntry("isDefault", true);
        assertThat(list.get(0).get("jsonData")).isEqualTo(Map.of("timeInterval", spec.prometheus().scrapeInterval()));
        Map<String, Object> provider = r.yamlMap("grafana/provisioning/dashboards/monstack.yml");
        @SuppressWarnings("unchecked")
        Map<String, Object> p0 = ((List<Map<String, Object>>) provider.get("providers")).get(0);
        assertThat(p0.get("folder")).isEqualTo(spec.name());
        assertThat(p0.get("options")).isEqualTo(Map.of("path", "/etc/grafana/dashboards", "foldersFromFilesStructure", false));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void dashboardsAreValidAndBoundToTheDatasource(Path sample) {
        StackSpec spec = SpecReader.read(sample);
        Rendered r = new Rendered(spec);
        List<String> dashboards = r.paths("grafana/dashboards/");
        int engine = (spec.dockerEngine().enabled() ? 1 : 0) + (spec.hostMetrics().enabled() ? 1 : 0)
                + (spec.containerMetrics().enabled() ? 1 : 0); // the stack's own jobs' dashboards
        if (spec.grafana().perService(spec.targets().size())) {
            assertThat(dashboards).hasSize(1 + engine + spec.targets().size());
        } else { // one per runtime family that has panels, one per service with its own metrics
            long families = spec.targets().stream().map(t -> RuntimeCatalog.get(t.runtime()).family()).filter(f -> !f.equals("none"))
                    .distinct().count();
            long withMetrics = spec.targets().stream().filter(t -> !t.metrics().isEmpty()).count();
            assertThat(dashboards).hasSize((int) (1 + engine + families + withMetrics));
        }
        List<String> uids = new ArrayList<>();
        for (String path : dashboards) {
            JsonNode d = r.json(path);
            Schemas.assertValid("grafana-dashboard.jsonschema.json", d, path);
            assertThat(d.get("id").isNull()).as(path + " id").isTrue();
            assertThat(r.text(path)).doesNotContain("${DS_");
            uids.add(d.get("uid").asText());
            assertThat(d.get("uid").asText().length()).isBetween(8, 40);
            for (JsonNode panel : d.get("panels")) {
                String type = panel.get("type").asText();
                assertThat(type).isIn("row", "timeseries", "stat", "gauge", "table");
                if (type.equals("row")) {
                    continue;
                }
                assertThat(panel.get("datasource").toString())
                        .isEqualTo("{\"type\":\"prometheus\",\"uid\":\"" + StackModel.DATASOURCE_UID + "\"}");
                assertThat(panel.get("targets")).isNotEmpty();
                for (JsonNode target : panel.get("targets")) {
                    assertThat(target.get("datasource")).isEqualTo(panel.get("datasource"));
                    assertThat(target.get("expr").asText()).isNotBlank().doesNotContain("<sel>");
                }
            }
        }
        assertThat(uids).doesNotHaveDuplicates();
        boolean perService = spec.grafana().perService(spec.targets().size());
        for (Target t : spec.targets()) {
            if (perService || !t.metrics().isEmpty()) {
                JsonNode d = r.json("grafana/dashboards/service-" + t.name() + ".json");
                String all = d.get("panels").toString();
                assertThat(all).contains("job=\\\"" + t.name() + "\\\"");
                t.metrics().forEach(m -> assertThat(all).contains(m.name()));
            }
            if (!perService && !RuntimeCatalog.get(t.runtime()).family().equals("none")) {
                // the runtime dashboard lists the service in its job selector
                JsonNode d = r.json("grafana/dashboards/runtime-" + RuntimeCatalog.get(t.runtime()).family() + ".json");
                assertThat(d.path("templating").path("list").get(0).path("query").asText()).contains(t.name());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("samples")
    void dockerfilesCopyOnlyWhatTheContextHolds(Path sample) throws IOException {
        StackSpec spec = SpecReader.read(sample);
        Path dir = new Rendered(spec).writeTo(tmp);
        for (String image : io.monstack.images.ImageBuilder.components(spec)) {
            Path context = dir.resolve(image);
            List<String> lines = Files.readAllLines(context.resolve("Dockerfile"));
            List<String> copies = lines.stream().filter(l -> l.startsWith("COPY ")).toList();
            assertThat(copies).isNotEmpty();
            for (String copy : copies) {
                String[] words = copy.split("\\s+");
                String source = words[words.length - 2];
                assertThat(context.resolve(source)).as("COPY source %s in %s", source, context).exists();
                assertThat(copy).contains("--chown=");
            }
            assertThat(lines).noneMatch(l -> l.startsWith("RUN "));
            assertThat(lines.stream().filter(l -> l.startsWith("FROM ")).count()).isEqualTo(1);
        }
    }

    static Stream<Path> engineSamples() {
        List<Path> specs = Samples.specs().stream().filter(p -> SpecReader.read(p).dockerEngine().enabled()).toList();
        assertThat(specs).as("samples that scrape the Docker engine").isNotEmpty();
        return specs.stream();
    }

    @ParameterizedTest
    @MethodSource("engineSamples")
    void daemonJsonHasOnlyWhatTheEngineNeeds(Path sample) {
        StackSpec spec = SpecReader.read(sample);
        JsonNode daemon = new Rendered(spec).json("docker/daemon.json");
        assertThat(daemon.get("metrics-addr").asText()).isEqualTo(spec.dockerEngine().metricsAddr());
        assertThat(daemon.has("experimental")).isEqualTo(spec.dockerEngine().experimental());
    }
}
