package io.monstack.compose;

import java.util.List;
import java.util.Map;

/**
 * One service of the compose project, as far as monstack reads it. replicas is null when not
 * said (one container); networks are the keys it joins ("default" when it names none);
 * networkMode is null unless network_mode is set. labels hold labels and deploy.labels; ports are
 * the tcp container ports of ports:, published the tcp host ports it publishes.
 */
record ComposeService(
        String name,
        Where at,
        String image,
        List<ContainerPort> ports,
        List<PublishedPort> published,
        List<ContainerPort> expose,
        Map<String, Label> labels,
        String containerName,
        Integer replicas,
        boolean global,
        List<String> profiles,
        List<String> networks,
        String networkMode,
        String dockerfileFrom) {

    /** A label's value and where it was written. */
    record Label(String value, Where at) {
    }

    /** A container port the service listens on: from expose or the container side of ports. */
    record ContainerPort(int port, String source, Where at) {
    }

    /**
     * A tcp port (or range) of the host that the service publishes: from the ports the engine binds
     * on hostIp ("" for every address) when a container starts. Compose picks one of a range.
     */
    record PublishedPort(String hostIp, int from, int to, Where at) {
        boolean includes(int port) {
            return port >= from && port <= to;
        }
    }

    /** Whether Compose starts it with these profiles active ("*": all): it names none, or one of them. */
    boolean activeWith(java.util.Set<String> activeProfiles) {
        return profiles.isEmpty() || activeProfiles.contains("*") || profiles.stream().anyMatch(activeProfiles::contains);
    }

    /** Whether Compose may run more than one container of it: replicas, global mode, or scalable (no container_name). */
    boolean manyContainers() {
        return global || replicas != null && replicas > 1;
    }
}
