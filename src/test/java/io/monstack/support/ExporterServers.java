package io.monstack.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Real servers and their exporters on 127.0.0.1, for the exporter end-to-end tests: PostgreSQL,
 * MariaDB, Redis and nginx (Debian bookworm's packages, each in a folder of dir, on free ports),
 * their exporters (postgres, mysqld, redis, nginx) reading the monitoring password from a file the
 * way the stack mounts it as a compose secret, a blackbox exporter probing nginx's HTTPS page, and a
 * node-exporter of the host. The exporters run as nobody, as their images run as non-root users.
 *
 * <pre>
 * Processes processes = new Processes(work, Duration.ofSeconds(10));   // stopAll() in @AfterAll and a shutdown hook
 * ExporterServers servers = ExporterServers.start(work, processes);     // returns once every exporter reports its target up
 * servers.exporter(ExporterKind.POSTGRES).address()                     // "127.0.0.1:PORT", what Prometheus scrapes
 * servers.probeTarget()                                                 // the URL blackbox's http_2xx module probes
 * </pre>
 *
 * Servers start in parallel, each exporter as soon as its server is ready. Everything is stopped
 * by the caller's Processes, by PID.
 */
public final class ExporterServers {
    public static final String BLACKBOX_MODULE = "http_2xx";
    private static final Duration START_DEADLINE = Duration.ofSeconds(240);
    private static final Duration EXPORTER_READY = Duration.ofSeconds(60);

    private final Path dir;
    private final Processes processes;
    private final Map<ExporterKind, Exporter> exporters = Collections.synchronizedMap(new EnumMap<>(ExporterKind.class));
    private final Map<String, Duration> readyAfter = Collections.synchronizedMap(new LinkedHashMap<>());
    private final long t0 = System.nanoTime();
    // set by the start-up threads, read after they are joined
    private volatile PostgresServer postgres;
    private volatile MariaDbServer mariadb;
    private volatile RedisServer redis;
    private volatile NginxServer nginx;
    private Duration startupTime;

    /** A running exporter: what Prometheus scrapes (address, path and, for blackbox, the probe's module and target). */
    public record Exporter(ExporterKind kind, String name, int port, Path credentials, String probeTarget) {
        public String address() {
            return "127.0.0.1:" + port;
        }

        /** The page one scrape gets: /metrics, or blackbox's /probe?module=http_2xx&target=URL. */
        public String pageUrl() {
            String url = "http://" + address() + kind.metricsPath();
            return probeTarget == null ? url : url + "?module=" + BLACKBOX_MODULE + "&target=" + Targets.enc(probeTarget);
        }
    }

    private ExporterServers(Path dir, Processes processes) {
        this.dir = dir;
        this.processes = processes;
    }

    /**
     * Starts every server and exporter in dir (its logs in processes' folder) and waits, bounded,
     * until each exporter reports its target up. dir becomes mode 711: the servers' and exporters'
     * users must pass through it to their own folders and files, without listing it.
     */
    public static ExporterServers start(Path dir, Processes processes) throws Exception {
        ExporterServers s = new ExporterServers(dir, processes);
        Files.setAttribute(dir, "unix:mode", 0711);
        int[] ports = Net.freePorts(5);
        // a thread per server: the steps mostly wait on processes (the common pool may have 1 thread)
        ExecutorService threads = Executors.newFixedThreadPool(5);
        try {
            s.startAll(ports, threads);
        } finally {
            threads.shutdown();
        }
        s.startupTime = Duration.ofNanos(System.nanoTime() - s.t0);
        return s;
    }

    private void startAll(int[] ports, ExecutorService threads) throws Exception {
        join(List.of(
                async(threads, "node", () -> awaitUp(startExporter(ExporterKind.NODE, null))),
                async(threads, "postgres", () -> {
                    postgres = PostgresServer.start(dir, ports[0], processes);
                    awaitUp(startExporter(ExporterKind.POSTGRES, postgresPasswordFile(postgres.password())));
                }),
                async(threads, "mariadb", () -> {
                    mariadb = MariaDbServer.start(dir, ports[1], processes);
                    awaitUp(startExporter(ExporterKind.MYSQL, mysqlMyCnf(mariadb.password())));
                }),
                async(threads, "redis", () -> {
                    redis = RedisServer.start(dir, ports[2], processes);
                    awaitUp(startExporter(ExporterKind.REDIS, redisPasswordFile(redis.password())));
                }),
                async(threads, "nginx", () -> {
                    nginx = NginxServer.start(dir, ports[3], ports[4], processes);
                    awaitUp(startExporter(ExporterKind.NGINX, null));
                    awaitUp(startExporter(ExporterKind.BLACKBOX, blackboxConfig()));
                })));
    }

    private interface Step {
        void run() throws IOException;
    }

    private CompletableFuture<Void> async(ExecutorService threads, String name, Step step) {
        return CompletableFuture.runAsync(() -> {
            try {
                step.run();
                readyAfter.put(name, Duration.ofNanos(System.nanoTime() - t0));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, threads);
    }

    /** Waits for every step; the first failure is rethrown as itself (an AssertionError with the log tails, say). */
    private static void join(List<CompletableFuture<?>> steps) throws Exception {
        try {
            CompletableFuture.allOf(steps.toArray(CompletableFuture[]::new)).get(START_DEADLINE.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | CompletionException e) {
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e.getCause() instanceof Exception ex ? ex : e;
        } catch (TimeoutException e) {
            throw new AssertionError("the exporter servers did not start within " + START_DEADLINE.toSeconds() + " s", e);
        }
    }

    /** The exporter of kind start() runs, logging to ID-exporter.log (the servers log to postgres.log, mariadb.log, ...). */
    private Exporter startExporter(ExporterKind kind, Path credentials) throws IOException {
        return startExporter(kind, kind.id() + "-exporter", credentials);
    }

    /**
     * Starts another exporter of kind reading credentials (a file as postgresPasswordFile,
     * mysqlMyCnf or redisPasswordFile write it; blackbox: its config; null for node and nginx),
     * logging to name.log. It is not waited for: a test may give it a wrong password to see it
     * report its target down.
     */
    public Exporter startExporter(ExporterKind kind, String name, Path credentials) throws IOException {
        int port = Net.freePort();
        processes.start(name, null, exporterCommand(kind, port, credentials));
        Exporter e = new Exporter(kind, name, port, credentials, kind == ExporterKind.BLACKBOX ? nginx.httpsUrl() : null);
        exporters.putIfAbsent(kind, e);
        return e;
    }

    /** The command that runs an exporter of kind on 127.0.0.1:port, as nobody, pointed at its server with credentials. */
    public String[] exporterCommand(ExporterKind kind, int port, Path credentials) {
        List<String> env = new ArrayList<>();
        List<String> cmd = new ArrayList<>(List.of(kind.binary().toString(), "--web.listen-address=127.0.0.1:" + port));
        switch (kind) {
            case NODE -> cmd.add("--path.rootfs=/");
            case POSTGRES -> env.addAll(List.of("DATA_SOURCE_URI=" + postgres.address() + "/" + PostgresServer.DATABASE + "?sslmode=disable",
                    "DATA_SOURCE_USER=" + PostgresServer.MONITOR_USER, "DATA_SOURCE_PASS_FILE=" + credentials));
            case MYSQL -> cmd.addAll(List.of("--config.my-cnf=" + credentials, "--mysqld.address=" + mariadb.address()));
            case REDIS -> cmd.addAll(List.of("--redis.addr=" + redisUri(), "--redis.password-file=" + credentials));
            case NGINX -> cmd.add("--nginx.scrape-uri=" + nginx.stubStatusUrl());
            case BLACKBOX -> cmd.add("--config.file=" + credentials);
            default -> throw new AssertionError(kind);
        }
        return RunAs.command(RunAs.NOBODY, "base-passwd", env, cmd.toArray(String[]::new));
    }

    private void awaitUp(Exporter e) {
        Readiness.await(e.name() + " reporting its target up at " + e.pageUrl(), EXPORTER_READY, processes,
                () -> e.kind().reportsUp(Readiness.pageOrNull(e.pageUrl())));
    }

    // ---------------------------------------------------------------- credential files, as the exporters read them

    /** postgres_exporter's DATA_SOURCE_PASS_FILE: the password alone. */
    public Path postgresPasswordFile(String password) {
        return secret("postgres-password", password);
    }

    /** mysqld_exporter's --config.my-cnf: a [client] section with user and password (the address comes from --mysqld.address). */
    public Path mysqlMyCnf(String password) {
        return secret("mysqld-exporter.cnf", "[client]\nuser=" + MariaDbServer.MONITOR_USER + "\npassword=" + password + "\n");
    }

    /** redis_exporter's --redis.password-file: JSON from the redis:// URI it scrapes to the password (a bare password is refused). */
    public Path redisPasswordFile(String password) {
        return secret("redis-passwords.json", "{\"" + redisUri() + "\": \"" + password + "\"}\n");
    }

    private String redisUri() {
        return "redis://" + redis.address();
    }

    /** A mode-600 file in dir readable only by the exporters' user, under a name not used yet (NAME, NAME.2, ...). */
    public Path secret(String name, String content) {
        Path file = dir.resolve(name);
        for (int i = 2; Files.exists(file); i++) {
            file = dir.resolve(name + "." + i);
        }
        return Secrets.write(file, content, RunAs.NOBODY, "base-passwd");
    }

    /** blackbox's config: the http_2xx module, trusting nginx's self-signed certificate (no secret: mode 644). */
    private Path blackboxConfig() throws IOException {
        Path file = dir.resolve("blackbox.yml");
        Files.writeString(file, """
                modules:
                  %s:
                    prober: http
                    timeout: 5s
                    http:
                      preferred_ip_protocol: ip4
                      tls_config:
                        ca_file: %s
                """.formatted(BLACKBOX_MODULE, nginx.caFile()));
        Files.setAttribute(file, "unix:mode", 0644);
        return file;
    }

    // ---------------------------------------------------------------- what a test reads

    /** The first exporter of kind that start() started. */
    public Exporter exporter(ExporterKind kind) {
        return exporters.get(kind);
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public MariaDbServer mariadb() {
        return mariadb;
    }

    public RedisServer redis() {
        return redis;
    }

    public NginxServer nginx() {
        return nginx;
    }

    /** The URL blackbox probes (nginx's HTTPS page). */
    public String probeTarget() {
        return nginx.httpsUrl();
    }

    /** The passwords of this run, e.g. to check that no page or saved file shows one. */
    public List<String> passwords() {
        return List.of(postgres.password(), mariadb.password(), redis.password());
    }

    /** From start() until every exporter reported its target up. */
    public Duration startupTime() {
        return startupTime;
    }

    /** Per server (and node), when it and its exporter were ready, from start(). */
    public Map<String, Duration> readyAfter() {
        return Map.copyOf(readyAfter);
    }
}
