package io.monstack.compose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.monstack.support.Compose;
import io.monstack.support.Rendered;
import io.monstack.support.Tools;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * monstack reads every compose file shape as Docker Compose itself does: for each fixture of
 * src/test/resources/compose, what the importer reads (project name, services, their images,
 * container names, tcp container ports of ports and expose, tcp host ports published (by host
 * address), networks by real name, replicas, labels, profiles) equals what `docker compose config --format json` (Compose v2) says about the
 * same files with the same environment.
 */
class ComposeShapesTest {
    static final Path FIXTURES = Path.of("src/test/resources/compose");

    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of("short-ports", List.of("compose.yaml"), Map.of()),
                Arguments.of("long-ports", List.of("compose.yaml"), Map.of()),
                Arguments.of("expose-only", List.of("compose.yaml"), Map.of()),
                Arguments.of("replicas", List.of("compose.yaml"), Map.of()),
                Arguments.of("external-old", List.of("compose.yaml"), Map.of()),
                Arguments.of("external-new", List.of("compose.yaml"), Map.of()),
                Arguments.of("labels", List.of("compose.yaml"), Map.of()),
                Arguments.of("profiles", List.of("compose.yaml"), Map.of()),
                Arguments.of("profiles", List.of("compose.yaml"), Map.of("COMPOSE_PROFILES", "debug,seed")),
                Arguments.of("interpolation", List.of("compose.yaml"), Map.of()),
                Arguments.of("interpolation", List.of("compose.yaml"), Map.of("PROJECT", "other", "WEB_TARGET", "8181",
                        "API_PORT", "7000", "GO_VERSION", "", "API_NAME", "blue", "REGISTRY", "registry.example.com:5000")),
                Arguments.of("override", List.of("compose.yaml", "compose.override.yaml"), Map.of()),
                Arguments.of("not-joinable", List.of("compose.yaml"), Map.of()));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("shapes")
    void readsTheFilesAsDockerComposeDoes(String shape, List<String> fileNames, Map<String, String> extraEnv) throws Exception {
        Path dir = FIXTURES.resolve(shape).toAbsolutePath();
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(extraEnv);
        List<Path> files = fileNames.stream().map(dir::resolve).toList();
        List<String> notes = new ArrayList<>();
        ComposeImporter.Read ours = new ComposeImporter(env).read(files, notes);
        JsonNode theirs = composeConfig(dir, fileNames, env);

        assertThat(ours.project().name()).as("project name").isEqualTo(theirs.path("name").asText());
        Set<String> active = ComposeImporter.activeProfiles(new ComposeRequest(files, List.of(), false, false, 3, false),
                ours.variables());
        Set<String> running = new TreeSet<>();
        for (ComposeService s : ours.project().services()) {
            if (s.profiles().isEmpty() || s.profiles().stream().anyMatch(active::contains)) {
                running.add(s.name());
            }
        }
        assertThat(running).as("services with an active profile (or none)").isEqualTo(fieldNames(theirs.path("services")));
        for (String name : running) {
            ComposeService s = ours.project().service(name).orElseThrow();
            JsonNode t = theirs.path("services").path(name);
            String what = shape + " service " + name;
            assertThat(s.image()).as(what + " image").isEqualTo(t.hasNonNull("image") ? t.get("image").asText() : null);
            assertThat(s.containerName()).as(what + " container_name")
                    .isEqualTo(t.hasNonNull("container_name") ? t.get("container_name").asText() : null);
            assertThat(ports(s.ports())).as(what + " tcp container ports of ports").isEqualTo(tcpTargets(t.path("ports")));
            assertThat(published(s)).as(what + " tcp host ports of ports, by host address").isEqualTo(theirPublished(t.path("ports")));
            assertThat(ports(s.expose())).as(what + " expose").isEqualTo(exposed(t.path("expose")));
            assertThat(realNames(ours.project(), s)).as(what + " networks by real name")
                    .isEqualTo(theirNetworks(theirs, t));
            JsonNode deploy = t.path("deploy");
            Integer replicas = deploy.hasNonNull("replicas") ? Integer.valueOf(deploy.get("replicas").asInt())
                    : t.hasNonNull("scale") ? Integer.valueOf(t.get("scale").asInt()) : null;
            assertThat((Object) s.replicas()).as(what + " replicas").isEqualTo(replicas);
            assertThat(s.global()).as(what + " global").isEqualTo("global".equals(deploy.path("mode").asText()));
            assertThat(labels(s)).as(what + " labels and deploy.labels").isEqualTo(theirLabels(t));
            assertThat(s.profiles()).as(what + " profiles").containsExactlyElementsOf(strings(t.path("profiles")));
        }
    }

    /** docker compose -f ... config --format json, in the fixture's folder, with env (its warnings, on stderr, come first). */
    static JsonNode composeConfig(Path dir, List<String> fileNames, Map<String, String> env) throws Exception {
        Compose compose = Compose.v2();
        Map<String, String> all = new HashMap<>(env);
        all.putAll(compose.env());
        List<String> args = new ArrayList<>(List.of("--ansi", "never"));
        fileNames.forEach(f -> args.addAll(List.of("-f", f)));
        args.addAll(List.of("config", "--format", "json"));
        Tools.Result r = Tools.run(dir, 60, all, compose.command(args).toArray(String[]::new));
        assertThat(r.exitCode()).as("docker compose config:%n%s", r.output()).isZero();
        return Rendered.JSON.readTree(r.output().substring(r.output().indexOf("\n{") + 1));
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> out = new TreeSet<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static Set<Integer> ports(List<ComposeService.ContainerPort> ports) {
        Set<Integer> out = new TreeSet<>();
        ports.forEach(p -> out.add(p.port()));
        return out;
    }

    private static Set<Integer> tcpTargets(JsonNode ports) {
        Set<Integer> out = new TreeSet<>();
        for (JsonNode p : ports) {
            if (p.path("protocol").asText("tcp").equals("tcp")) {
                out.add(p.path("target").asInt());
            }
        }
        return out;
    }

    private static Set<String> published(ComposeService s) {
        Set<String> out = new TreeSet<>();
        s.published().forEach(p -> {
            for (int port = p.from(); port <= p.to(); port++) {
                out.add(p.hostIp() + " " + port);
            }
        });
        return out;
    }

    /** "HOST_IP PORT" of each tcp entry's published port (a range: each of its ports); none when it has none. */
    private static Set<String> theirPublished(JsonNode ports) {
        Set<String> out = new TreeSet<>();
        for (JsonNode p : ports) {
            String published = p.path("published").asText("");
            if (!p.path("protocol").asText("tcp").equals("tcp") || published.isEmpty()) {
                continue;
            }
            String[] range = published.split("-");
            int from = Integer.parseInt(range[0]);
            int to = range.length == 2 ? Integer.parseInt(range[1]) : from;
            for (int port = from; port <= to; port++) {
                out.add(p.path("host_ip").asText("") + " " + port);
            }
        }
        return out;
    }

    /** The tcp ones (no protocol is tcp): Compose keeps "8125/udp" as written. */
    private static Set<Integer> exposed(JsonNode expose) {
        Set<Integer> out = new TreeSet<>();
        for (JsonNode e : expose) {
            String[] portAndProtocol = e.asText().split("/", 2);
            if (portAndProtocol.length == 2 && !portAndProtocol[1].equalsIgnoreCase("tcp")) {
                continue;
            }
            String[] range = portAndProtocol[0].split("-");
            int from = Integer.parseInt(range[0]);
            int to = range.length == 2 ? Integer.parseInt(range[1]) : from;
            for (int p = from; p <= to; p++) {
                out.add(p);
            }
        }
        return out;
    }

    private static Set<String> realNames(ComposeProject project, ComposeService s) {
        Set<String> out = new TreeSet<>();
        s.networks().forEach(key -> out.add(project.network(key).realName()));
        return out;
    }

    private static Set<String> theirNetworks(JsonNode config, JsonNode service) {
        Set<String> out = new TreeSet<>();
        service.path("networks").fieldNames().forEachRemaining(key -> out.add(config.path("networks").path(key).path("name").asText()));
        return out;
    }

    private static Map<String, String> labels(ComposeService s) {
        Map<String, String> out = new TreeMap<>();
        s.labels().forEach((k, v) -> out.put(k, v.value()));
        return out;
    }

    /** labels and deploy.labels; config writes a literal $ as $$ again. */
    private static Map<String, String> theirLabels(JsonNode service) {
        Map<String, String> out = new TreeMap<>();
        for (JsonNode labels : List.of(service.path("deploy").path("labels"), service.path("labels"))) {
            labels.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText().replace("$$", "$")));
        }
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
