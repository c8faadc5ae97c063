package io.monstack.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Finds and runs the real external tools the tests need (promtool, prometheus, docker-compose).
 * A missing tool is a test failure that says how to install it, never a skip: CI installs them.
 */
public final class Tools {
    private Tools() {
    }

    public static Path require(String tool, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        for (String dir : List.of("/usr/bin", "/usr/local/bin", "/usr/sbin", "/sbin")) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(tool + " is not installed; the tests need the real tool: apt-get install -y " + debianPackage
                + " (.ci/run does this)");
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

    /** promtool check config FILE must pass. */
    public static void assertPromtoolAccepts(Path prometheusYml) {
        Path promtool = require("promtool", "prometheus");
        Result r = run(prometheusYml.getParent(), 60, promtool.toString(), "check", "config", prometheusYml.toString());
        assertThat(r.exitCode()).as("promtool check config %s:%n%s", prometheusYml, r.output()).isZero();
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
