package io.monstack.spec;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One of the app's Docker networks that Prometheus joins, by its real name (what `docker network
 * ls` shows, e.g. shop_default): the app's compose project or stack made it, so the monitoring
 * stack declares it external. Joining it is what lets Prometheus resolve the app's service names.
 */
public record AppNetwork(String name) {
    /** What the engine accepts as a network name (moby's restricted-name rule), and at most 128 characters. */
    public static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$");
    /** The engine's own networks: host and none cannot be joined next to others, and names do not resolve on bridge. */
    public static final List<String> PREDEFINED = List.of("bridge", "host", "none", "default");

    /**
     * Its key under `networks:` in the generated compose.yaml and stack.yaml. Prefixed, so it can
     * never be the stack's own `default`; one key per name, since valid names are keys already.
     */
    public String composeKey() {
        return "app_" + name;
    }
}
