package io.monstack.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.monstack.generate.GeneratedFile;
import io.monstack.generate.StackGenerator;
import io.monstack.output.StackWriter;
import io.monstack.spec.CustomMetric;
import io.monstack.spec.DockerEngine;
import io.monstack.spec.MetricType;
import io.monstack.spec.SpecReader;
import io.monstack.spec.SpecWriter;
import io.monstack.spec.StackSpec;
import io.monstack.spec.Target;
import io.monstack.spec.TargetDraft;
import io.monstack.stack.RunOptions;
import io.monstack.stack.StackService;
import io.monstack.support.Cli;
import io.monstack.support.Tools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Hand edits are never lost silently, --dry-run changes no byte, and a run that fails (or is
 * killed) at any point leaves every file whole, old or new, and a re-run finishes the job.
 */
class HandEditsTest {
    private static final String SPEC = """
            name: shop
            prometheus:
              scrapeInterval: 10s
            targets:
              - name: web
                runtime: go
                static: [ "web:8080" ]
              - name: api
                runtime: spring-boot
                static: [ "api:8080" ]
                metrics:
                  - { name: orders_total, type: counter, help: "orders placed" }
            """;

    @TempDir
    Path tmp;

    private Path initStack(String name) throws IOException {
        Path from = tmp.resolve(name + ".yml");
        Files.writeString(from, SPEC);
        Path dir = tmp.resolve(name);
        Cli.Run init = Cli.run("init", dir.toString(), "--from", from.toString());
        assertThat(init.exitCode()).as(init.err()).isZero();
        return dir;
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, Files.readString(file) + text);
    }

    @Test
    void anEditedFileIsAConflictNamedWithTheFlagAndNothingIsWritten() throws IOException {
        Path dir = initStack("stack");
        Path prom = dir.resolve("prometheus/prometheus.yml");
        append(prom, "# my own note\n");
        String edited = Files.readString(prom);
        Map<String, String> before = StackDirs.snapshot(dir);

        Cli.Run run = Cli.run("generate", dir.toString());
        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).contains("prometheus/prometheus.yml").contains("--force");
        assertThat(Files.readString(prom)).isEqualTo(edited);
        assertThat(StackDirs.snapshot(dir)).isEqualTo(before);

        // add-target is refused the same way, and does not even change monstack.yml
        Cli.Run add = Cli.run("add-target", "cart", "--runtime", "node", "--static", "cart:3000", "-C", dir.toString());
        assertThat(add.exitCode()).isEqualTo(4);
        assertThat(StackDirs.snapshot(dir)).isEqualTo(before);
    }

    /** init into a folder holding the user's own files: said as such (not "edited"), and the folder is left as it was. */
    @Test
    void initIntoAFolderOfTheUsersOwnFilesNamesThemAndLeavesNoTrace() throws IOException {
        Path dir = tmp.resolve("own");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("README.md"), "mine\n");
        Files.writeString(dir.resolve("compose.yaml"), "services: {}\n");
        Map<String, String> before = StackDirs.snapshot(dir);

        Cli.Run run = Cli.run("init", dir.toString(), "--name", "shop", "--no-input");
        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).contains("2 file(s) monstack did not write: README.md, compose.yaml")
                .doesNotContain("edited by hand since").contains("--force");
        assertThat(StackDirs.snapshot(dir)).isEqualTo(before);
    }

    /** The app networks Prometheus joins stay when their target goes (monstack.yml does not say which needed them): said. */
    @Test
    void removeTargetNamesTheAppNetworksThatStay() throws IOException {
        Path dir = tmp.resolve("nets");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("monstack.yml"), SPEC + "networks: [shopapp_backend]\n");
        assertThat(Cli.run("generate", dir.toString()).exitCode()).isZero();
        Cli.Run remove = Cli.run("remove-target", "api", "-C", dir.toString());
        assertThat(remove.exitCode()).as(remove.err()).isZero();
        assertThat(remove.err()).contains("note: Prometheus still joins the app network(s) shopapp_backend (networks: in monstack.yml)");
        assertThat(Files.readString(dir.resolve("monstack.yml"))).contains("shopapp_backend");
    }

    @Test
    void uneditedFilesFollowTheSpec() throws IOException {
        Path dir = initStack("stack");
        Path spec = dir.resolve("monstack.yml");
        Files.writeString(spec, Files.readString(spec).replace("scrapeInterval: 10s", "scrapeInterval: 20s"));
        Cli.Run run = Cli.run("generate", dir.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("update     prometheus/prometheus.yml");
        assertThat(Files.readString(dir.resolve("prometheus/prometheus.yml"))).contains("scrape_interval: \"20s\"");
        assertThat(Files.readString(dir.resolve("grafana/provisioning/datasources/prometheus.yml"))).contains("\"20s\"");
    }

    @Test
    void specChangePlusOneEditedFileIsAConflictThenForceWritesEverything() throws IOException {
        Path dir = initStack("stack");
        Path spec = dir.resolve("monstack.yml");
        Files.writeString(spec, Files.readString(spec).replace("scrapeInterval: 10s", "scrapeInterval: 20s"));
        Path dashboard = dir.resolve("grafana/dashboards/service-web.json");
        String generated = Files.readString(dashboard);
        Files.writeString(dashboard, generated.replaceFirst("\\{", "{ \"x-edited\": true,"));
        Map<String, String> before = StackDirs.snapshot(dir);

        Cli.Run conflict = Cli.run("generate", dir.toString());
        assertThat(conflict.exitCode()).isEqualTo(4);
        assertThat(conflict.err()).contains("grafana/dashboards/service-web.json").contains("--force")
                .doesNotContain("prometheus/prometheus.yml");
        assertThat(StackDirs.snapshot(dir)).as("nothing written, not even the unedited files").isEqualTo(before);

        Cli.Run forced = Cli.run("generate", dir.toString(), "--force");
        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(Files.readString(dashboard)).isEqualTo(generated);
        assertThat(Files.readString(dir.resolve("prometheus/prometheus.yml"))).contains("scrape_interval: \"20s\"");
        Cli.Run again = Cli.run("generate", dir.toString());
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("0 created, 0 updated");
    }

    @Test
    void dryRunPrintsThePlanAndChangesNoByte() throws IOException {
        Path dir = initStack("stack");
        Path spec = dir.resolve("monstack.yml");
        Files.writeString(spec, Files.readString(spec).replace("scrapeInterval: 10s", "scrapeInterval: 20s"));
        append(dir.resolve("README.md"), "my notes\n");
        Map<String, String> before = StackDirs.snapshot(dir);

        Cli.Run gen = Cli.run("generate", dir.toString(), "--dry-run");
        assertThat(gen.exitCode()).isZero();
        assertThat(gen.out()).contains("dry run").contains("update     prometheus/prometheus.yml").contains("conflict").contains("1 conflict(s): the run stops on them unless --force");
        Cli.Run add = Cli.run("add-target", "cart", "--runtime", "node", "--static", "cart:3000", "-C", dir.toString(), "--dry-run");
        assertThat(add.exitCode()).isZero();
        assertThat(add.out()).contains("create     grafana/dashboards/service-cart.json");
        Cli.Run remove = Cli.run("remove-target", "web", "-C", dir.toString(), "--dry-run");
        assertThat(remove.exitCode()).isZero();
        assertThat(remove.out()).contains("delete     grafana/dashboards/service-web.json");
        Cli.Run init = Cli.run("init", tmp.resolve("other").toString(), "--from", spec.toString(), "--dry-run");
        assertThat(init.exitCode()).isZero();
        assertThat(tmp.resolve("other")).doesNotExist();
        assertThat(StackDirs.snapshot(dir)).isEqualTo(before);
    }

    @Test
    void removingATargetDeletesItsUneditedDashboardButKeepsAnEditedOne() throws IOException {
        Path dir = initStack("stack");
        Path web = dir.resolve("grafana/dashboards/service-web.json");
        Path api = dir.resolve("grafana/dashboards/service-api.json");
        Cli.Run removeWeb = Cli.run("remove-target", "web", "-C", dir.toString());
        assertThat(removeWeb.exitCode()).as(removeWeb.err()).isZero();
        assertThat(web).doesNotExist();

        Files.writeString(api, Files.readString(api).replaceFirst("\\{", "{ \"x-edited\": true,"));
        String edited = Files.readString(api);
        Cli.Run removeApi = Cli.run("remove-target", "api", "-C", dir.toString());
        assertThat(removeApi.exitCode()).as(removeApi.err()).isZero();
        assertThat(removeApi.out()).contains("keep").contains("service-api.json");
        assertThat(Files.readString(api)).isEqualTo(edited);
        assertThat(SpecReader.read(dir.resolve("monstack.yml")).targets()).isEmpty();
        Cli.Run again = Cli.run("generate", dir.toString());
        assertThat(again.exitCode()).as("the kept file is the user's now, not a conflict").isZero();
        assertThat(Files.readString(api)).isEqualTo(edited);
    }

    // --- atomicity ------------------------------------------------------------------------

    private static final class Injected extends IOException {
        Injected(String path) {
            super("injected failure before writing " + path);
        }
    }

    /** Throws at the k-th write (1-based); counts every write. */
    private static final class FailAt implements StackWriter.WriteHook {
        final int k;
        final AtomicInteger calls = new AtomicInteger();

        FailAt(int k) {
            this.k = k;
        }

        @Override
        public void beforeWrite(String path) throws IOException {
            if (calls.incrementAndGet() == k) {
                throw new Injected(path);
            }
        }
    }

    private static Target target(String name, String runtime) {
        return new TargetDraft(name).runtime(runtime).metricsPath("/metrics").addStatic(name + ":8080").label("team", "t-" + name)
                .addMetric(new CustomMetric(name.replace('-', '_') + "_total", MetricType.COUNTER, "things " + name + " did")).toTarget();
    }

    private static StackSpec baseSpec() {
        return StackSpec.empty("shop").withTarget(target("web", "go")).withTarget(target("api", "spring-boot"))
                .withTarget(target("cart", "node"));
    }

    /** The files a clean render of spec consists of (generated files and monstack.yml). */
    private static Map<String, String> clean(StackSpec spec) {
        Map<String, String> files = new TreeMap<>();
        for (GeneratedFile f : new StackGenerator().generate(spec)) {
            files.put(f.path(), f.content());
        }
        files.put(StackService.SPEC_FILE, SpecWriter.write(spec));
        return files;
    }

    /** The stack's files except monstack's own bookkeeping and the secrets. */
    private static Map<String, String> files(Path dir) {
        Map<String, String> all = StackDirs.contents(dir);
        all.keySet().removeIf(p -> p.startsWith(".monstack/") || p.equals(".env"));
        return all;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(q);
                } else {
                    Files.copy(p, q, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** Every file is whole: its content before the run or the intended new content; none half-written or missing. */
    private static void assertOldOrNew(String what, Map<String, String> old, Map<String, String> intended, Map<String, String> now) {
        Set<String> paths = new HashSet<>(old.keySet());
        paths.addAll(intended.keySet());
        paths.addAll(now.keySet());
        for (String p : paths) {
            String got = now.get(p);
            if (got == null) {
                assertThat(old.containsKey(p) && intended.containsKey(p)).as("%s: %s is missing", what, p).isFalse();
            } else {
                assertThat(got.equals(old.get(p)) || got.equals(intended.get(p)))
                        .as("%s: %s is neither its old nor its new content", what, p).isTrue();
            }
        }
    }

    @Test
    void aFailureAtEveryWriteOfAnAddTargetLeavesOldOrNewFilesAndAReRunCompletes() throws IOException {
        Path base = tmp.resolve("base");
        new StackService(msg -> { }).init(base, baseSpec(), RunOptions.DEFAULT);
        Target extra = target("extra", "python");
        StackSpec next = baseSpec().withTarget(extra);
        Map<String, String> old = files(base);
        Map<String, String> intended = clean(next);

        FailAt counter = new FailAt(-1);
        Path probe = tmp.resolve("probe");
        copy(base, probe);
        new StackService(msg -> { }, counter).addTarget(probe, extra, false, RunOptions.DEFAULT);
        assertThat(files(probe)).isEqualTo(intended);
        int writes = counter.calls.get();
        assertThat(writes).as("the change rewrites several files").isGreaterThanOrEqualTo(3);

        for (int k = 1; k <= writes; k++) {
            Path dir = tmp.resolve("k" + k);
            copy(base, dir);
            FailAt hook = new FailAt(k);
            assertThatThrownBy(() -> new StackService(msg -> { }, hook).addTarget(dir, extra, false, RunOptions.DEFAULT))
                    .isInstanceOf(UncheckedIOException.class).hasRootCauseInstanceOf(Injected.class);
            assertOldOrNew("failure at write " + k, old, intended, files(dir));
            new StackService(msg -> { }).generate(dir, RunOptions.DEFAULT);
            assertThat(files(dir)).as("re-run after a failure at write %d", k).isEqualTo(intended);
        }
    }

    @Test
    void randomChangesWithRandomFailuresAlwaysConvergeToACleanRender() throws IOException {
        Path dir = tmp.resolve("random");
        StackSpec spec = baseSpec();
        new StackService(msg -> { }).init(dir, spec, RunOptions.DEFAULT);
        Random r = new Random(7);
        int failures = 0;
        for (int round = 0; round < 60; round++) {
            StackSpec current = SpecReader.read(dir.resolve(StackService.SPEC_FILE));
            StackSpec next = switch (r.nextInt(5)) {
                case 0 -> current.withTarget(target("svc" + round, List.of("go", "node", "python", "quarkus").get(r.nextInt(4))));
                case 1 -> current.targets().isEmpty() ? current : current.withoutTarget(
                        current.targets().get(r.nextInt(current.targets().size())).name());
                case 2 -> current.withName(current.name().equals("shop") ? "store" : "shop");
                case 3 -> current.withDockerEngine(current.dockerEngine().enabled() ? DockerEngine.disabled() : DockerEngine.defaults());
                default -> current.withTargets(current.targets().stream()
                        .map(t -> t.withLabels(Map.of("team", "r" + r.nextInt(1000)))).toList());
            };
            Files.writeString(dir.resolve(StackService.SPEC_FILE), SpecWriter.write(next));
            Map<String, String> before = files(dir);
            FailAt hook = new FailAt(1 + r.nextInt(12));
            try {
                new StackService(msg -> { }, hook).generate(dir, RunOptions.DEFAULT);
            } catch (UncheckedIOException e) {
                assertThat(e).hasRootCauseInstanceOf(Injected.class);
                failures++;
            }
            assertOldOrNew("round " + round, before, clean(next), files(dir));
        }
        assertThat(failures).as("enough injected failures").isGreaterThan(20);
        new StackService(msg -> { }).generate(dir, RunOptions.DEFAULT);
        StackSpec last = SpecReader.read(dir.resolve(StackService.SPEC_FILE));
        assertThat(files(dir)).isEqualTo(clean(last));
    }

    // --- a real kill -9 -------------------------------------------------------------------

    private static StackSpec big(String name) {
        List<Target> targets = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            targets.add(target("svc-" + i, List.of("go", "spring-boot", "node", "python").get(i % 4)));
        }
        return StackSpec.empty(name).withTargets(targets);
    }

    @Test
    void killedMidRunLeavesCompleteFilesAndAReRunSucceeds() throws Exception {
        Path dir = tmp.resolve("big");
        StackSpec a = big("alpha");
        StackSpec b = big("beta");
        new StackService(msg -> { }).init(dir, a, RunOptions.DEFAULT);
        Map<String, String> renderA = clean(a);
        Map<String, String> renderB = clean(b);
        Random r = new Random(99);
        int killedMidway = 0;
        for (int round = 0; round < 10; round++) {
            StackSpec next = round % 2 == 0 ? b : a;
            Map<String, String> before = files(dir);
            Map<String, String> intended = next == a ? renderA : renderB;
            Files.writeString(dir.resolve(StackService.SPEC_FILE), SpecWriter.write(next));
            Process p = new ProcessBuilder(Tools.javaCommand("generate", dir.toString()))
                    .redirectErrorStream(true).redirectOutput(tmp.resolve("child-" + round + ".log").toFile()).start();
            Thread.sleep(300 + r.nextInt(2200));
            boolean finished = !p.isAlive();
            p.destroyForcibly();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            Map<String, String> now = files(dir);
            long done = intended.entrySet().stream().filter(e -> e.getValue().equals(now.get(e.getKey()))).count();
            if (!finished && done > 1 && done < intended.size()) {
                killedMidway++;
            }
            assertOldOrNew("kill round " + round, before, intended, withoutTemps(now));
            for (Map.Entry<String, String> e : withoutTemps(now).entrySet()) {
                assertParses(e.getKey(), e.getValue());
            }
            new StackService(msg -> { }).generate(dir, RunOptions.DEFAULT);
            Map<String, String> after = files(dir);
            assertThat(differences(intended, withoutTemps(after))).as("re-run after kill round %d", round).isEmpty();

        }
        assertThat(killedMidway).as("some kills landed in the middle of writing").isGreaterThan(0);
        // Temp files a kill leaves behind (timing-dependent here) are covered by staleTempFilesAreCleanedUp.
    }

    @Test
    void staleTempFilesOfAKilledRunAreCleanedUpByTheNextRun() throws IOException {
        // What AtomicFiles leaves when the process dies between creating its temp file and the rename.
        Path dir = initStack("stack");
        Path stale = dir.resolve("grafana/dashboards/.service-web.json.monstack-8123456789012345.tmp");
        Files.writeString(stale, "{ \"half\": ");
        Path stale2 = dir.resolve("prometheus/.prometheus.yml.monstack-42.tmp");
        Files.writeString(stale2, "global:\n  scrape_");
        Cli.Run run = Cli.run("generate", dir.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(temps(dir)).as("half-written temp files would be baked into the images (COPY dashboards/) and "
                + "committed to git").isEmpty();
    }

    private static List<String> differences(Map<String, String> expected, Map<String, String> actual) {
        Set<String> paths = new HashSet<>(expected.keySet());
        paths.addAll(actual.keySet());
        return paths.stream().filter(p -> !java.util.Objects.equals(expected.get(p), actual.get(p))).sorted().toList();
    }

    private static Map<String, String> withoutTemps(Map<String, String> files) {
        Map<String, String> out = new TreeMap<>(files);
        out.keySet().removeIf(p -> p.matches("(.*/)?\\..*\\.monstack-.*\\.tmp"));
        return out;
    }

    private static List<String> temps(Path dir) {
        return StackDirs.contents(dir).keySet().stream().filter(p -> p.matches("(.*/)?\\..*\\.monstack-.*\\.tmp")).toList();
    }

    private static void assertParses(String path, String text) {
        try {
            if (path.endsWith(".json")) {
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
            } else if (path.endsWith(".yml") || path.endsWith(".yaml")) {
                new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
            }
        } catch (Exception e) {
            throw new AssertionError(path + " is not complete: " + e.getMessage(), e);
        }
    }
}
