package io.monstack.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.monstack.cli.MergeDaemonJsonCommand;
import io.monstack.cli.MonstackCommand;
import io.monstack.generate.Json;
import io.monstack.support.Cli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** monstack merge-daemon-json as a user runs it, on files in a temp folder instead of /etc/docker. */
class MergeDaemonJsonCommandTest {
    private static final String EXISTING = """
            {
              "log-driver": "json-file",
              "log-opts": {
                "max-size": "10m",
                "max-file": "3"
              },
              "proxies": {
                "http-proxy": "http://bob:hunter2@proxy.example:3128"
              },
              "features": {
                "buildkit": true
              }
            }
            """;

    @TempDir
    Path tmp;
    Path snippet;
    Path target;

    @BeforeEach
    void files() throws IOException {
        snippet = tmp.resolve("stack/docker/daemon.json");
        Files.createDirectories(snippet.getParent());
        Files.writeString(snippet, "{\n  \"metrics-addr\": \"0.0.0.0:9323\"\n}\n");
        target = tmp.resolve("etc/docker/daemon.json");
        Files.createDirectories(target.getParent());
    }

    /** Through `monstack` once the command is registered there; on its own until then. */
    static Cli.Run run(String... args) {
        if (MonstackCommand.commandLine().getSubcommands().containsKey("merge-daemon-json")) {
            String[] all = new String[args.length + 1];
            all[0] = "merge-daemon-json";
            System.arraycopy(args, 0, all, 1, args.length);
            return Cli.run(all);
        }
        CommandLine cli = new CommandLine(new MergeDaemonJsonCommand());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Cli.Run(code, out.toString(), err.toString());
    }

    private Map<String, byte[]> snapshot() throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(tmp)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                files.put(tmp.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    private List<Path> backups() throws IOException {
        try (Stream<Path> s = Files.list(target.getParent())) {
            return s.filter(p -> p.getFileName().toString().startsWith("daemon.json.bak-")).toList();
        }
    }

    @Test
    void mergesKeepingEveryKeyWritesABackupShowsTheDiffAndKeepsTheMode() throws IOException {
        Files.writeString(target, EXISTING);
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r-----"));
        Cli.Run run = run(snippet.toString(), "--target", target.toString(), "--yes");
        assertThat(run.exitCode()).as(run.err()).isZero();

        var merged = Json.mapper().readTree(Files.readString(target));
        var old = Json.mapper().readTree(EXISTING);
        old.fieldNames().forEachRemaining(k -> assertThat(merged.get(k)).as(k).isEqualTo(old.get(k)));
        assertThat(merged.get("metrics-addr").asText()).isEqualTo("0.0.0.0:9323");
        assertThat(Files.getPosixFilePermissions(target)).isEqualTo(PosixFilePermissions.fromString("rw-r-----"));

        List<Path> backups = backups();
        assertThat(backups).hasSize(1);
        assertThat(backups.get(0).getFileName().toString()).matches("daemon\\.json\\.bak-\\d{14}");
        assertThat(Files.readString(backups.get(0))).isEqualTo(EXISTING);
        assertThat(Files.getPosixFilePermissions(backups.get(0))).isEqualTo(PosixFilePermissions.fromString("rw-r-----"));

        assertThat(run.out()).contains("--- " + target).contains("+++ ").contains("@@ ")
                .contains("+  \"metrics-addr\": \"0.0.0.0:9323\"")
                .contains("backup     " + backups.get(0))
                .contains("restart the engine: sudo systemctl restart docker");
        assertThat(run.out() + run.err()).as("nothing secret printed").doesNotContain("hunter2");
        assertThat(run.out().lines().filter(l -> l.startsWith("-") && !l.startsWith("---")))
                .as("a minimal diff: only the last line gains a comma").containsExactly("-  }");
        try (Stream<Path> s = Files.list(target.getParent())) {
            assertThat(s.map(p -> p.getFileName().toString())).as("no temp files left")
                    .allMatch(n -> n.equals("daemon.json") || n.startsWith("daemon.json.bak-"));
        }
    }

    @Test
    void snippetDefaultsToTheStackInDir() throws IOException {
        Files.writeString(target, "{\"debug\": true}\n");
        Cli.Run run = run("-C", tmp.resolve("stack").toString(), "--target", target.toString(), "--yes");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(target)).contains("\"metrics-addr\": \"0.0.0.0:9323\"").contains("\"debug\": true");
    }

