package io.monstack.spec;

/**
 * The Docker engine's own metrics. metricsAddr goes into daemon.json; experimental is only for
 * engines older than 20.10, which needed it to serve metrics.
 */
public record DockerEngine(boolean enabled, String metricsAddr, boolean experimental) {
    public static final String DEFAULT_ADDR = "0.0.0.0:9323";

    public static DockerEngine defaults() {
        return new DockerEngine(true, DEFAULT_ADDR, false);
    }

    public static DockerEngine disabled() {
        return new DockerEngine(false, DEFAULT_ADDR, false);
    }

    public String host() {
        return metricsAddr.substring(0, metricsAddr.lastIndexOf(':'));
    }

    public int port() {
        return Integer.parseInt(metricsAddr.substring(metricsAddr.lastIndexOf(':') + 1));
    }

    /** 0.0.0.0 (or ::) makes the engine's metrics reachable from the whole network. */
    public boolean exposedToNetwork() {
        String host = host();
        return host.equals("0.0.0.0") || host.equals("[::]") || host.isEmpty();
    }
}
