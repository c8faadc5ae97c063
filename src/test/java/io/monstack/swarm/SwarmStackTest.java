package io.monstack.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import io.monstack.spec.Problem;
import io.monstack.spec.SpecException;
import io.monstack.spec.SpecReader;
import io.monstack.spec.SpecValidator;
import io.monstack.spec.SpecWriter;
import io.monstack.spec.StackSpec;
import io.monstack.support.Cli;
import io.monstack.support.Compose;
import io.monstack.support.PromTools;
import io.monstack.support.PrometheusMajors;
import io.monstack.support.Rendered;
import io.monstack.support.Schemas;
import io.monstack.support.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * platform: swarm (stack.yaml for docker stack deploy) and remote storage (remote_write,
 * external labels, Grafana on a central store), checked with the real validators: the compose
 * spec schema, docker-compose config, promtool check config, and parse-back of every file.
 */
class SwarmStackTest {
    static final String SWARM = """
            name: shop
            platform: swarm
            images: {registry: "registry.example.com:5000/team", tag: "1.4.0"}
            swarm: {discovery: %s, publishMode: %s}
            dockerEngine: {enabled: %s}
            targets:
              - {name: web, runtime: go, dns: {names: [tasks.web], port: 8080}}
              - {name: api, runtime: spring-boot, static: ["api:8080"]}
            """;
    static final String REMOTE = """
            name: central
            externalLabels: {cluster: test, host: web-1}
            remoteWrite:
              - url: https://central.example.com/api/v1/write
                name: central
                basicAuth: {username: shop, passwordFile: secrets/rw-password}
              - url: http://mimir:9009/api/v1/push
                bearerTokenFile: /etc/monstack/rw-token
              - url: http://open.example.com/write
            grafana: {datasourceUrl: "https://central.example.com/prometheus"}
            targets:
              - {name: web, runtime: go, static: ["web:8080"]}
            """;

    @TempDir
    Path tmp;

    static StackSpec swarm(String discovery, String publishMode, boolean engine) {
        return SpecReader.parse(SWARM.formatted(discovery, publishMode, engine), "monstack.yml");
    }

    @ParameterizedTest
    @CsvSource({"dns,ingress,true", "dns,host,false", "dockerswarm,ingress,false", "dockerswarm,host,true"})
    void theStackFileIsAComposeSpecFileForStackDeployWithDeployAndNoBuild(String discovery, String mode, boolean engine)
            throws IOException {
        StackSpec spec = swarm(discovery, mode, engine);
        Rendered r = new Rendered(spec);
        assertThat(r.files()).containsKey("stack.yaml").doesNotContainKey("compose.yaml");
        Map<String, Object> stack = r.yamlMap("stack.yaml");
        Schemas.assertValid("compose-spec.json", Rendered.JSON.valueToTree(stack), "stack.yaml");
        assertThat(stack.get("version")).as("docker CLIs before 23.0 need a 3.x version").isEqualTo("3.8");

        Map<String, Map<String, Object>> services = map(stack.get("services"));
        assertThat(services).containsOnlyKeys("prometheus", "grafana");
        boolean socket = engine || discovery.equals("dockerswarm");
        for (Map.Entry<String, Map<String, Object>> e : services.entrySet()) {
            Map<String, Object> svc = e.getValue();
            assertThat(svc).as(e.getKey()).doesNotContainKeys("build", "depends_on", "restart", "container_name");
            assertThat(svc.get("image")).isEqualTo("registry.example.com:5000/team/shop/" + e.getKey() + ":1.4.0");
            Map<String, Object> deploy = map(svc.get("deploy"));
            assertThat(deploy).containsEntry("replicas", 1);
            assertThat(map(deploy.get("placement")).get("constraints")).isEqualTo(List.of("node.role == manager"));
            assertThat(map(deploy.get("restart_policy"))).containsEntry("condition", "any");
            assertThat(map(map(deploy.get("resources")).get("limits"))).containsKeys("cpus", "memory");
            assertThat(deploy.get("endpoint_mode")).isEqualTo(mode.equals("host") ? "dnsrr" : null);
            List<Map<String, Object>> ports = list(svc.get("ports"));
            assertThat(ports).hasSize(1);
            assertThat(ports.get(0)).containsEntry("mode", mode).containsEntry("published", e.getKey().equals("prometheus") ? 9090 : 3000);
        }
        Map<String, Object> prometheus = services.get("prometheus");
        List<Object> volumes = list(prometheus.get("volumes"));
        if (socket) {
            assertThat(prometheus).containsEntry("user", "root");
            assertThat(volumes).contains(Map.of("type", "bind", "source", "/var/run/docker.sock",
                    "target", "/var/run/docker.sock", "read_only", true));
        } else {
            assertThat(prometheus).doesNotContainKey("user");
            assertThat(volumes).containsExactly("prometheus-data:/prometheus");
        }
        assertThat(map(stack.get("networks")).get("default"))
                .isEqualTo(Map.of("name", "shop-monitoring", "driver", "overlay", "attachable", true));

        // The real tools: docker-compose reads it, promtool accepts the swarm prometheus.yml.
        Path dir = r.writeTo(tmp);
        Tools.Result config = Compose.v2().config(dir, "stack.yaml", Map.of("GRAFANA_ADMIN_PASSWORD", "x"));
        assertThat(config.exitCode()).as("docker compose -f stack.yaml config -q:%n%s", config.output()).isZero();
        PromTools.assertConfigValid(PrometheusMajors.of(spec), dir.resolve("prometheus/prometheus.yml"));
        Schemas.assertValid("prometheus-config.json", Rendered.JSON.valueToTree(r.yamlMap("prometheus/prometheus.yml")),
                "prometheus.yml");

        String readme = r.text("README.md");
        assertThat(readme).contains("docker stack deploy -c stack.yaml shop", "monstack build-images --push",
                "`ingress` (the default) publishes the ports on every node", "`host` publishes them only on the node");
        if (socket) {
            assertThat(readme).contains("## The Docker socket (read this)", "root-equivalent control of the Docker engine");
        } else {
            assertThat(readme).doesNotContain("docker.sock");
        }
    }

