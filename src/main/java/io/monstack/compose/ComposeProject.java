package io.monstack.compose;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What monstack reads of a compose project (its files merged and interpolated): its name as
 * Compose derives it, its services in file order, and its networks by key with their real names.
 */
record ComposeProject(String name, List<ComposeService> services, Map<String, ComposeNetwork> networks, String files) {
    static final String DEFAULT_NETWORK = "default";

    Optional<ComposeService> service(String serviceName) {
        return services.stream().filter(s -> s.name().equals(serviceName)).findFirst();
    }

    /** A network key's definition; "default" is there even when the files do not define it. */
    ComposeNetwork network(String key) {
        return networks.get(key);
    }
}
