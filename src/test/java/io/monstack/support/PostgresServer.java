package io.monstack.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of Debian's postgresql package in a temp folder: initdb and postgres run as
 * the postgres user, on 127.0.0.1:port with its socket in the folder (not /run/postgresql, which a
 * clean machine without systemd may lack). Local (socket) logins are trusted, for the test's own
 * setup; TCP logins need a password (scram-sha-256), so the exporter proves its password file.
 */
public final class PostgresServer extends PasswordServer {
    public static final String MONITOR_USER = "monstack_monitor";
    /** The database the exporter connects to; it holds a small table so per-table statistics exist. */
    public static final String DATABASE = "postgres";
    private static final String PACKAGE = "postgresql";
    private static final Duration READY = Duration.ofSeconds(60);

    private PostgresServer(int port) {
        super(port);
    }

    /** initdb, postgres, then the monitoring login as the stack's README tells users to make it and a seeded table. */
    public static PostgresServer start(Path dir, int port, Processes processes) throws IOException {
        PostgresServer server = new PostgresServer(port);
        Path home = RunAs.ownedFolder(dir.resolve("postgres"), "postgres", PACKAGE);
        Path data = home.resolve("data");
        Tools.runOk(null, 120, RunAs.command("postgres", PACKAGE, bin("initdb").toString(), "--pgdata=" + data, "--username=postgres",
                "--auth-local=trust", "--auth-host=scram-sha-256", "--locale=C", "--encoding=UTF8", "--no-sync", "--no-instructions"));
        processes.start("postgres", null, RunAs.command("postgres", PACKAGE, bin("postgres").toString(), "-D", data.toString(),
                "-p", String.valueOf(port), "-k", home.toString(), "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"));
        Path sql = Secrets.writeForRoot(dir.resolve("postgres-setup.sql"), """
                %s
                CREATE TABLE monstack_orders (id serial PRIMARY KEY, item text NOT NULL);
                INSERT INTO monstack_orders (item) SELECT 'item ' || g FROM generate_series(1, 100) g;
                """.formatted(ExporterLogin.sql("postgres", MONITOR_USER, server.password())));
        Readiness.await("PostgreSQL accepting connections on " + server.address(), READY, processes,
                () -> Tools.run(null, 10, psql(home, port, "-c", "SELECT 1")).exitCode() == 0);
        Tools.runOk(null, 60, psql(home, port, "-f", sql.toString()));
        return server;
    }

    /** A program of the newest PostgreSQL under /usr/lib/postgresql/N/bin (Debian's layout; not on PATH). */
    static Path bin(String program) {
        Path root = Path.of("/usr/lib/postgresql");
        try (Stream<Path> versions = Files.isDirectory(root) ? Files.list(root) : Stream.empty()) {
            return versions.filter(v -> v.getFileName().toString().matches("\\d+"))
                    .max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString())))
                    .map(v -> v.resolve("bin").resolve(program)).filter(Files::isExecutable)
                    .orElseThrow(() -> new AssertionError("PostgreSQL's " + program + " is not installed (/usr/lib/postgresql/N/bin); "
                            + "the tests need the real server: apt-get install -y " + PACKAGE + " (scripts/test-deps.sh does this)"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** psql as postgres over the socket in home (trusted), stopping at the first error. */
    private static String[] psql(Path home, int port, String... args) {
        List<String> cmd = new ArrayList<>(List.of(bin("psql").toString(), "-X", "-q", "-h", home.toString(), "-p", String.valueOf(port),
                "-U", "postgres", "-d", DATABASE, "-v", "ON_ERROR_STOP=1"));
        cmd.addAll(List.of(args));
        return cmd.toArray(String[]::new);
    }
}
