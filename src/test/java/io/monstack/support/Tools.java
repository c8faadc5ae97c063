package io.monstack.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds and runs the real external tools the tests need: the machine's own (Debian bookworm's
 * packages) and the pinned upstream versions that scripts/upstream-tools.sh unpacks into
 * UPSTREAM. A missing tool is a test failure that says how to install it, never a skip: CI installs them.
 */
public final class Tools {
    /** Where scripts/upstream-tools.sh unpacks the upstream tools (the same variable overrides both). */
    public static final Path UPSTREAM = Path.of(System.getenv().getOrDefault("MONSTACK_TEST_TOOLS", "/var/cache/monstack-test-tools"));
    private static final List<String> UPSTREAM_BIN_DIRS = List.of("usr/bin", "usr/sbin", "usr/libexec/docker/cli-plugins");
    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+");
    private static final Map<Path, String> VERSIONS = new ConcurrentHashMap<>();

    private Tools() {
    }

    public static Path require(String tool, String debianPackage) {
        return systemCandidates(tool).stream().findFirst().orElseThrow(() -> new AssertionError(tool
                + " is not installed; the tests need the real tool: apt-get install -y " + debianPackage + " (.ci/run does this)"));
    }

    /**
     * The real tool whose version (the first x.y.z it prints for --version) starts with version,
     * e.g. ("promtool", "3.") or ("prometheus-alertmanager", "0.28.1"): the system's or an upstream one.
     */
    public static Path require(String tool, String version, String from) {
        List<Path> candidates = new ArrayList<>(systemCandidates(tool));
        candidates.addAll(upstreamCandidates(tool));
        List<String> seen = new ArrayList<>();
        for (Path candidate : candidates) {
            String v = versionOf(candidate);
            if (v.startsWith(version)) {
                return candidate;
            }
            seen.add(candidate + " " + (v.isEmpty() ? "(no version)" : v));
        }
        throw new AssertionError(tool + " " + version + "x is not installed (found: " + (seen.isEmpty() ? "none" : String.join(", ", seen))
                + "); the tests need it from " + from + ": run scripts/test-deps.sh as root (.ci/run does this)");
    }

    /** The version a tool reports, e.g. "3.5.3"; empty if it does not say. Asked once per binary. */
    public static String versionOf(Path tool) {
        return VERSIONS.computeIfAbsent(tool, t -> {
            String arg = t.getFileName().toString().equals("docker-buildx") ? "version" : "--version";
            Matcher m = VERSION.matcher(run(null, 30, t.toString(), arg).output());
            return m.find() ? m.group() : "";
        });
    }

    private static List<Path> systemCandidates(String tool) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.addAll(List.of("/usr/bin", "/usr/local/bin", "/usr/sbin", "/sbin"));
        return dirs.stream().filter(d -> !d.isEmpty()).map(d -> Path.of(d, tool)).filter(Files::isExecutable).distinct().toList();
    }

    /** UPSTREAM/PACKAGE/root/usr/bin/TOOL and the like, for every unpacked package. */
    private static List<Path> upstreamCandidates(String tool) {
        if (!Files.isDirectory(UPSTREAM)) {
            return List.of();
        }
        try (Stream<Path> packages = Files.list(UPSTREAM)) {
            return packages.sorted().flatMap(p -> UPSTREAM_BIN_DIRS.stream().map(d -> p.resolve("root").resolve(d).resolve(tool)))
                    .filter(Files::isExecutable).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The result of running a command to completion. */
    public record Result(int exitCode, String output) {
    }

    public static Result run(Path workDir, long timeoutSeconds, String... command) {
        return run(workDir, timeoutSeconds, Map.of(), command);
    }

    /** Runs with extra environment variables: secrets go there, never on the command line (ps shows it). */
    public static Result run(Path workDir, long timeoutSeconds, Map<String, String> env, String... command) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            if (workDir != null) {
                pb.directory(workDir.toFile());
            }
            pb.environment().putAll(env);
            File log = File.createTempFile("monstack-tool", ".log");
            pb.redirectOutput(log);
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
            }
            String out = Files.readString(log.toPath(), StandardCharsets.UTF_8);
            Files.deleteIfExists(log.toPath());
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Runs a command that must succeed; returns its output. */
    public static String runOk(Path workDir, long timeoutSeconds, String... command) {
        return runOk(workDir, timeoutSeconds, Map.of(), command);
    }

    /** Runs a command that must succeed, with extra environment variables; returns its output. */
    public static String runOk(Path workDir, long timeoutSeconds, Map<String, String> env, String... command) {
        Result r = run(workDir, timeoutSeconds, env, command);
        assertThat(r.exitCode()).as("%s exited with %s:%n%s", String.join(" ", command), r.exitCode(), r.output()).isZero();
        return r.output();
    }

    public static List<String> javaCommand(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("io.monstack.Main");
        cmd.addAll(List.of(args));
        return cmd;
    }
}
