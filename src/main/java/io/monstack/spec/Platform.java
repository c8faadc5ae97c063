package io.monstack.spec;

/** Where the stack runs: compose.yaml on one Docker host, or stack.yaml for docker stack deploy. */
public enum Platform implements SpecChoice {
    COMPOSE, SWARM
}
