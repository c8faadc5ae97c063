package io.monstack.compose;

import io.monstack.spec.StackSpec;
import java.nio.file.Path;
import java.util.List;

/**
 * What to import from the app's compose files.
 *
 * @param files the compose files, merged in this order (as docker compose -f a -f b)
 * @param profiles profiles to treat as active, besides COMPOSE_PROFILES (as docker compose --profile)
 * @param probe read the running containers' metrics pages (docker CLI, DOCKER_HOST honoured)
 * @param swarm the monitoring stack runs on swarm: replicas are tasks.SERVICE, networks overlays
 * @param prometheusMajor the stack's Prometheus major version (what a target may say for it)
 * @param asking a wizard asks next: a service whose metrics port nothing tells is kept (to be
 *        asked) instead of left out
 * @param stackPorts the host ports the monitoring stack binds: a service of the app that publishes
 *        one of them is noted (one of the two could not start)
 */
public record ComposeRequest(List<Path> files, List<String> profiles, boolean probe, boolean swarm, int prometheusMajor,
        boolean asking, List<StackPort> stackPorts) {
    public ComposeRequest {
        files = List.copyOf(files);
        profiles = List.copyOf(profiles);
        stackPorts = List.copyOf(stackPorts);
    }

    /** Without the stack's ports (nothing is checked against them). */
    public ComposeRequest(List<Path> files, List<String> profiles, boolean probe, boolean swarm, int prometheusMajor,
            boolean asking) {
        this(files, profiles, probe, swarm, prometheusMajor, asking, List.of());
    }

    /** This request, checked against the host ports the stack of spec binds. */
    public ComposeRequest withStack(StackSpec spec) {
        return new ComposeRequest(files, profiles, probe, swarm, prometheusMajor, asking, StackPort.of(spec));
    }
}
