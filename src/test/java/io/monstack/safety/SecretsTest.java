package io.monstack.safety;

import static org.assertj.core.api.Assertions.assertThat;

import io.monstack.support.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The Grafana password lives only in .env; the UIs are local unless asked; exposure is said out loud. */
class SecretsTest {
    @TempDir
    Path tmp;

    private final List<String> printed = new ArrayList<>();

    private Cli.Run run(String... args) {
        Cli.Run r = Cli.run(args);
        printed.add(r.out());
        printed.add(r.err());
        return r;
    }

    private Path init(String name, String... more) {
        Path dir = tmp.resolve(name);
        List<String> args = new ArrayList<>(List.of("init", dir.toString(), "--name", name, "--no-input",
                "--target", "name=web,runtime=go,static=web:8080"));
        args.addAll(List.of(more));
        Cli.Run r = run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isZero();
        return dir;
    }

    private static String password(Path dir) throws IOException {
        return Files.readAllLines(dir.resolve(".env")).stream().filter(l -> l.startsWith("GRAFANA_ADMIN_PASSWORD="))
                .map(l -> l.substring("GRAFANA_ADMIN_PASSWORD=".length())).findFirst()
                .orElseThrow(() -> new AssertionError(".env has no GRAFANA_ADMIN_PASSWORD"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(Path file) throws IOException {
        return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
    }

    @Test
    void initCreatesAPrivateRandomPasswordThatNothingElseContains() throws IOException {
        Path one = init("one");
        Path two = init("two");
        Path env = one.resolve(".env");
        assertThat(Files.getPosixFilePermissions(env)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String pw = password(one);
        assertThat(pw).hasSizeGreaterThanOrEqualTo(24).matches("[A-Za-z0-9_-]+");
        assertThat(password(two)).isNotEqualTo(pw);
        assertThat(Files.readAllLines(one.resolve(".gitignore"))).contains(".env");

        String compose = Files.readString(one.resolve("compose.yaml"));
        assertThat(compose).contains("${GRAFANA_ADMIN_PASSWORD").doesNotContain(pw);

        // Every other file, including monstack's bookkeeping and the image build contexts.
        try (Stream<Path> s = Files.walk(one)) {
            for (Path p : s.filter(Files::isRegularFile).filter(p -> !p.equals(env)).toList()) {
                assertThat(Files.readString(p)).as(p.toString()).doesNotContain(pw);
            }
        }
        for (String context : List.of("prometheus", "grafana")) {
            try (Stream<Path> s = Files.walk(one.resolve(context))) {
                assertThat(s.map(p -> p.getFileName().toString())).as("no secrets in the %s image", context)
                        .noneMatch(n -> n.equals(".env") || n.endsWith(".env"));
            }
        }

        run("generate", one.toString());
        run("generate", one.toString(), "--dry-run");
        run("add-target", "api", "--runtime", "node", "--static", "api:3000", "-C", one.toString());
        run("runtimes");
        assertThat(printed).as("CLI output never shows the password").noneMatch(text -> text.contains(pw));
    }

    @Test
    void reRunsNeverTouchDotEnv() throws IOException {
        Path dir = init("stack");
        Path env = dir.resolve(".env");
        byte[] before = Files.readAllBytes(env);
        var modified = Files.getLastModifiedTime(env);
        assertThat(run("generate", dir.toString()).exitCode()).isZero();
        assertThat(run("generate", dir.toString(), "--force").exitCode()).isZero();
        assertThat(run("add-target", "api", "--runtime", "node", "--static", "api:3000", "-C", dir.toString()).exitCode()).isZero();
        assertThat(run("remove-target", "api", "-C", dir.toString()).exitCode()).isZero();
        assertThat(run("init", dir.toString(), "--name", "stack", "--no-input", "--force").exitCode()).isZero();
        assertThat(Files.readAllBytes(env)).isEqualTo(before);
        assertThat(Files.getLastModifiedTime(env)).isEqualTo(modified);
        assertThat(Files.getPosixFilePermissions(env)).isEqualTo(PosixFilePermissions.fromString("rw-------"));

        // A user's own .env is never replaced either; a missing one is re-created.
        Files.writeString(env, "GRAFANA_ADMIN_PASSWORD=mine-and-long-enough-123456\nOTHER=1\n");
        assertThat(run("generate", dir.toString()).exitCode()).isZero();
        assertThat(Files.readString(env)).contains("mine-and-long-enough").contains("OTHER=1");
        Files.delete(env);
        assertThat(run("generate", dir.toString()).exitCode()).isZero();
        assertThat(password(dir)).hasSizeGreaterThanOrEqualTo(24);
        assertThat(Files.getPosixFilePermissions(env)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeIsLocalByDefaultWithoutAnonymousAccess() throws IOException {
        Path dir = init("stack");
        Map<String, Object> services = (Map<String, Object>) yaml(dir.resolve("compose.yaml")).get("services");
        for (String service : List.of("prometheus", "grafana")) {
            List<Object> ports = (List<Object>) ((Map<String, Object>) services.get(service)).get("ports");
            assertThat(ports).isNotEmpty().allMatch(p -> String.valueOf(p).startsWith("127.0.0.1:"));
        }
        Map<String, Object> env = (Map<String, Object>) ((Map<String, Object>) services.get("grafana")).get("environment");
        assertThat(env.get("GF_AUTH_ANONYMOUS_ENABLED")).isEqualTo("false");
        assertThat(String.valueOf(env.get("GF_SECURITY_ADMIN_PASSWORD"))).startsWith("${GRAFANA_ADMIN_PASSWORD");
        assertThat(Files.readString(dir.resolve("grafana/Dockerfile"))).contains("GF_AUTH_ANONYMOUS_ENABLED=false");
    }

    @Test
    void anEngineExposedOnAllInterfacesIsCalledOutOnStderrAndInTheReadme() throws IOException {
        Path dir = tmp.resolve("open");
        Cli.Run open = run("init", dir.toString(), "--name", "open", "--no-input", "--metrics-addr", "0.0.0.0:9323");
        assertThat(open.exitCode()).as(open.err()).isZero();
        assertThat(open.err()).contains("note:").contains("0.0.0.0:9323").contains("network").contains("9323");
        assertThat(open.out()).doesNotContain("note:");
        String readme = Files.readString(dir.resolve("README.md"));
        assertThat(readme).contains("0.0.0.0:9323").contains("every interface").containsIgnoringCase("firewall")
                .contains("--dport 9323");
        Cli.Run again = run("generate", dir.toString());
        assertThat(again.err()).contains("0.0.0.0:9323");

        Path closed = tmp.resolve("closed");
        Cli.Run bridge = run("init", closed.toString(), "--name", "closed", "--no-input", "--metrics-addr", "172.17.0.1:9323");
        assertThat(bridge.exitCode()).as(bridge.err()).isZero();
        assertThat(bridge.err()).doesNotContain("note:");
        assertThat(Files.readString(closed.resolve("README.md"))).doesNotContain("--dport");

        Path published = tmp.resolve("published");
        Cli.Run pub = run("init", published.toString(), "--name", "published", "--no-input", "--no-docker-engine",
                "--publish-address", "0.0.0.0");
        assertThat(pub.exitCode()).as(pub.err()).isZero();
        assertThat(pub.err()).contains("note:").contains("0.0.0.0");
    }
}
