package io.monstack.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * `docker compose` as the README tells users to run it: Compose v2 and buildx (Debian sid's, from
 * scripts/upstream-tools.sh) as CLI plugins of the docker CLI. They are linked into a DOCKER_CONFIG
 * folder of the test's own, so nothing is added to the system's plugin folders or ~/.docker.
 */
public final class Compose {
    public static final String VERSION = "2.";

    private static Path config;

    private final Path docker;
    private final Path plugin;
    private final Map<String, String> env;

    private Compose(Path docker, Path plugin, Map<String, String> env) {
        this.docker = docker;
        this.plugin = plugin;
        this.env = env;
    }

    /** The docker CLI with the v2 plugins, in a DOCKER_CONFIG folder of this JVM's (made once, removed at exit). */
    public static synchronized Compose v2() {
        Path docker = Tools.require("docker", "docker.io");
        Path compose = Tools.require("docker-compose", VERSION, "Debian sid");
        if (config == null) {
            config = configWithPlugins(compose, Tools.require("docker-buildx", "0.", "Debian sid"));
        }
        return new Compose(docker, compose, Map.of("DOCKER_CONFIG", config.toString()));
    }

    /** The Compose version, e.g. 2.40.3. */
    public String version() {
        return Tools.versionOf(plugin);
    }

    private static Path configWithPlugins(Path... plugins) {
        try {
            Path dir = Files.createTempDirectory("monstack-docker-config");
            Path pluginDir = Files.createDirectories(dir.resolve("cli-plugins"));
            for (Path plugin : plugins) {
                Files.createSymbolicLink(pluginDir.resolve(plugin.getFileName()), plugin);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> Tools.run(null, 60, "rm", "-rf", dir.toString()), "docker-config-cleanup"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The environment docker needs to find the plugins, for other docker commands of the same test. */
    public Map<String, String> env() {
        return env;
    }

    /** docker compose ARGS... */
    public List<String> command(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(docker.toString(), "compose"));
        cmd.addAll(args);
        return cmd;
    }

    public Tools.Result run(Path dir, long timeoutSeconds, List<String> args) {
        return Tools.run(dir, timeoutSeconds, env, command(args).toArray(String[]::new));
    }

    public String runOk(Path dir, long timeoutSeconds, List<String> args) {
        return Tools.runOk(dir, timeoutSeconds, env, command(args).toArray(String[]::new));
    }

    /** docker compose -f FILE config -q: Compose v2's own validation of a compose file, no engine needed. */
    public Tools.Result config(Path dir, String file, Map<String, String> extraEnv) {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.putAll(extraEnv);
        return Tools.run(dir, 60, all, command(List.of("--ansi", "never", "-f", file, "config", "-q")).toArray(String[]::new));
    }
}
