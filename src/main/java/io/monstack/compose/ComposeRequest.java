package io.monstack.compose;

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
 */
public record ComposeRequest(List<Path> files, List<String> profiles, boolean probe, boolean swarm, int prometheusMajor,
        boolean asking) {
    public ComposeRequest {
        files = List.copyOf(files);
        profiles = List.copyOf(profiles);
    }
}
