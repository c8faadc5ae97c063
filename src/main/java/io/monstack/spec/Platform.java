package io.monstack.spec;

/** Where the stack runs: compose.yaml on one Docker host, or stack.yaml for docker stack deploy. */
public enum Platform implements SpecChoice {
    COMPOSE("compose", ""),
    SWARM("swarm", "");

    private final String id;
    private final String meaning;

    Platform(String id, String meaning) {
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
