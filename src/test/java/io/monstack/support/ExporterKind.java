package io.monstack.support;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The exporters of the host view and of services without metrics, at the versions the tests run
 * (Debian trixie's, unpacked by scripts/upstream-tools.sh): their binary, default listen port, the
 * path Prometheus scrapes, and the line that shows an exporter reaches what it watches.
 */
public enum ExporterKind {
    NODE("prometheus-node-exporter", PromTools.NODE_EXPORTER_NEW, 9100, "/metrics", "node_scrape_collector_success\\{collector=\"cpu\"} 1"),
    POSTGRES("prometheus-postgres-exporter", "0.17.1", 9187, "/metrics", "pg_up 1"),
    MYSQL("prometheus-mysqld-exporter", "0.17.2", 9104, "/metrics", "mysql_up 1"),
    REDIS("prometheus-redis-exporter", "1.69.0", 9121, "/metrics", "redis_up 1"),
    NGINX("prometheus-nginx-exporter", "1.4.1", 9113, "/metrics", "nginx_up 1"),
    /** Scraped at /probe?module=...&target=URL: each scrape is one probe. */
    BLACKBOX("prometheus-blackbox-exporter", "0.26.0", 9115, "/probe", "probe_success 1");

    private final String tool;
    private final String version;
    private final int defaultPort;
    private final String metricsPath;
    private final Pattern upLine;

    ExporterKind(String tool, String version, int defaultPort, String metricsPath, String upLine) {
        this.tool = tool;
        this.version = version;
        this.defaultPort = defaultPort;
        this.metricsPath = metricsPath;
        this.upLine = Pattern.compile("(?m)^" + upLine + "$");
    }

    /** The lower-case name: the job, log and fixture page name, e.g. "postgres". */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public String version() {
        return version;
    }

    /** The port the exporter listens on unless told otherwise (its --web.listen-address default). */
    public int defaultPort() {
        return defaultPort;
    }

    public String metricsPath() {
        return metricsPath;
    }

    /** The page says the exporter reached its target (pg_up 1, probe_success 1, ...; node: its CPU collector worked). */
    public boolean reportsUp(String page) {
        return page != null && upLine.matcher(page).find();
    }

    /** The real binary; missing, a failure that says how to get it. */
    public Path binary() {
        return Tools.require(tool, version, "Debian trixie (scripts/upstream-tools.sh unpacks " + tool + ")");
    }
}
