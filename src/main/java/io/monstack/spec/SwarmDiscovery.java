package io.monstack.spec;

/** How Prometheus finds a swarm service's replicas. */
public enum SwarmDiscovery implements SpecChoice {
    DNS("dns", "tasks.SERVICE names"),
    DOCKERSWARM("dockerswarm", "the swarm API, through the Docker socket");

    private final String id;
    private final String meaning;

    SwarmDiscovery(String id, String meaning) {
        this.id = id;
        this.meaning = meaning;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String meaning() {
        return meaning;
    }
}