    @Test
    void onSwarmTheEngineOfEveryNodeIsFoundThroughTheSwarmApi() {
        Map<String, Object> config = new Rendered(swarm("dns", "ingress", true)).yamlMap("prometheus/prometheus.yml");
        Map<String, Object> docker = job(config, "docker");
        assertThat(docker).doesNotContainKey("static_configs");
        Map<String, Object> sd = first(docker.get("dockerswarm_sd_configs"));
        assertThat(sd).containsEntry("host", "unix:///var/run/docker.sock").containsEntry("role", "nodes");
        List<Map<String, Object>> relabel = list(docker.get("relabel_configs"));
        assertThat(relabel.get(0)).containsEntry("source_labels", List.of("__meta_dockerswarm_node_address"))
                .containsEntry("target_label", "__address__").containsEntry("replacement", "$1:9323");
        assertThat(relabel).anySatisfy(rule -> assertThat(rule).containsEntry("regex", "127\\..*|::1")
                .containsEntry("replacement", "host.docker.internal:9323"));
        // dns discovery: tasks.web as the user wrote it, one target per task.
        Map<String, Object> web = job(config, "web");
        assertThat(first(web.get("dns_sd_configs"))).containsEntry("names", List.of("tasks.web")).containsEntry("port", 8080);
    }

    @Test
    void dockerswarmDiscoveryKeepsTheLabelledRunningTasksOfTheServiceOnTheStackNetwork() {
        Map<String, Object> web = job(new Rendered(swarm("dockerswarm", "ingress", false)).yamlMap("prometheus/prometheus.yml"), "web");
        assertThat(web).doesNotContainKey("dns_sd_configs").containsEntry("metrics_path", "/metrics");
        Map<String, Object> sd = first(web.get("dockerswarm_sd_configs"));
        assertThat(sd).containsEntry("role", "tasks").containsEntry("port", 8080)
                .containsEntry("filters", List.of(Map.of("name", "label", "values", List.of("prometheus.monstack.scrape=true"))));
        List<Map<String, Object>> relabel = list(web.get("relabel_configs"));
        assertThat(relabel).anySatisfy(rule -> assertThat(rule).containsEntry("source_labels", List.of("__meta_dockerswarm_service_name"))
                .containsEntry("regex", "(?:[^_]+_)?(?:web)").containsEntry("action", "keep"));
        assertThat(relabel).anySatisfy(rule -> assertThat(rule).containsEntry("source_labels", List.of("__meta_dockerswarm_network_name"))
                .containsEntry("regex", "shop-monitoring").containsEntry("action", "keep"));
        assertThat(relabel).anySatisfy(rule -> assertThat(rule).containsEntry("target_label", "__address__")
                .containsEntry("replacement", "$1:8080"));
        // A static target stays static.
        assertThat(job(new Rendered(swarm("dockerswarm", "ingress", false)).yamlMap("prometheus/prometheus.yml"), "api"))
                .containsKey("static_configs");
    }