    @Test
    void backupsOfTwoRunsInOneSecondDoNotOverwriteEachOther() throws IOException {
        Files.writeString(target, "{\"debug\": true}\n");
        Clock fixed = Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC);
        Path first = DaemonJsonUpdate.apply(DaemonJsonUpdate.plan(snippet, target, false), fixed);
        Files.writeString(snippet, "{\"metrics-addr\": \"0.0.0.0:9323\", \"experimental\": true}");
        Path second = DaemonJsonUpdate.apply(DaemonJsonUpdate.plan(snippet, target, false), fixed);
        assertThat(first.getFileName().toString()).isEqualTo("daemon.json.bak-20250102030405");
        assertThat(second.getFileName().toString()).isEqualTo("daemon.json.bak-20250102030405-2");
        assertThat(Files.readString(first)).isEqualTo("{\"debug\": true}\n");
        assertThat(Files.readString(second)).contains("metrics-addr").doesNotContain("experimental");
    }

    @Test
    void invalidJsonIsRefusedWithLineAndColumnAndNothingChanges() throws IOException {
        Files.writeString(target, "{\n  \"debug\": true,\n  \"log-driver\": \"json-file\"\n  \"x\": 1\n}\n");
        Map<String, byte[]> before = snapshot();
        Cli.Run run = run(snippet.toString(), "--target", target.toString(), "--yes");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("error: " + target + ":4:").contains("invalid JSON").doesNotContain("\tat ");
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(snapshot()).usingRecursiveComparison().isEqualTo(before);
    }

    @Test
    void conflictingMetricsAddrIsRefusedUnlessForced() throws IOException {
        Files.writeString(target, "{\"metrics-addr\": \"127.0.0.1:9323\", \"debug\": true}\n");
        Map<String, byte[]> before = snapshot();
        Cli.Run refused = run(snippet.toString(), "--target", target.toString(), "--yes");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("metrics-addr").contains("127.0.0.1:9323").contains("--force");
        assertThat(snapshot()).usingRecursiveComparison().isEqualTo(before);

        Cli.Run forced = run(snippet.toString(), "--target", target.toString(), "--yes", "--force");
        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(forced.err()).contains("replacing");
        assertThat(Json.mapper().readTree(Files.readString(target)).get("metrics-addr").asText()).isEqualTo("0.0.0.0:9323");
        assertThat(backups()).hasSize(1);
    }

    @Test
    void sameValueAlreadySetIsANoOp() throws IOException {
        Files.writeString(target, "{\"metrics-addr\":\"0.0.0.0:9323\"}");
        Map<String, byte[]> before = snapshot();
        Cli.Run run = run(snippet.toString(), "--target", target.toString(), "--yes");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("already set").contains("metrics-addr");
        assertThat(snapshot()).usingRecursiveComparison().isEqualTo(before);
    }

    @Test
    void missingFileIsCreatedWithItsFolders() throws IOException {
        Path fresh = tmp.resolve("new/etc/docker/daemon.json");
        Cli.Run run = run(snippet.toString(), "--target", fresh.toString(), "--yes");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Json.mapper().readTree(Files.readString(fresh)).get("metrics-addr").asText()).isEqualTo("0.0.0.0:9323");
        assertThat(Files.getPosixFilePermissions(fresh)).isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(run.out()).contains("--- /dev/null").contains("created").contains("restart the engine");
        try (Stream<Path> s = Files.list(fresh.getParent())) {
            assertThat(s.toList()).hasSize(1);
        }
    }

    @Test
    void dryRunWritesNothing() throws IOException {
        Files.writeString(target, EXISTING);
        Map<String, byte[]> before = snapshot();
        Cli.Run run = run(snippet.toString(), "--target", target.toString(), "--dry-run");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("+  \"metrics-addr\"").contains("dry run");
        assertThat(snapshot()).usingRecursiveComparison().isEqualTo(before);
        Cli.Run missing = run(snippet.toString(), "--target", tmp.resolve("nope/daemon.json").toString(), "--dry-run");
        assertThat(missing.exitCode()).isZero();
        assertThat(tmp.resolve("nope")).doesNotExist();
    }

    @Test
    void withoutATerminalItAsksForYesAndChangesNothing() throws IOException {
        Files.writeString(target, EXISTING);
        Map<String, byte[]> before = snapshot();
        Cli.Run run = run(snippet.toString(), "--target", target.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--yes");
        assertThat(snapshot()).usingRecursiveComparison().isEqualTo(before);
    }

    @Test
    void missingSnippetOrAFolderTargetIsAOneLineError() throws IOException {
        Cli.Run noSnippet = run(tmp.resolve("none.json").toString(), "--target", target.toString(), "--yes");
        assertThat(noSnippet.exitCode()).isEqualTo(1);
        assertThat(noSnippet.err()).startsWith("error: ").contains("none.json");
        Cli.Run folder = run(snippet.toString(), "--target", target.getParent().toString(), "--yes");
        assertThat(folder.exitCode()).isEqualTo(1);
        assertThat(folder.err()).contains("folder");
        assertThat(run("--bogus").exitCode()).isEqualTo(2);
    }

    @Test
    void symlinkedTargetStaysALink() throws IOException {
        Path real = tmp.resolve("real.json");
        Files.writeString(real, "{\"debug\": true}\n");
        Files.createSymbolicLink(target, real);
        Cli.Run run = run(snippet.toString(), "--target", target.toString(), "--yes");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.isSymbolicLink(target)).isTrue();
        assertThat(Files.readString(real, StandardCharsets.UTF_8)).contains("metrics-addr");
    }

    @Test
    void helpHasExamples() {
        Cli.Run run = run("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("merge-daemon-json").contains("Examples:").contains("--dry-run").contains("--target");
    }
}
