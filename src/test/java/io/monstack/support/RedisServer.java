package io.monstack.support;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Redis server of Debian's redis-server package on 127.0.0.1:port that asks for a password
 * (requirepass), with its config (which holds the password) in a mode-600 file, not on the
 * command line; nothing persisted. A few keys are set, one with a TTL, so the key counts and
 * redis_db_avg_ttl_seconds (only for a database that has keys) have something to show.
 */
public final class RedisServer extends PasswordServer {
    private static final String PACKAGE = "redis-server";
    private static final Duration READY = Duration.ofSeconds(30);

    private RedisServer(int port) {
        super(port);
    }

    public static RedisServer start(Path dir, int port, Processes processes) throws IOException {
        RedisServer server = new RedisServer(port);
        Path home = RunAs.ownedFolder(dir.resolve("redis"), "root", "base-passwd");
        Path conf = Secrets.writeForRoot(home.resolve("redis.conf"), """
                port %d
                bind 127.0.0.1
                requirepass %s
                save ""
                appendonly no
                dir %s
                daemonize no
                logfile ""
                """.formatted(port, server.password(), home));
        processes.start("redis", null, Tools.require("redis-server", PACKAGE).toString(), conf.toString());
        Readiness.await("Redis listening on " + server.address(), READY, processes, () -> Readiness.listening(port));
        server.cli("MSET", "monstack:a", "1", "monstack:b", "2", "monstack:c", "3");
        server.cli("SET", "monstack:session", "x", "EX", "3600");
        return server;
    }

    /** A command that must answer OK; redis-cli takes the password from REDISCLI_AUTH, so it stays off the command line. */
    private void cli(String... command) {
        List<String> cmd = new ArrayList<>(List.of(Tools.require("redis-cli", "redis-tools").toString(), "-p", String.valueOf(port())));
        cmd.addAll(List.of(command));
        String out = Tools.runOk(null, 30, Map.of("REDISCLI_AUTH", password()), cmd.toArray(String[]::new));
        if (!out.strip().equals("OK")) {
            throw new AssertionError("redis-cli " + String.join(" ", command) + " answered: " + out);
        }
    }
}
