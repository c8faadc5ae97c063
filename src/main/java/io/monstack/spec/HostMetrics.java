package io.monstack.spec;

/**
 * The host view: a node-exporter service in the stack, scraped as job "host". On compose it runs
 * in the host's network and PID namespaces with the host's root mounted read-only (what its
 * upstream recommends), so CPU, memory, disks and network are the host's; listenAddress is where
 * it serves, reached from Prometheus through host.docker.internal. On swarm it runs on every node.
 */
public record HostMetrics(boolean enabled, String image, String listenAddress) {
    public static final String DEFAULT_IMAGE = "prom/node-exporter:v1.9.0";
    public static final String DEFAULT_LISTEN = "0.0.0.0:9100";
    /** The stack's service that runs node-exporter (compose.yaml.ftl, stack.yaml.ftl). */
    public static final String SERVICE = "node-exporter";
    /** The port node-exporter serves on inside the swarm's overlay network. */
    public static final int PORT = 9100;

    public static HostMetrics disabled() {
        return new HostMetrics(false, DEFAULT_IMAGE, DEFAULT_LISTEN);
    }

    public HostMetrics withEnabled(boolean on) {
        return new HostMetrics(on, image, listenAddress);
    }

    public int port() {
        return Integer.parseInt(listenAddress.substring(listenAddress.lastIndexOf(':') + 1));
    }

    /** 0.0.0.0 serves the host's metrics to the whole network. */
    public boolean exposedToNetwork() {
        String host = listenAddress.substring(0, listenAddress.lastIndexOf(':'));
        return host.equals("0.0.0.0") || host.equals("[::]") || host.isEmpty();
    }
}
