package io.monstack.spec;

/**
 * The Grafana server of the stack. dashboards picks the layout: per-service (one dashboard per
 * service), per-runtime (one per runtime with a job selector, plus one per service that has
 * custom metrics) or auto (per-service up to {@value #AUTO_PER_SERVICE_LIMIT} services).
 * datasourceUrl (null: the stack's own Prometheus) points the datasource elsewhere, e.g. at the
 * central store the stack sends its samples to with remoteWrite.
 */
public record GrafanaSettings(String image, int port, DashboardLayout dashboards, String datasourceUrl) {
    public static final String DEFAULT_IMAGE = "grafana/grafana:12.2.1";
    public static final int AUTO_PER_SERVICE_LIMIT = 20;

    /** The stack's own Prometheus, as the other services reach it on the stack's network. */
    public static final String LOCAL_DATASOURCE_URL = "http://prometheus:9090";

    public GrafanaSettings(String image, int port) {
        this(image, port, DashboardLayout.AUTO);
    }

    /** Grafana reading the stack's own Prometheus. */
    public GrafanaSettings(String image, int port, DashboardLayout dashboards) {
        this(image, port, dashboards, null);
    }

    /** Where the datasource points: datasourceUrl (e.g. a central store the stacks remote_write to), else the stack's Prometheus. */
    public String effectiveDatasourceUrl() {
        return datasourceUrl != null ? datasourceUrl : LOCAL_DATASOURCE_URL;
    }

    public GrafanaSettings withPort(int newPort) {
        return new GrafanaSettings(image, newPort, dashboards, datasourceUrl);
    }

    public static GrafanaSettings defaults() {
        return new GrafanaSettings(DEFAULT_IMAGE, 3000, DashboardLayout.AUTO, null);
    }

    /** The layout for a stack of this many services. */
    public boolean perService(int services) {
        return dashboards == DashboardLayout.PER_SERVICE || (dashboards == DashboardLayout.AUTO && services <= AUTO_PER_SERVICE_LIMIT);
    }
}