    @Test
    void remoteWriteReadsEveryCredentialFromAFileMountedAsASecret() throws IOException {
        StackSpec spec = SpecReader.parse(REMOTE, "monstack.yml");
        Rendered r = new Rendered(spec);
        Map<String, Object> config = r.yamlMap("prometheus/prometheus.yml");
        assertThat(map(config.get("global")).get("external_labels")).isEqualTo(Map.of("cluster", "test", "host", "web-1"));
        List<Map<String, Object>> writes = list(config.get("remote_write"));
        assertThat(writes).hasSize(3);
        assertThat(writes.get(0)).containsEntry("url", "https://central.example.com/api/v1/write").containsEntry("name", "central")
                .containsEntry("basic_auth", Map.of("username", "shop", "password_file", "/run/secrets/remote-write-central-password"));
        assertThat(writes.get(1)).containsEntry("authorization",
                Map.of("type", "Bearer", "credentials_file", "/run/secrets/remote-write-2-token"));
        assertThat(writes.get(2)).containsOnlyKeys("url");

        Map<String, Object> compose = r.yamlMap("compose.yaml");
        Schemas.assertValid("compose-spec.json", Rendered.JSON.valueToTree(compose), "compose.yaml");
        assertThat(map(map(compose.get("services")).get("prometheus")).get("secrets"))
                .isEqualTo(List.of("remote-write-central-password", "remote-write-2-token"));
        assertThat(map(compose.get("secrets"))).isEqualTo(Map.of(
                "remote-write-central-password", Map.of("file", "secrets/rw-password"),
                "remote-write-2-token", Map.of("file", "/etc/monstack/rw-token")));
        assertThat(r.text(".gitignore")).contains("secrets/");
        assertThat(r.yamlMap("grafana/provisioning/datasources/prometheus.yml").toString())
                .contains("url=https://central.example.com/prometheus");
        assertThat(r.text("README.md")).contains("## Central store", "`cluster=test`", "`/run/secrets/remote-write-central-password`");

        // promtool with the credential files present where prometheus.yml names them (as in the container).
        Path dir = r.writeTo(tmp.resolve("stack"));
        Path secrets = Files.createDirectories(tmp.resolve("run-secrets"));
        Files.writeString(secrets.resolve("remote-write-central-password"), "not-in-any-file", StandardCharsets.UTF_8);
        Files.writeString(secrets.resolve("remote-write-2-token"), "token-not-in-any-file", StandardCharsets.UTF_8);
        Path local = dir.resolve("prometheus/prometheus-local.yml");
        Files.writeString(local, r.text("prometheus/prometheus.yml").replace("/run/secrets/", secrets + "/"), StandardCharsets.UTF_8);
        PromTools.assertConfigValid(PrometheusMajors.of(spec), local);
        Schemas.assertValid("prometheus-config.json", Rendered.JSON.valueToTree(config), "prometheus.yml");
        Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(dir.resolve("secrets/rw-password"), "not-in-any-file");
        Files.writeString(dir.resolve(".env"), "GRAFANA_ADMIN_PASSWORD=x\n");
        Tools.Result check = Compose.v2().config(dir, "compose.yaml", Map.of());
        assertThat(check.exitCode()).as("docker compose config -q:%n%s", check.output()).isZero();
        r.files().forEach((path, text) -> assertThat(text).as(path).doesNotContain("not-in-any-file"));
    }

