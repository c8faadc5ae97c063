package io.monstack.compose;

import io.monstack.spec.StackSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A tcp port of the host that the monitoring stack binds (its UIs as published, node-exporter on
 * the host's network, the engine's metrics address), said the way a note says it: who binds it,
 * on which address ("" for every address), and the setting that moves it.
 */
public record StackPort(String who, String address, int port, String fix) {
    private static final String GENERATE = " in monstack.yml and run monstack generate";

    /** What spec's stack binds on the host (on swarm, the published ports on every node's address). */
    public static List<StackPort> of(StackSpec spec) {
        boolean swarm = spec.deploy().isSwarm();
        String published = swarm ? "" : spec.publishAddress();
        List<StackPort> out = new ArrayList<>();
        out.add(new StackPort("the monitoring stack's Prometheus publishes", published, spec.prometheus().port(),
                "set another prometheus.port" + GENERATE));
        out.add(new StackPort("the monitoring stack's Grafana publishes", published, spec.grafana().port(),
                "set another grafana.port" + GENERATE));
        if (spec.alerting().enabled()) {
            out.add(new StackPort("the monitoring stack's Alertmanager publishes", published, spec.alerting().port(),
                    "set another alerting.port" + GENERATE));
        }
        if (spec.hostMetrics().enabled() && !swarm) {
            String listen = spec.hostMetrics().listenAddress();
            out.add(new StackPort("the monitoring stack's node-exporter (host network) listens on", listen.substring(0,
                    listen.lastIndexOf(':')), spec.hostMetrics().port(), "set another hostMetrics.listenAddress" + GENERATE));
        }
        if (spec.dockerEngine().enabled()) {
            out.add(new StackPort("the Docker engine's metrics address (docker/daemon.json) is", spec.dockerEngine().host(),
                    spec.dockerEngine().port(), "give init --metrics-addr HOST:PORT (dockerEngine.metricsAddr in monstack.yml) "
                    + "with a free port"));
        }
        return List.copyOf(out);
    }

    /** Whether a bind of the same port on appAddress ("" for every address) and this one's address collide. */
    boolean collidesWith(String appAddress) {
        return everyAddress(address) || everyAddress(appAddress) || unbracketed(address).equals(unbracketed(appAddress));
    }

    /** 127.0.0.1:9090, [::1]:9090, or 9090 (every address). */
    String shown() {
        String host = unbracketed(address);
        return host.isEmpty() ? String.valueOf(port) : Shown.name(host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    private static boolean everyAddress(String address) {
        String host = unbracketed(address);
        return host.isEmpty() || host.equals("0.0.0.0") || host.equals("::");
    }

    private static String unbracketed(String address) {
        String a = address == null ? "" : address.strip();
        return a.startsWith("[") && a.endsWith("]") ? a.substring(1, a.length() - 1) : a;
    }
}
