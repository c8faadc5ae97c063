package io.monstack.support;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A MariaDB server of Debian's mariadb-server package in a temp folder: mariadb-install-db, then
 * mariadbd (which drops to the mysql user itself) on 127.0.0.1:port with its socket in the folder,
 * no system option files (--no-defaults). root logs in over the socket only (unix_socket), for the
 * test's own setup; the monitoring user logs in over TCP with its password.
 */
public final class MariaDbServer extends PasswordServer {
    public static final String MONITOR_USER = "monstack_monitor";
    private static final String PACKAGE = "mariadb-server";
    private static final Duration READY = Duration.ofSeconds(60);

    private MariaDbServer(int port) {
        super(port);
    }

    /** Installs the system tables, starts mariadbd, then creates the monitoring login as the stack's README tells users to and a small seeded database. */
    public static MariaDbServer start(Path dir, int port, Processes processes) throws IOException {
        MariaDbServer server = new MariaDbServer(port);
        Path home = RunAs.ownedFolder(dir.resolve("mariadb"), "mysql", PACKAGE);
        Path data = home.resolve("data");
        Path socket = home.resolve("mysqld.sock");
        Tools.runOk(null, 180, Tools.require("mariadb-install-db", PACKAGE).toString(), "--no-defaults", "--user=mysql",
                "--datadir=" + data, "--auth-root-authentication-method=socket", "--skip-test-db", "--skip-name-resolve");
        processes.start("mariadb", null, Tools.require("mariadbd", PACKAGE).toString(), "--no-defaults", "--user=mysql",
                "--datadir=" + data, "--socket=" + socket, "--port=" + port, "--bind-address=127.0.0.1", "--skip-name-resolve",
                "--pid-file=" + home.resolve("mysqld.pid"), "--skip-log-bin", "--innodb-buffer-pool-size=32M");
        String client = Tools.require("mariadb", PACKAGE).toString();
        Readiness.await("MariaDB accepting connections on " + server.address(), READY, processes,
                () -> Tools.run(null, 10, client, "--no-defaults", "--socket=" + socket, "--user=root", "-e", "SELECT 1").exitCode() == 0);
        Path sql = Secrets.writeForRoot(dir.resolve("mariadb-setup.sql"), """
                %s
                CREATE DATABASE monstack_app;
                CREATE TABLE monstack_app.orders (id INT AUTO_INCREMENT PRIMARY KEY, item VARCHAR(40) NOT NULL);
                INSERT INTO monstack_app.orders (item) VALUES ('a'), ('b'), ('c');
                """.formatted(ExporterLogin.sql("mysql", MONITOR_USER, server.password())));
        // the client reads the file itself: the password stays off the command line
        Tools.runOk(null, 60, client, "--no-defaults", "--socket=" + socket, "--user=root", "-e", "source " + sql);
        return server;
    }
}