    @Test
    void theSpecRoundTripsAndAComposeSpecWritesNoneOfTheNewKeys() {
        for (StackSpec spec : List.of(swarm("dockerswarm", "host", true), SpecReader.parse(REMOTE, "monstack.yml"))) {
            assertThat(SpecReader.parse(SpecWriter.write(spec), "monstack.yml")).isEqualTo(spec);
        }
        String plain = SpecWriter.write(StackSpec.empty("plain"));
        assertThat(plain).doesNotContain("platform", "swarm", "remoteWrite", "externalLabels", "datasourceUrl");
        assertThat(SpecWriter.write(swarm("dns", "ingress", true))).contains("platform: swarm").doesNotContain("swarm:\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "platform: kubernetes|platform: \"kubernetes\" must be one of compose, swarm",
        "platform: swarm|images.registry: is required on swarm",
        "platform: swarm\nimages: {registry: r.example.com}\nswarm: {discovery: consul}|swarm.discovery: \"consul\" must be dns",
        "platform: swarm\nimages: {registry: r.example.com}\nswarm: {publishMode: mesh}|swarm.publishMode: \"mesh\" must be ingress",
        "platform: swarm\nimages: {registry: r.example.com}\nswarm: {scrapeLabel: \"a b\"}|swarm.scrapeLabel:",
        "swarm: {resources: {prometheus: {memory: lots}}}|swarm.resources.prometheus.memory: \"lots\" must be a size",
        "platform: swarm\nimages: {registry: r.example.com}\ndockerEngine: {metricsAddr: \"172.17.0.1:9323\"}|metrics-addr must listen there",
        "remoteWrite: [{url: \"https://u:secret@c.example.com/write\"}]|must not carry credentials",
        "remoteWrite: [{url: \"ftp://c.example.com\"}]|must be an http:// or https:// URL",
        "remoteWrite: [{url: \"https://c.example.com\", basicAuth: {username: u}}]|basicAuth.passwordFile: is required",
        "remoteWrite: [{url: \"https://c.example.com\", basicAuth: {username: u, passwordFile: prometheus/pw}}]|inside the prometheus folder",
        "remoteWrite: [{url: \"https://c.example.com\", basicAuth: {username: u, passwordFile: /pw}, bearerTokenFile: /t}]|not both",
        "remoteWrite: [{url: \"https://c.example.com\"}, {url: \"https://c.example.com\"}]|is listed twice",
        "externalLabels: {__x: a}|must match [a-zA-Z_][a-zA-Z0-9_]* and not start with __",
        "externalLabels: {host: \"${HOSTNAME}\"}|must not contain '$'",
        "grafana: {datasourceUrl: \"central:9090\"}|grafana.datasourceUrl:",
    })
    void wrongSettingsAreRefusedWithTheReason(String row) {
        String[] parts = row.split("\\|", 2);
        String yaml = "name: shop\n" + parts[0] + "\ntargets: [{name: web, static: [\"web:80\"]}]\n";
        try {
            SpecReader.parse(yaml, "monstack.yml");
            throw new AssertionError("accepted:\n" + yaml);
        } catch (SpecException e) {
            assertThat(e.getMessage()).contains(parts[1]);
        }
    }

    @Test
    void dockerswarmDiscoveryNeedsAPortPerTarget() {
        StackSpec spec = SpecReader.parse("name: shop\nplatform: swarm\nimages: {registry: r.example.com}\n"
                + "swarm: {discovery: dockerswarm}\ntargets: [{name: web, static: [\"web:80\"]}]\n", "monstack.yml");
        StackSpec srv = spec.withTarget(new io.monstack.spec.TargetDraft("db").runtime("other")
                .dns(List.of("_metrics._tcp.db"), "SRV", null, null).toTarget());
        assertThat(SpecValidator.validate(srv)).extracting(Problem::toString).anyMatch(p -> p.contains("give type A and the port"));
    }

