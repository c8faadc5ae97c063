package io.monstack.spec;

/** How a swarm publishes the UIs' ports. */
public enum PublishMode implements SpecChoice {
    INGRESS("every node, routing mesh"),
    HOST("the node that runs the service; for hosts without IPVS");

    private final String meaning;

    PublishMode(String meaning) {
        this.meaning = meaning;
    }

    @Override
    public String meaning() {
        return meaning;
    }
}
