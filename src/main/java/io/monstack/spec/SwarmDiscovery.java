package io.monstack.spec;

/** How Prometheus finds a swarm service's replicas. */
public enum SwarmDiscovery implements SpecChoice {
    DNS("tasks.SERVICE names"),
    DOCKERSWARM("the swarm API, through the Docker socket");

    private final String meaning;

    SwarmDiscovery(String meaning) {
        this.meaning = meaning;
    }

    @Override
    public String meaning() {
        return meaning;
    }
}