    @Test
    void initWritesASwarmStackAndSaysWhatTheSocketGrants() throws IOException {
        Path dir = tmp.resolve("shop");
        Cli.Run bare = Cli.run("init", dir.toString(), "--no-input", "--platform", "swarm", "--target", "name=web,dns=tasks.web,dns-port=80");
        assertThat(bare.exitCode()).isEqualTo(1);
        assertThat(bare.err()).contains("images.registry", "is required on swarm");
        assertThat(dir.resolve("monstack.yml")).doesNotExist();

        Cli.Run init = Cli.run("init", dir.toString(), "--no-input", "--platform", "swarm", "--registry", "127.0.0.1:5000",
                "--publish-mode", "host", "--external-label", "cluster=test", "--remote-write", "http://central:9090/api/v1/write",
                "--target", "name=web,dns=tasks.web,dns-port=80", "--target", "name=api,dns=api,dns-port=8080");
        assertThat(init.exitCode()).as(init.err()).isZero();
        assertThat(dir.resolve("stack.yaml")).isRegularFile();
        assertThat(dir.resolve("compose.yaml")).doesNotExist();
        assertThat(init.out()).contains("docker stack deploy -c stack.yaml shop");
        assertThat(init.err()).contains("note: Prometheus mounts /var/run/docker.sock and runs as root",
                "root-equivalent control of the Docker engine", "publishMode host",
                "target \"api\": on swarm, api resolves to the service's virtual IP");
        StackSpec spec = SpecReader.read(dir.resolve("monstack.yml"));
        assertThat(spec.deploy().isSwarm()).isTrue();
        assertThat(spec.deploy().publishMode()).isEqualTo(io.monstack.spec.PublishMode.HOST);
        assertThat(spec.images().registry()).isEqualTo("127.0.0.1:5000");
        assertThat(spec.remote().externalLabels()).containsEntry("cluster", "test");

        Cli.Run generate = Cli.run("generate", dir.toString());
        assertThat(generate.exitCode()).as(generate.err()).isZero();
        assertThat(generate.err()).contains("note: Prometheus mounts /var/run/docker.sock");

        // build-images says what a swarm stack needs: the push, to the registry stack.yaml names.
        Cli.Run noPush = Cli.run("build-images", dir.toString(), "--dry-run");
        assertThat(noPush.exitCode()).as(noPush.err()).isZero();
        assertThat(noPush.err()).contains("pull the images from 127.0.0.1:5000: add --push");
        Cli.Run elsewhere = Cli.run("build-images", dir.toString(), "--registry", "other.example.com", "--push", "--dry-run");
        assertThat(elsewhere.exitCode()).as(elsewhere.err()).isZero();
        assertThat(elsewhere.err()).contains("stack.yaml pulls the images from 127.0.0.1:5000");
        Cli.Run pushed = Cli.run("build-images", dir.toString(), "--push", "--dry-run");
        assertThat(pushed.err()).doesNotContain("stack.yaml pulls", "add --push");
        assertThat(pushed.out()).contains("push 127.0.0.1:5000/shop/prometheus:latest");

        // Back to compose: stack.yaml goes, compose.yaml comes, the socket note goes.
        Files.writeString(dir.resolve("monstack.yml"), Files.readString(dir.resolve("monstack.yml")).replace("platform: swarm\n", ""));
        Cli.Run back = Cli.run("generate", dir.toString());
        assertThat(back.exitCode()).as(back.err()).isZero();
        assertThat(dir.resolve("stack.yaml")).doesNotExist();
        assertThat(dir.resolve("compose.yaml")).isRegularFile();
        assertThat(back.err()).doesNotContain("docker.sock");
    }

    @SuppressWarnings("unchecked")
    static <T> Map<String, T> map(Object o) {
        assertThat(o).isInstanceOf(Map.class);
        return (Map<String, T>) o;
    }

    @SuppressWarnings("unchecked")
    static <T> List<T> list(Object o) {
        assertThat(o).isInstanceOf(List.class);
        return (List<T>) o;
    }

    static Map<String, Object> first(Object o) {
        return map(list(o).get(0));
    }

    static Map<String, Object> job(Map<String, Object> config, String name) {
        List<Map<String, Object>> jobs = list(config.get("scrape_configs"));
        return jobs.stream().filter(j -> name.equals(j.get("job_name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no job " + name + " in " + jobs));
    }
}
