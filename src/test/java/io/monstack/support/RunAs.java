package io.monstack.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Commands run as another system user (the tests run as root, like CI): setpriv drops to the
 * user and execs the command, so the process a test holds is the server itself and stopping it
 * by its PID reaches it (runuser and su would stay in between as a parent).
 */
public final class RunAs {
    /** The exporters' images run as non-root users; here they run as nobody, so their credential files must be readable by it. */
    public static final String NOBODY = "nobody";
    private static final Map<String, Integer> IDS = new ConcurrentHashMap<>();

    private RunAs() {
    }

    /** The uid of a system user; a missing one (e.g. postgres before its package) fails with what to install. */
    public static int uid(String user, String debianPackage) {
        return idOf(user, "-u", debianPackage);
    }

    public static int gid(String user, String debianPackage) {
        return idOf(user, "-g", debianPackage);
    }

    private static int idOf(String user, String flag, String debianPackage) {
        return IDS.computeIfAbsent(user + " " + flag, k -> lookUp(user, flag, debianPackage));
    }

    private static int lookUp(String user, String flag, String debianPackage) {
        Tools.Result r = Tools.run(null, 10, "id", flag, user);
        if (r.exitCode() != 0) {
            throw new AssertionError("system user " + user + " does not exist; it comes with the package: apt-get install -y "
                    + debianPackage + " (scripts/test-deps.sh does this)");
        }
        return Integer.parseInt(r.output().strip());
    }

    /** command, run as user with its own groups (and the environment given as NAME=VALUE through env). */
    public static String[] command(String user, String debianPackage, List<String> env, String... command) {
        List<String> cmd = new ArrayList<>(List.of(Tools.require("setpriv", "util-linux").toString(),
                "--reuid=" + uid(user, debianPackage), "--regid=" + gid(user, debianPackage), "--init-groups"));
        if (!env.isEmpty()) {
            cmd.add("/usr/bin/env");
            cmd.addAll(env);
        }
        cmd.addAll(List.of(command));
        return cmd.toArray(String[]::new);
    }

    public static String[] command(String user, String debianPackage, String... command) {
        return command(user, debianPackage, List.of(), command);
    }

    /** A folder owned by user (mode 700), for a server's data. */
    public static Path ownedFolder(Path dir, String user, String debianPackage) {
        try {
            Files.createDirectories(dir);
            chown(dir, user, debianPackage);
            Files.setAttribute(dir, "unix:mode", 0700);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void chown(Path path, String user, String debianPackage) throws IOException {
        Files.setAttribute(path, "unix:uid", uid(user, debianPackage));
        Files.setAttribute(path, "unix:gid", gid(user, debianPackage));
    }
}
