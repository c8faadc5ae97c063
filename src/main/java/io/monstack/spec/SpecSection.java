package io.monstack.spec;

import java.util.Arrays;
import java.util.List;

/** The top-level keys of monstack.yml: where a problem is, as a closed set. */
public enum SpecSection {
    NAME("name"),
    PROMETHEUS("prometheus"),
    GRAFANA("grafana"),
    DOCKER_ENGINE("dockerEngine"),
    IMAGES("images"),
    PUBLISH_ADDRESS("publishAddress"),
    TARGETS("targets"),
    ALERTING("alerting"),
    PLATFORM("platform"),
    SWARM("swarm"),
    REMOTE_WRITE("remoteWrite"),
    EXTERNAL_LABELS("externalLabels"),
    HOST_METRICS("hostMetrics"),
    CONTAINER_METRICS("containerMetrics");

    private final String key;

    SpecSection(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static List<String> keys() {
        return Arrays.stream(values()).map(SpecSection::key).toList();
    }

    /** The section a spec path (targets[2].dns.port, dockerEngine.metricsAddr, ...) is in; null for the whole spec. */
    static SpecSection of(String path) {
        int end = 0;
        while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
            end++;
        }
        String first = path.substring(0, end);
        return Arrays.stream(values()).filter(s -> s.key.equals(first)).findFirst().orElse(null);
    }
}
