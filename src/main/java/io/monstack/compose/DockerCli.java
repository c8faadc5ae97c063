package io.monstack.compose;

import io.monstack.images.EngineUnavailableException;
import io.monstack.images.ProcessRunner;
import io.monstack.images.SystemProcessRunner;
import io.monstack.render.ShellQuote;
import io.monstack.stack.UserException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The docker CLI, as --probe uses it: read-only commands (ps, inspect), with the user's
 * environment, so DOCKER_HOST, DOCKER_CONTEXT and the CLI's config apply. No CLI or no engine is
 * an {@link EngineUnavailableException} (exit 3), naming what was tried.
 */
final class DockerCli {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, String> env;
    private final ProcessRunner runner;

    DockerCli(Map<String, String> env) {
        this.env = Map.copyOf(env);
        this.runner = new SystemProcessRunner(env);
    }

    /** Where the engine is, for messages: DOCKER_HOST, or the CLI's default. */
    String engine() {
        String host = env.get("DOCKER_HOST");
        return host == null || host.isEmpty() ? "the default engine (no DOCKER_HOST)" : "DOCKER_HOST=" + host;
    }

    /**
     * The host published ports are reached on: the DOCKER_HOST machine for tcp:// and ssh://,
     * else this one.
     */
    String publishedHost() {
        String host = env.getOrDefault("DOCKER_HOST", "");
        String lower = host.toLowerCase(Locale.ROOT);
        if (lower.startsWith("tcp://") || lower.startsWith("ssh://")) {
            String rest = host.substring(6);
            rest = rest.substring(rest.indexOf('@') + 1);
            int end = rest.startsWith("[") ? rest.indexOf(']') + 1 : rest.indexOf(':') >= 0 ? rest.indexOf(':') : rest.length();
            int slash = rest.indexOf('/');
            if (slash >= 0 && slash < end) {
                end = slash;
            }
            return rest.substring(0, end);
        }
        return "127.0.0.1";
    }

    /** Whether the engine runs on another machine, where container addresses are not reachable from here. */
    boolean remote() {
        return !publishedHost().equals("127.0.0.1");
    }

    /** Runs docker ARGS and returns its standard output; a failure is one line with the command and its error. */
    String run(List<String> args) {
        Path exe = SystemProcessRunner.which("docker", env).orElseThrow(() -> new EngineUnavailableException(
                "--probe reads the running containers with the docker CLI, which is not on PATH; install it "
                        + "(apt-get install docker.io, or Docker Desktop), or leave out --probe"));
        List<String> cmd = new ArrayList<>();
        cmd.add(exe.toString());
        cmd.addAll(args);
        ProcessRunner.Captured r;
        try {
            r = runner.capture(cmd, TIMEOUT);
        } catch (IOException e) {
            throw new EngineUnavailableException("cannot run " + exe + ": " + e.getMessage());
        }
        String shown = "docker " + ShellQuote.join(args);
        if (r.timedOut()) {
            throw new EngineUnavailableException("`" + shown + "` did not answer within " + TIMEOUT.toSeconds() + " s ("
                    + engine() + "); is the engine up?");
        }
        if (r.exitCode() != 0) {
            String err = r.stderr().strip().lines().findFirst().orElse("exit " + r.exitCode());
            if (err.contains("Cannot connect to the Docker daemon") || err.contains("error during connect")
                    || err.contains("permission denied")) {
                throw new EngineUnavailableException("--probe cannot reach the Docker engine (" + engine() + "): " + err
                        + "; start it or point DOCKER_HOST at it, or leave out --probe");
            }
            throw new UserException("`" + shown + "` failed: " + err);
        }
        return r.stdout();
    }
}
