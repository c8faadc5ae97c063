package io.monstack.compose;

import io.monstack.discover.Discovery;
import io.monstack.discover.MetricsDiscovery;
import io.monstack.discover.MetricsFetcher;
import io.monstack.stack.UserException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a service's metrics page on its running containers, the way {@code monstack discover}
 * does: the first candidate port and path that serve a metrics page on the first container win,
 * then every other replica is read there too. A container is reached at its address on one of
 * its networks, or at its published port (first when the engine is remote).
 */
final class ContainerProbe {
    private static final Duration CONNECT = Duration.ofMillis(1500);
    private static final MetricsDiscovery DISCOVERY = new MetricsDiscovery(
            new MetricsFetcher(Duration.ofSeconds(2), Duration.ofSeconds(5), MetricsFetcher.DEFAULT_MAX_BYTES));

    /** What the probe read: the page of the first container, where, and how many replicas answered. */
    record Result(Discovery page, int port, String path, String url, int answered, int containers) {
    }

    private final DockerCli docker;

    ContainerProbe(DockerCli docker) {
        this.docker = docker;
    }

    /** The page, or null when no candidate served one (why is in notes). */
    Result probe(String service, List<RunningContainers.Container> containers, List<Integer> ports, List<String> paths,
            List<String> notes) {
        RunningContainers.Container first = containers.get(0);
        List<String> tried = new ArrayList<>();
        for (int port : ports) {
            for (String host : hosts(first, port)) {
                String hostPort = host + ":" + published(first, port, host);
                if (!connects(host, published(first, port, host))) {
                    tried.add(hostPort + " (no connection)");
                    continue;
                }
                for (String path : paths) {
                    String url = "http://" + hostPort + path;
                    try {
                        Discovery page = DISCOVERY.discover(url);
                        int answered = 1 + replicas(service, containers, port, path, notes);
                        return new Result(page, port, path, url, answered, containers.size());
                    } catch (UserException e) {
                        tried.add(url + " (" + e.getMessage().replace(url, "").replaceFirst("^[:\\s]+", "") + ")");
                    }
                }
                break; // one reachable address of the container is enough to know what that port serves
            }
        }
        notes.add("service " + Shown.name(service) + ": --probe found no metrics page on " + first.name() + ": tried "
                + String.join(", ", tried.subList(0, Math.min(6, tried.size()))) + (tried.size() > 6 ? ", ..." : "")
                + "; took what the compose file says");
        return null;
    }

    /** Reads the same port and path on every other replica; returns how many answered, noting those that did not. */
    private int replicas(String service, List<RunningContainers.Container> containers, int port, String path, List<String> notes) {
        int answered = 0;
        for (RunningContainers.Container c : containers.subList(1, containers.size())) {
            String error = "no address";
            for (String host : hosts(c, port)) {
                String url = "http://" + host + ":" + published(c, port, host) + path;
                try {
                    DISCOVERY.discover(url);
                    error = null;
                    break;
                } catch (UserException e) {
                    error = e.getMessage();
                }
            }
            if (error == null) {
                answered++;
            } else {
                notes.add("service " + Shown.name(service) + ": replica " + c.name() + " did not serve its page: " + error);
            }
        }
        return answered;
    }

    /** Where to reach the container's port from here: its network addresses, and its published port. */
    private List<String> hosts(RunningContainers.Container c, int port) {
        Set<String> out = new LinkedHashSet<>();
        if (docker.remote() && c.published().containsKey(port)) {
            out.add(docker.publishedHost());
        }
        out.addAll(c.addresses().values());
        if (c.published().containsKey(port)) {
            out.add(docker.publishedHost());
        }
        return List.copyOf(out);
    }

    /** The port to connect to on host: the published one on the engine's host, else the container's own. */
    private int published(RunningContainers.Container c, int port, String host) {
        return host.equals(docker.publishedHost()) && c.published().containsKey(port) ? c.published().get(port) : port;
    }

    private static boolean connects(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), (int) CONNECT.toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
