package io.monstack.spec;

/** The container view: a cAdvisor service in the stack, scraped as job "containers" (on swarm, one per node). */
public record ContainerMetrics(boolean enabled, String image) {
    public static final String DEFAULT_IMAGE = "gcr.io/cadvisor/cadvisor:v0.52.1";
    public static final int PORT = 8080;
    /** The stack's service that runs cAdvisor (compose.yaml.ftl, stack.yaml.ftl). */
    public static final String SERVICE = "cadvisor";

    public static ContainerMetrics disabled() {
        return new ContainerMetrics(false, DEFAULT_IMAGE);
    }

    public ContainerMetrics withEnabled(boolean on) {
        return new ContainerMetrics(on, image);
    }
}
