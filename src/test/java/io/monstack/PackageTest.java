package io.monstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.monstack.cli.MonstackCommand;
import io.monstack.spec.RuntimeCatalog;
import io.monstack.support.Tools;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The packages as a user gets them: scripts/package.sh (the README's command) builds them, the
 * .deb is installed with apt-get on this machine, monstack runs with no JDK reachable (a private
 * mount namespace hides /usr/lib/jvm, PATH and JAVA_HOME hold no other), man pages and completion
 * are where man and the shells look, and apt-get remove leaves nothing behind. The .tar.gz runs
 * from wherever it is unpacked. Needs root, as CI runs it (apt-get, mount namespaces).
 */
@Tag("package")
class PackageTest {
    private static final Path SAMPLE = Path.of("/usr/share/doc/monstack/examples/diamol-ch09/monstack.yml");
    private static final Path SNAPSHOT = Path.of("src/test/resources/snapshots/diamol-ch09");
    private static final String CLEAN_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    @TempDir
    static Path tmp;

    private static Path deb;
    private static Path tarball;
    private static HttpServer metricsPage;

    @BeforeAll
    static void buildThePackages() throws IOException {
        assertThat(Tools.runOk(null, 10, "id", "-u").strip()).as("the package test installs a .deb: run it as root (CI does)").isEqualTo("0");
        assertThat(installed()).as("monstack is already installed here; this test installs and removes its own: apt-get remove monstack").isFalse();
        Path build = tmp.resolve("build");
        long start = System.nanoTime();
        String out = Tools.runOk(Path.of("."), 1200, Map.of("MONSTACK_BUILD_DIR", build.toString()), "bash", "scripts/package.sh");
        System.out.printf("PackageTest: scripts/package.sh took %.0f s%n%s", (System.nanoTime() - start) / 1e9, out);
        try (Stream<Path> files = Files.list(build.resolve("dist"))) {
            List<Path> dist = files.toList();
            deb = dist.stream().filter(p -> p.toString().matches(".*/monstack_\\d+\\.\\d+\\.\\d+_amd64\\.deb")).findFirst().orElseThrow();
            tarball = dist.stream().filter(p -> p.toString().matches(".*/monstack-\\d+\\.\\d+\\.\\d+-linux-x64\\.tar\\.gz")).findFirst().orElseThrow();
        }
        metricsPage = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] page = Files.readAllBytes(Path.of("src/test/resources/discover/node.txt"));
        metricsPage.createContext("/metrics", ex -> {
            ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            ex.sendResponseHeaders(200, page.length);
            try (OutputStream body = ex.getResponseBody()) {
                body.write(page);
            }
        });
        metricsPage.start();
    }

    @AfterAll
    static void leaveTheMachineAsItWas() {
        if (metricsPage != null) {
            metricsPage.stop(0);
        }
        if (installed()) { // a failed check must not leave the package behind
            Tools.run(null, 300, aptEnv(), "apt-get", "remove", "-y", "monstack");
        }
    }

    @Test
    void debInstallsRunsWithoutAJdkAndIsRemovedWithoutATrace() throws IOException {
        Tools.runOk(null, 300, aptEnv(), "apt-get", "install", "-y", deb.toAbsolutePath().toString());
        assertThat(installed()).isTrue();
        List<String> files = Tools.runOk(null, 30, "dpkg", "-L", "monstack").lines().toList();
        String depends = Tools.runOk(null, 30, "dpkg-query", "-W", "-f=${Depends}", "monstack");
        assertThat(depends).as("Depends").doesNotContainPattern("(?i)java|jdk|jre");

        Path work = Files.createDirectories(tmp.resolve("deb-work"));
        String out = withoutJdk(work, "monstack");
        assertThat(out).containsPattern(versionLine("/usr/lib/monstack/runtime"));
        assertThat(SnapshotTest.stackFiles(work.resolve("stack"))).isEqualTo(SnapshotTest.stackFiles(SNAPSHOT));

        for (String page : commandNames()) {
            assertThat(files).as("man page of %s", page).contains("/usr/share/man/man1/" + page + ".1.gz");
            assertThat(Tools.runOk(null, 30, "man", "-w", page).strip()).isEqualTo("/usr/share/man/man1/" + page + ".1.gz");
        }
        String initPage = Tools.runOk(null, 30, Map.of("MANPAGER", "cat", "MANWIDTH", "200"), "man", "monstack-init");
        assertThat(initPage).contains("NAME", "monstack-init - Create a stack", "SYNOPSIS", "EXAMPLES")
                .contains(longOptions("init"));

        assertThat(Tools.runOk(null, 30, "bash", "--norc", "-c",
                "source /usr/share/bash-completion/bash_completion && __load_completion monstack && complete -p monstack"))
                .as("bash-completion loads monstack's completion on demand").contains("-F _monstack_complete");
        Path zcompdump = tmp.resolve("zcompdump");
        assertThat(Tools.runOk(null, 30, Tools.require("zsh", "zsh").toString(), "-fc",
                "autoload -U compinit && compinit -u -d " + zcompdump + " && print -r -- $_comps[monstack]").strip())
                .as("zsh finds _monstack on its default fpath").isEqualTo("_monstack");

        assertLibrariesComeFromDepends(depends);

        Tools.runOk(null, 300, aptEnv(), "apt-get", "remove", "-y", "monstack");
        assertThat(installed()).isFalse();
        for (String f : files) {
            Path p = Path.of(f);
            if (!Files.isDirectory(p)) {
                assertThat(p).as("left after apt-get remove").doesNotExist();
            }
        }
        assertThat(Path.of("/usr/lib/monstack")).doesNotExist();
        assertThat(Path.of("/var/lib/dpkg/info/monstack.list")).doesNotExist();
    }

    @Test
    void tarballRunsWithoutAJdkFromWhereverItIsUnpacked() throws IOException {
        Path opt = Files.createDirectories(tmp.resolve("unpacked"));
        Tools.runOk(opt, 120, "tar", "-xzf", tarball.toAbsolutePath().toString());
        String version = tarball.getFileName().toString().replaceAll("monstack-(.*)-linux-x64\\.tar\\.gz", "$1");
        Path home = opt.resolve("monstack-" + version);
        List<String> listing = Tools.runOk(null, 60, "tar", "-tzf", tarball.toAbsolutePath().toString()).lines().toList();
        assertThat(listing).as("nothing from the training runs ships").noneMatch(f -> f.endsWith(".env") || f.contains("/training/"));
        for (String page : commandNames()) {
            assertThat(home.resolve("share/man/man1/" + page + ".1.gz")).isRegularFile();
        }
        assertThat(home.resolve("share/bash-completion/completions/monstack")).isRegularFile();
        assertThat(home.resolve("share/zsh/site-functions/_monstack")).isRegularFile();

        // moved after unpacking, and started through a symlink elsewhere: the launcher finds its runtime
        Path moved = opt.resolve("elsewhere");
        Files.move(home, moved);
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("monstack"), moved.resolve("bin/monstack"));
        Path work = Files.createDirectories(tmp.resolve("tar-work"));
        String sample = moved.resolve("share/doc/monstack/examples/diamol-ch09/monstack.yml").toString();
        String out = withoutJdk(work, bin.resolve("monstack").toString(), sample);
        assertThat(out).containsPattern(versionLine(moved.resolve("lib/monstack/runtime").toString()));
        assertThat(SnapshotTest.stackFiles(work.resolve("stack"))).isEqualTo(SnapshotTest.stackFiles(SNAPSHOT));
    }

    private String withoutJdk(Path work, String monstack) throws IOException {
        return withoutJdk(work, monstack, SAMPLE.toString());
    }

    /**
     * Runs monstack's commands in a private mount namespace where /usr/lib/jvm (every Debian JDK,
     * and the alternatives behind /usr/bin/java) is an empty tmpfs, with a clean environment:
     * no JAVA_HOME, a PATH of system folders only. The script first proves that no java runs.
     */
    private String withoutJdk(Path work, String monstack, String sample) throws IOException {
        String url = "http://127.0.0.1:" + metricsPage.getAddress().getPort() + "/metrics";
        String script = String.join("\n",
                "set -e",
                "if java -version >/dev/null 2>&1; then echo 'a JDK is still reachable'; exit 90; fi",
                "echo \"JAVA_HOME=${JAVA_HOME:-unset}\"",
                "m=" + quote(monstack),
                "\"$m\" --version",
                // the runtime's class-data sharing archive must be usable (-Xshare:on fails otherwise)
                // and hold monstack's own classes
                "MONSTACK_JAVA_OPTS='-Xshare:on -Xlog:class+load=info' \"$m\" --version | grep 'io.monstack.Main source: shared objects file'",
                "\"$m\" init stack --from " + quote(sample) + " --no-input",
                "\"$m\" discover " + url,
                "\"$m\" build-images stack --dry-run",
                "\"$m\" completion bash | grep -c _monstack_complete",
                "echo all-commands-ran",
                "");
        Path file = work.resolve("run.sh");
        Files.writeString(file, script);
        Tools.Result r = Tools.run(work, 300, "unshare", "--mount", "--propagation", "private", "sh", "-c",
                "{ [ ! -d /usr/lib/jvm ] || mount -t tmpfs none /usr/lib/jvm; } && cd " + quote(work.toString()) + " && exec env -i PATH=" + CLEAN_PATH
                        + " HOME=" + quote(work.toString()) + " sh run.sh");
        assertThat(r.exitCode()).as("without a JDK:\n%s", r.output()).isZero();
        assertThat(r.output()).contains("JAVA_HOME=unset", "all-commands-ran")
                .containsPattern("runtime +node +\\(" + Pattern.quote(RuntimeCatalog.find("node").orElseThrow().label()))
                .contains("docker build");
        return r.output();
    }

    private static Pattern versionLine(String javaHome) {
        return Pattern.compile("monstack \\d+\\.\\d+\\.\\d+ \\(commit ([0-9a-f]{12}(-dirty)?|unknown)\\) on Java 17\\.\\S+, "
                + Pattern.quote(javaHome) + "\\n");
    }

    /** Every system library the runtime links is in a package the .deb depends on. */
    private static void assertLibrariesComeFromDepends(String depends) {
        Set<String> dependsOn = new LinkedHashSet<>();
        for (String d : depends.split(",")) {
            dependsOn.add(d.strip().split("[ (]")[0]);
        }
        String elfs = Tools.runOk(null, 60, "sh", "-c",
                "find /usr/lib/monstack/runtime -type f \\( -name '*.so' -o -perm -u+x \\) -exec ldd {} + 2>/dev/null || true");
        Set<String> libs = new LinkedHashSet<>();
        for (String line : elfs.lines().toList()) {
            String[] cells = line.strip().split("\\s+");
            if (cells.length >= 3 && cells[1].equals("=>") && cells[2].startsWith("/") && !cells[2].contains("/monstack/runtime/")) {
                libs.add(cells[2]);
            }
        }
        assertThat(libs).as("the runtime links system libraries (libc at least)").isNotEmpty();
        for (String lib : libs) {
            Tools.Result owner = Tools.run(null, 30, "sh", "-c", "dpkg -S " + quote(lib) + " 2>/dev/null || dpkg -S " + quote("/usr" + lib));
            assertThat(owner.exitCode()).as("a package holds %s", lib).isZero();
            String pkg = owner.output().split(":")[0].strip();
            assertThat(dependsOn).as("%s (from %s) is in Depends", pkg, lib).contains(pkg);
        }
    }

    private static List<String> commandNames() {
        CommandLine model = MonstackCommand.commandLine();
        List<String> names = new ArrayList<>(List.of("monstack"));
        new LinkedHashSet<>(model.getSubcommands().values()).forEach(c -> names.add("monstack-" + c.getCommandName()));
        return names;
    }

    /** The command's long options as its man page lists them (--[no-]x for a negatable one). */
    private static String[] longOptions(String command) {
        return MonstackCommand.commandLine().getSubcommands().get(command).getCommandSpec().options().stream()
                .filter(o -> o.longestName().startsWith("--"))
                .map(o -> o.negatable() ? "--[no-]" + o.longestName().substring(2) : o.longestName())
                .toArray(String[]::new);
    }

    private static boolean installed() {
        Tools.Result r = Tools.run(null, 30, "dpkg-query", "-W", "-f=${Status}", "monstack");
        return r.exitCode() == 0 && r.output().contains("install ok installed");
    }

    private static Map<String, String> aptEnv() {
        return Map.of("DEBIAN_FRONTEND", "noninteractive");
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
