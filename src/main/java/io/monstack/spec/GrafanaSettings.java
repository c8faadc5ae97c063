package io.monstack.spec;

import java.util.List;

/**
 * The Grafana server of the stack. dashboards picks the layout: per-service (one dashboard per
 * service), per-runtime (one per runtime with a job selector, plus one per service that has
 * custom metrics) or auto (per-service up to {@value #AUTO_PER_SERVICE_LIMIT} services).
 */
public record GrafanaSettings(String image, int port, String dashboards) {
    public static final String DEFAULT_IMAGE = "grafana/grafana:12.2.1";
    public static final String AUTO = "auto";
    public static final String PER_SERVICE = "per-service";
    public static final String PER_RUNTIME = "per-runtime";
    public static final List<String> LAYOUTS = List.of(AUTO, PER_SERVICE, PER_RUNTIME);
    public static final int AUTO_PER_SERVICE_LIMIT = 20;

    public GrafanaSettings(String image, int port) {
        this(image, port, AUTO);
    }

    public static GrafanaSettings defaults() {
        return new GrafanaSettings(DEFAULT_IMAGE, 3000, AUTO);
    }

    /** The layout for a stack of this many services. */
    public boolean perService(int services) {
        return PER_SERVICE.equals(dashboards) || (AUTO.equals(dashboards) && services <= AUTO_PER_SERVICE_LIMIT);
    }
}
