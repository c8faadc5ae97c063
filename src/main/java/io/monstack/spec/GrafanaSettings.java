package io.monstack.spec;

/** The Grafana server of the stack. */
public record GrafanaSettings(String image, int port) {
    public static final String DEFAULT_IMAGE = "grafana/grafana:12.2.1";

    public static GrafanaSettings defaults() {
        return new GrafanaSettings(DEFAULT_IMAGE, 3000);
    }
}
