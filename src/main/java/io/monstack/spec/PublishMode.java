package io.monstack.spec;

/** How a swarm publishes the UIs' ports. */
public enum PublishMode implements SpecChoice {
    INGRESS("ingress", "every node, routing mesh"),
    HOST("host", "the node that runs the service; for hosts without IPVS");

    private final String id;
    private final String meaning;

    PublishMode(String id, String meaning) {
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
