package io.monstack.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A server run with an /etc/hosts of its own (a private mount namespace: `unshare --mount`, then a
 * bind mount), so that the names a generated prometheus.yml uses for the stack's containers
 * (localhost:9090, host.docker.internal, alertmanager) reach the test's addresses without any
 * edit of the config. The machine's /etc/hosts is untouched. Needs root, as the e2e tests do.
 * unshare and sh exec the command, so the process started is the server itself (one PID to stop).
 */
public final class PrivateHosts {
    private PrivateHosts() {
    }

    /** Writes a hosts file mapping each name to its address and returns the command that runs command with it. */
    public static String[] wrap(Path dir, Map<String, String> nameToAddress, String... command) throws IOException {
        StringBuilder hosts = new StringBuilder();
        nameToAddress.forEach((name, address) -> hosts.append(address).append(' ').append(name).append('\n'));
        Path file = Files.createTempFile(dir, "hosts", "");
        Files.writeString(file, hosts.toString(), StandardCharsets.UTF_8);
        Path unshare = Tools.require("unshare", "util-linux");
        List<String> cmd = new ArrayList<>(List.of(unshare.toString(), "--mount", "--", "/bin/sh", "-c",
                "mount --bind \"$0\" /etc/hosts && exec \"$@\"", file.toString()));
        cmd.addAll(List.of(command));
        return cmd.toArray(String[]::new);
    }
}
