package io.monstack.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * nginx from Debian's nginx package, run in the foreground with a prefix in a temp folder:
 * stub_status on http://127.0.0.1:httpPort/stub_status (what nginx-prometheus-exporter reads) and a
 * page on https://127.0.0.1:httpsPort/ with a self-signed certificate for 127.0.0.1, so a blackbox
 * probe sees TLS and reports the certificate's expiry. The master runs as root (it reads the key),
 * its worker as nobody (nginx's default).
 */
public final class NginxServer {
    private static final String PACKAGE = "nginx";
    private static final Duration READY = Duration.ofSeconds(30);
    public static final int CERT_DAYS = 30;

    private final int httpPort;
    private final int httpsPort;
    private final Path caFile;

    private NginxServer(int httpPort, int httpsPort, Path caFile) {
        this.httpPort = httpPort;
        this.httpsPort = httpsPort;
        this.caFile = caFile;
    }

    public String stubStatusUrl() {
        return "http://127.0.0.1:" + httpPort + "/stub_status";
    }

    public String httpsUrl() {
        return "https://127.0.0.1:" + httpsPort + "/";
    }

    /** The self-signed certificate (public, readable by anyone): a prober that trusts it verifies the page. */
    public Path caFile() {
        return caFile;
    }

    public static NginxServer start(Path dir, int httpPort, int httpsPort, Processes processes) throws IOException {
        Path home = RunAs.ownedFolder(dir.resolve("nginx"), "root", "base-passwd");
        Path key = home.resolve("key.pem");
        Path cert = dir.resolve("nginx-cert.pem");
        Tools.runOk(null, 60, Tools.require("openssl", "openssl").toString(), "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:prime256v1", "-nodes", "-days", String.valueOf(CERT_DAYS), "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key.toString(), "-out", cert.toString());
        Files.setAttribute(key, "unix:mode", 0600);
        Files.setAttribute(cert, "unix:mode", 0644);
        Path conf = home.resolve("nginx.conf");
        Files.writeString(conf, """
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log stderr notice;
                events { worker_connections 64; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/client-body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    server {
                        listen 127.0.0.1:%2$d;
                        location = /stub_status { stub_status; }
                        location / { return 200 "monstack\\n"; }
                    }
                    server {
                        listen 127.0.0.1:%3$d ssl;
                        ssl_certificate %4$s;
                        ssl_certificate_key %5$s;
                        location / { return 200 "monstack\\n"; }
                    }
                }
                """.formatted(home, httpPort, httpsPort, cert, key));
        // -e: the compiled-in /var/log/nginx/error.log may not exist; daemon off: the process we hold is the master
        processes.start("nginx", null, Tools.require("nginx", PACKAGE).toString(), "-e", "stderr", "-p", home.toString(), "-c",
                conf.toString(), "-g", "daemon off;");
        Readiness.await("nginx listening on 127.0.0.1:" + httpPort + " and :" + httpsPort, READY, processes,
                () -> Readiness.listening(httpPort) && Readiness.listening(httpsPort));
        return new NginxServer(httpPort, httpsPort, cert);
    }
}
