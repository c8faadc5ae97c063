package io.monstack.compose;

import static org.assertj.core.api.Assertions.assertThat;

import io.monstack.spec.AppNetwork;
import io.monstack.spec.CustomMetric;
import io.monstack.spec.MetricType;
import io.monstack.spec.SpecReader;
import io.monstack.spec.StackSpec;
import io.monstack.spec.Target;
import io.monstack.support.Cli;
import io.monstack.support.Compose;
import io.monstack.support.Rendered;
import io.monstack.support.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * `monstack init --compose` on every fixture shape, through the real command line: the targets and
 * networks monstack.yml says (read back), what was left out and why, and the generated compose.yaml,
 * which puts Prometheus on those networks by their real names and passes `docker compose config`.
 */
class ComposeImportTest {
    @TempDir
    Path tmp;

    /** A compose file of an app in its own folder (the folder names the project). */
    static Path composeFile(Path folder, String text) throws IOException {
        Files.createDirectories(folder);
        return Files.writeString(folder.resolve("compose.yaml"), text);
    }

    /** A target in one line: how it is reached, its runtime and path. */
    static String shape(Target t) {
        String how = t.usesDns() ? "dns " + String.join(",", t.dns().names()) + ":" + t.dns().port()
                : "static " + String.join(",", t.staticTargets());
        return how + " " + t.runtime() + " " + t.metricsPath();
    }

    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of("short-ports", List.of("compose.yaml"), List.of(),
                        Map.of("web", "dns web:8080 go /metrics", "dns", "dns dns:8053 other /metrics",
                                "range", "dns range:3000 node /metrics", "ipv6", "dns ipv6:8000 python /metrics",
                                "ranged", "dns ranged:9200 other /metrics"),
                        Map.of(), List.of("short-ports_default")),
                Arguments.of("long-ports", List.of("compose.yaml"), List.of(),
                        Map.of("api", "dns api:8080 spring-boot /actuator/prometheus", "admin", "static admin:9464 other /metrics"),
                        Map.of(), List.of("long-ports_default")),
                Arguments.of("expose-only", List.of("compose.yaml"), List.of(),
                        Map.of("worker", "dns worker:9464 python /metrics", "batch", "static batch:8000 dotnet /metrics",
                                "stats", "dns stats:9102 other /metrics"),
                        Map.of("syslog", "nothing tells which port serves its metrics"), List.of("expose-only_default")),
                Arguments.of("replicas", List.of("compose.yaml"), List.of(),
                        Map.of("orders", "dns orders:8080 spring-boot /actuator/prometheus", "scaled", "dns scaled:2112 go /metrics",
                                "single", "static single:2112 go /metrics", "agent", "dns agent:9100 node-exporter /metrics"),
                        Map.of("paused", "deploy.replicas is 0"), List.of("replicas_default")),
                Arguments.of("external-old", List.of("compose.yaml"), List.of(),
                        Map.of("web", "static web:8080 go /metrics", "api", "dns api:8080 spring-boot /actuator/prometheus"),
                        Map.of(), List.of("corp-shared")),
                Arguments.of("external-new", List.of("compose.yaml"), List.of(),
                        Map.of("web", "dns web:8080 go /metrics", "api", "dns api:8080 spring-boot /actuator/prometheus",
                                "jobs", "dns jobs:9000 python /metrics"),
                        Map.of(), List.of("edge", "modern-internal")),
                Arguments.of("labels", List.of("compose.yaml"), List.of(),
                        Map.of("api", "dns api:9464 other /internal/metrics",
                                "orders-api", "dns orders:8080 spring-boot /actuator/prometheus",
                                "swarmy", "dns swarmy:2113 go /debug/metrics"),
                        Map.of("cache", "labelled prometheus.io/scrape: false"), List.of("labels_default")),
                Arguments.of("profiles", List.of("compose.yaml"), List.of(),
                        Map.of("web", "dns web:8080 go /metrics", "tools", "dns tools:9000 python /metrics"),
                        Map.of("debug", "only in profile debug, which is not active", "seeder", "only in profile seed"),
                        List.of("profiles_default")),
                Arguments.of("profiles", List.of("compose.yaml"), List.of("--compose-profile", "debug"),
                        Map.of("web", "dns web:8080 go /metrics", "tools", "dns tools:9000 python /metrics",
                                "debug", "dns debug:6060 go /metrics"),
                        Map.of("seeder", "only in profile seed"), List.of("profiles_default")),
                Arguments.of("interpolation", List.of("compose.yaml"), List.of(),
                        Map.of("web", "static web:8080 go /metrics", "api", "dns api:9000 spring-boot /actuator/prometheus"),
                        Map.of(), List.of("interp_default")),
                Arguments.of("override", List.of("compose.yaml", "compose.override.yaml"), List.of(),
                        Map.of("web", "dns web:8081 go /metrics", "api", "dns api:9000 spring-boot /actuator/prometheus",
                                "old", "dns old:7001 go /metrics"),
                        Map.of(), List.of("override_default", "shop-front")));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("shapes")
    void everyServiceBecomesATargetOrIsLeftOutWithTheReason(String fixture, List<String> files, List<String> flags,
            Map<String, String> targets, Map<String, String> leftOut, List<String> networks) throws IOException {
        Path dir = tmp.resolve("stack");
        List<String> args = new ArrayList<>(List.of("init", dir.toString(), "--name", "mon", "--no-input"));
        for (String f : files) {
            args.addAll(List.of("--compose", ComposeShapesTest.FIXTURES.resolve(fixture).resolve(f).toString()));
        }
        args.addAll(flags);
        Cli.Run run = Cli.run(args.toArray(String[]::new));
        assertThat(run.exitCode()).as("init:%n%s%s", run.out(), run.err()).isZero();

        StackSpec spec = SpecReader.read(dir.resolve("monstack.yml"));
        Map<String, String> got = new LinkedHashMap<>();
        spec.targets().forEach(t -> got.put(t.name(), shape(t)));
        assertThat(got).as("targets of monstack.yml").isEqualTo(targets);
        for (Map.Entry<String, String> e : leftOut.entrySet()) {
            assertThat(run.out()).as("the run says it left %s out and why", e.getKey())
                    .containsPattern("left out " + e.getKey() + " +" + java.util.regex.Pattern.quote(e.getValue()));
        }
        assertThat(run.out().lines().filter(l -> l.startsWith("  left out")).count()).as("left out:%n%s", run.out())
                .isEqualTo(leftOut.size());
        assertThat(spec.networks()).extracting(AppNetwork::name).containsExactlyElementsOf(networks);
        checkGeneratedCompose(dir, "mon", networks);
    }

    /** Prometheus is on its own network and the app's, each declared external by its real name; Compose v2 accepts the file. */
    @SuppressWarnings("unchecked")
    static void checkGeneratedCompose(Path dir, String stack, List<String> networks) throws IOException {
        Map<String, Object> compose = (Map<String, Object>) Rendered.yaml(Files.readString(dir.resolve("compose.yaml")));
        Map<String, Object> prometheus = (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get("prometheus");
        Map<String, Object> declared = (Map<String, Object>) compose.get("networks");
        List<String> joined = (List<String>) prometheus.get("networks");
        assertThat(joined).first().isEqualTo("default");
        List<String> realNames = new ArrayList<>();
        for (String key : joined.subList(1, joined.size())) {
            Map<String, Object> n = (Map<String, Object>) declared.get(key);
            assertThat(n).as("network %s", key).containsEntry("external", true);
            realNames.add((String) n.get("name"));
        }
        assertThat(realNames).containsExactlyElementsOf(networks);
        assertThat(((Map<String, Object>) declared.get("default")).get("name")).isEqualTo(stack + "-monitoring");
        Tools.Result config = Compose.v2().config(dir, "compose.yaml", Map.of());
        assertThat(config.exitCode()).as("docker compose config -q:%n%s", config.output()).isZero();
    }

    @Test
    void labelsGiveEveryAddTargetSetting() throws IOException {
        Path dir = tmp.resolve("stack");
        Cli.Run run = Cli.run("init", dir.toString(), "--no-input", "--compose",
                ComposeShapesTest.FIXTURES.resolve("labels/compose.yaml").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        Target orders = SpecReader.read(dir.resolve("monstack.yml")).target("orders-api").orElseThrow();
        assertThat(orders.scrapeInterval()).isEqualTo("5s");
        // a label's value may hold '+': only "+NAME=" starts the next label
        assertThat(orders.labels()).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of("build", "1.0+abc", "team", "orders")));
        assertThat(orders.metrics()).containsExactly(new CustomMetric("orders_total", MetricType.COUNTER, "Orders placed"),
                new CustomMetric("orders_open", MetricType.GAUGE, ""));
    }

    @Test
    void interpolationFollowsTheEnvironmentOverDotEnv() {
        Path file = ComposeShapesTest.FIXTURES.resolve("interpolation/compose.yaml");
        Map<String, String> env = Map.of("WEB_TARGET", "8181", "API_REPLICAS", "1", "PROJECT", "blue", "REGISTRY", "ghcr.io");
        ComposeImport found = new ComposeImporter(env).importAll(new ComposeRequest(List.of(file), List.of(), false, false, 3, false));
        assertThat(found.project()).isEqualTo("blue");
        Map<String, String> got = new LinkedHashMap<>();
        found.targets().forEach(t -> got.put(t.service(), shape(t.draft().toTarget())));
        // api: 1 replica but no container_name, so still a DNS target; web: ghcr.io/library/golang still matches */golang
        assertThat(got).isEqualTo(Map.of("web", "static web:8181 go /metrics", "api", "dns api:9000 spring-boot /actuator/prometheus"));
        assertThat(got.keySet()).containsExactly("web", "api");
        assertThat(found.networks()).containsExactly(new AppNetwork("blue_default"));
    }

    @Test
    void aValueThatCannotBeResolvedIsLeftOutWithANote() throws IOException {
        Path file = composeFile(tmp.resolve("app"), """
                services:
                  web:
                    image: ${MONSTACK_TEST_UNSET_REGISTRY}/web-spring:1
                    ports:
                      - "${MONSTACK_TEST_UNSET_PORT}:8080"
                    labels:
                      monstack.interval: ${MONSTACK_TEST_UNSET_INTERVAL}
                  api:
                    image: golang:1.22
                    expose: ["${MONSTACK_TEST_UNSET_API_PORT}"]
                """);
        ComposeImport found = new ComposeImporter(Map.of()).importAll(new ComposeRequest(List.of(file),
                List.of(), false, false, 3, false));
        // the published side of a port is not needed; the image and the label are left out, so web is what the file tells without them
        assertThat(found.targets()).extracting(t -> shape(t.draft().toTarget())).containsExactly("dns web:8080 other /metrics");
        assertThat(found.targets().get(0).draft().scrapeInterval()).isNull();
        assertThat(found.leftOut()).extracting(ComposeImport.LeftOut::service).containsExactly("api");
        assertThat(found.notes()).anyMatch(n -> n.matches(".*compose.yaml:3:12: service web image \".*\" left out: "
                        + "MONSTACK_TEST_UNSET_REGISTRY is not set .*"))
                .anyMatch(n -> n.matches(".*compose.yaml:7:26: service web labels monstack.interval .* left out: "
                        + "MONSTACK_TEST_UNSET_INTERVAL is not set .*"))
                .anyMatch(n -> n.contains("compose.yaml:10:14: service api expose") && n.contains("MONSTACK_TEST_UNSET_API_PORT is not set"))
                .noneMatch(n -> n.contains("MONSTACK_TEST_UNSET_PORT"));
    }

    /**
     * ${VAR?message} with VAR unset: Compose refuses the whole file. In a value monstack needs
     * (an image, a label, a port's container side) that is a one-line error at the value naming the
     * variable, and nothing is written.
     */
    @Test
    void aRequiredVariableUnsetInAValueMonstackNeedsIsAnErrorAsInCompose() throws IOException {
        Path file = composeFile(tmp.resolve("app"), """
                services:
                  web:
                    image: golang:1.22
                    expose: ["8080"]
                    labels:
                      monstack.interval: ${MONSTACK_TEST_UNSET_INTERVAL:?give the interval}
                """);
        Path dir = tmp.resolve("stack");
        Cli.Run run = Cli.run("init", dir.toString(), "--no-input", "--compose", file.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("error: " + file + ":6:26: service web labels monstack.interval "
                + "\"${MONSTACK_TEST_UNSET_INTERVAL:?give the interval}\": MONSTACK_TEST_UNSET_INTERVAL is required and must not be "
                + "empty: \"give the interval\"; docker compose refuses the file for it, and monstack needs this value: set "
                + "MONSTACK_TEST_UNSET_INTERVAL to a value that is not empty in the environment or the project's .env");
        assertThat(dir).doesNotExist();
        Tools.Result compose = Compose.v2().config(file.getParent(), "compose.yaml", Map.of());
        assertThat(compose.exitCode()).as("docker compose config refuses it too:%n%s", compose.output()).isNotZero();
        assertThat(compose.output()).contains("required variable MONSTACK_TEST_UNSET_INTERVAL is missing a value: give the interval");
    }

    /**
     * The same in values monstack does not need (environment, the published side of a port, an x-
     * extension): Compose refuses the file, so each is a note at the value naming the variable; the
     * targets are made from the rest. The message of ${VAR?message} is the file's text: escaped.
     */
    @Test
    void aRequiredVariableUnsetWhereMonstackNeedsNothingIsANote() throws IOException {
        Path file = composeFile(tmp.resolve("app"), """
                x-db: &db "${MONSTACK_TEST_UNSET_DB?\\e[2J}"
                services:
                  web:
                    image: golang:1.22
                    ports:
                      - "${MONSTACK_TEST_UNSET_PORT?err}:8080"
                    environment:
                      DB_PASSWORD: ${MONSTACK_TEST_UNSET_PASSWORD?must be set}
                      DB: *db
                """);
        Path dir = tmp.resolve("stack");
        Cli.Run run = Cli.run("init", dir.toString(), "--no-input", "--compose", file.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(SpecReader.read(dir.resolve("monstack.yml")).targets()).extracting(ComposeImportTest::shape)
                .containsExactly("dns web:8080 go /metrics");
        String notRead = "; monstack does not need this value, so it went on without it";
        assertThat(run.err().lines().filter(l -> l.contains("docker compose refuses the file")).toList()).containsExactly(
                "note: " + file + ":1:7: x-db \"${MONSTACK_TEST_UNSET_DB?\\x1b[2J}\": MONSTACK_TEST_UNSET_DB is required: "
                        + "\"\\x1b[2J\"; docker compose refuses the file for it (set MONSTACK_TEST_UNSET_DB in the environment or the "
                        + "project's .env before running the app)" + notRead,
                "note: " + file + ":6:9: services.web.ports[0] \"${MONSTACK_TEST_UNSET_PORT?err}:8080\": MONSTACK_TEST_UNSET_PORT is "
                        + "required: \"err\"; docker compose refuses the file for it (set MONSTACK_TEST_UNSET_PORT in the environment or "
                        + "the project's .env before running the app)" + notRead,
                "note: " + file + ":8:20: services.web.environment.DB_PASSWORD \"${MONSTACK_TEST_UNSET_PASSWORD?must be set}\": "
                        + "MONSTACK_TEST_UNSET_PASSWORD is required: \"must be set\"; docker compose refuses the file for it (set "
                        + "MONSTACK_TEST_UNSET_PASSWORD in the environment or the project's .env before running the app)" + notRead);
        assertThat(run.err()).doesNotContain("\u001b");
        Tools.Result compose = Compose.v2().config(file.getParent(), "compose.yaml", Map.of());
        assertThat(compose.exitCode()).as("docker compose config refuses it:%n%s", compose.output()).isNotZero();
        assertThat(compose.output()).contains("required variable MONSTACK_TEST_UNSET_");
    }

    /**
     * A service of the app that publishes a host port the stack binds too (its own Prometheus, left
     * out, still publishes 9090): a note at the port naming the service, the port and the setting
     * that moves the stack's. Another address than the stack's, udp, and a service that does not run
     * (an inactive profile) are no clash.
     */
    @Test
    void aHostPortTheStackBindsTooIsNoted() throws IOException {
        Path file = composeFile(tmp.resolve("shop"), """
                services:
                  app:
                    image: golang:1.22
                    expose: ["8080"]
                    ports: ["3000:3000"]
                  prometheus:
                    image: prom/prometheus:v3.5.0
                    ports: ["9090:9090"]
                  alertmanager:
                    image: prom/alertmanager:v0.28.1
                    ports: ["127.0.0.2:9093:9093"]
                  agent:
                    image: prom/node-exporter:v1.9.0
                    ports: ["9100:9100/udp", "9323:9323"]
                  tools:
                    image: acme/tools:1
                    ports:
                      - target: 9100
                        published: "9100-9110"
                  debug:
                    image: golang:1.22
                    profiles: [debug]
                    ports: ["9090:9090", "3000:3000"]
                """);
        String tail = ": whichever starts second cannot bind it; ";
        String again = " in monstack.yml and run monstack generate (or publish the app's service on another port)";
        Cli.Run run = Cli.run("init", tmp.resolve("a").toString(), "--no-input", "--alerting", "--host-metrics", "--compose", file.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err().lines().filter(l -> l.contains("whichever starts second")).toList()).containsExactly(
                "note: " + file + ":5:13: service app publishes host port 3000, and the monitoring stack's Grafana publishes "
                        + "127.0.0.1:3000" + tail + "set another grafana.port" + again,
                "note: " + file + ":8:13: service prometheus publishes host port 9090, and the monitoring stack's Prometheus publishes "
                        + "127.0.0.1:9090" + tail + "set another prometheus.port" + again,
                "note: " + file + ":14:30: service agent publishes host port 9323, and the Docker engine's metrics address "
                        + "(docker/daemon.json) is 0.0.0.0:9323" + tail + "give init --metrics-addr HOST:PORT (dockerEngine.metricsAddr "
                        + "in monstack.yml) with a free port (or publish the app's service on another port)",
                "note: " + file + ":19:20: service tools publishes host ports 9100-9110, and the monitoring stack's node-exporter "
                        + "(host network) listens on 0.0.0.0:9100" + tail + "set another hostMetrics.listenAddress" + again);

        // published on every address, the stack's Alertmanager meets the app's on 127.0.0.2
        Cli.Run everywhere = Cli.run("init", tmp.resolve("b").toString(), "--no-input", "--alerting", "--no-docker-engine",
                "--publish-address", "0.0.0.0", "--compose", file.toString());
        assertThat(everywhere.exitCode()).as(everywhere.err()).isZero();
        assertThat(everywhere.err().lines().filter(l -> l.contains("whichever starts second"))).hasSize(3)
                .anyMatch(l -> l.startsWith("note: " + file + ":11:13: service alertmanager publishes host port 9093, and the "
                        + "monitoring stack's Alertmanager publishes 0.0.0.0:9093" + tail + "set another alerting.port" + again))
                .noneMatch(l -> l.contains("9323") || l.contains("node-exporter"));

        // add-target --compose checks against the stack it adds to, the same way
        Path plain = tmp.resolve("c");
        assertThat(Cli.run("init", plain.toString(), "--name", "shop", "--no-input", "--no-docker-engine").exitCode()).isZero();
        Cli.Run add = Cli.run("add-target", "app", "-C", plain.toString(), "--compose", file.toString(), "--runtime", "go",
                "--static", "app:8080");
        assertThat(add.exitCode()).as(add.err()).isZero();
        assertThat(add.err().lines().filter(l -> l.contains("whichever starts second")))
                .anyMatch(l -> l.startsWith("note: " + file + ":8:13: service prometheus publishes host port 9090"));
    }

    /**
     * The comment above each app network in compose.yaml and stack.yaml is true of both kinds: one
     * the app's project creates (modern-internal) and one that is external in the app's file too
     * (edge, corp-shared), which the app's project does not create.
     */
    @Test
    void theCommentOfAnAppNetworkIsTrueWhetherTheAppCreatesItOrNot() throws IOException {
        Path fixture = ComposeShapesTest.FIXTURES.resolve("external-new/compose.yaml");
        Path dir = tmp.resolve("stack");
        assertThat(Cli.run("init", dir.toString(), "--no-input", "--compose", fixture.toString()).exitCode()).isZero();
        Map<String, String> comments = networkComments(Files.readString(dir.resolve("compose.yaml")));
        assertThat(comments).containsOnlyKeys("app_edge", "app_modern-internal").allSatisfy((key, comment) -> assertThat(comment)
                .isEqualTo("Your app's network: this stack joins it and never creates it. The app's compose project creates it, "
                        + "unless it is external there too (made by `docker network create` or another project); either way it "
                        + "exists once the app is up, so start the app first."));

        Path overlay = composeFile(tmp.resolve("shop"), """
                services:
                  web:
                    image: golang:1.22
                    expose: ["8080"]
                    networks: [corp]
                networks:
                  corp:
                    external: true
                    name: corp-backend
                """);
        Path swarm = tmp.resolve("swarm");
        assertThat(Cli.run("init", swarm.toString(), "--no-input", "--platform", "swarm", "--registry", "registry.example.com:5000",
                "--compose", overlay.toString()).exitCode()).isZero();
        assertThat(networkComments(Files.readString(swarm.resolve("stack.yaml")))).containsExactly(Map.entry("app_corp-backend",
                "Your app's overlay network: this stack joins it and never creates it. The app's stack creates it, unless it is "
                        + "external there too (made by `docker network create` or another stack); either way it exists once the app is "
                        + "deployed, so deploy the app first."));
    }

    /** The comment lines right above each app network's key under the top-level networks:, joined. */
    private static Map<String, String> networkComments(String yaml) {
        List<String> lines = yaml.lines().toList();
        Map<String, String> out = new LinkedHashMap<>();
        int top = lines.indexOf("networks:");
        for (int i = top + 1; i < lines.size() && !lines.get(i).matches("\\S.*"); i++) {
            java.util.regex.Matcher key = java.util.regex.Pattern.compile("^  \"?(app_[^\":]+)\"?:$").matcher(lines.get(i));
            if (key.matches()) {
                List<String> comment = new ArrayList<>();
                for (int j = i - 1; j > top && lines.get(j).startsWith("  # "); j--) {
                    comment.add(0, lines.get(j).substring(4));
                }
                out.put(key.group(1), String.join(" ", comment));
            }
        }
        return out;
    }

    @Test
    void monitoringItselfIsLeftOut() throws IOException {
        Path file = composeFile(tmp.resolve("app"), """
                services:
                  app:
                    image: golang:1.22
                    expose: ["8080"]
                  prometheus:
                    image: prom/prometheus:v3.5.0
                  graf:
                    image: docker.io/grafana/grafana-oss:11.0.0
                  alerts:
                    image: quay.io/prometheus/alertmanager:v0.28.1
                  mon:
                    image: shop/prometheus:latest
                """);
        Path dir = tmp.resolve("stack");
        Cli.Run run = Cli.run("init", dir.toString(), "--no-input", "--compose", file.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("left out prometheus +monitoring itself \\(Prometheus: image prom/prometheus:v3.5.0\\)")
                .containsPattern("left out graf +monitoring itself \\(Grafana: image docker.io/grafana/grafana-oss:11.0.0\\)")
                .containsPattern("left out alerts +monitoring itself \\(Alertmanager: image quay.io/prometheus/alertmanager")
                .containsPattern("left out mon +monitoring itself \\(Prometheus: image shop/prometheus:latest\\)");
        assertThat(SpecReader.read(dir.resolve("monstack.yml")).targets()).extracting(Target::name).containsExactly("app");
    }

    @Test
    void onSwarmReplicasAreTasksAndOverlaysAreJoined() throws IOException {
        Path file = composeFile(tmp.resolve("shop"), """
                services:
                  web:
                    image: golang:1.22
                    expose: ["8080"]
                    deploy: {replicas: 3}
                    networks: [mesh]
                networks:
                  mesh:
                    driver: overlay
                """);
        Path dir = tmp.resolve("stack");
        Cli.Run run = Cli.run("init", dir.toString(), "--no-input", "--platform", "swarm", "--registry", "registry.example.com:5000",
                "--compose", file.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        StackSpec spec = SpecReader.read(dir.resolve("monstack.yml"));
        assertThat(spec.targets()).extracting(ComposeImportTest::shape).containsExactly("dns tasks.web:8080 go /metrics");
        assertThat(spec.networks()).containsExactly(new AppNetwork("shop_mesh"));
        @SuppressWarnings("unchecked")
        Map<String, Object> stack = (Map<String, Object>) Rendered.yaml(Files.readString(dir.resolve("stack.yaml")));
        assertThat(stack.toString()).contains("app_shop_mesh={name=shop_mesh, external=true}");        // a swarm stack is named by docker stack deploy's argument, not by the compose name: (what monstack takes)
        assertThat(run.err()).contains("note: swarm: the app is taken to be deployed as `docker stack deploy -c " + file
                + " shop` (networks shop_NAME, tasks of the stack shop): a stack is named by that argument, not by the compose "
                + "file's name:; deployed under another name, run again with COMPOSE_PROJECT_NAME=THAT-NAME");
        assertThat(Files.readString(dir.resolve("README.md")).replaceAll("\\s+", " "))
                .contains("A stack's networks are named after the name given to `docker stack deploy` (`docker stack deploy -c "
                        + "compose.yaml shop` makes `shop_default`), not after the compose file's `name:`.");
        Cli.Run compose = Cli.run("init", tmp.resolve("c").toString(), "--no-input", "--compose", file.toString());
        assertThat(compose.err()).doesNotContain("docker stack deploy");
    }
}
