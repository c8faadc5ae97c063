package io.monstack.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.monstack.stack.UserException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The running containers of a compose project (or swarm stack), found the way `docker compose ps`
 * finds them: by the labels Compose (com.docker.compose.project/service) or the swarm
 * (com.docker.stack.namespace, com.docker.swarm.service.name) puts on them; then `docker inspect`
 * for their addresses on each network and their published ports.
 */
final class RunningContainers {
    /** One container: its addresses by network name, and host ports by container port (tcp). */
    record Container(String id, String name, String service, int number, Map<String, String> addresses,
            Map<Integer, Integer> published) {
    }

    private final List<Container> containers;

    private RunningContainers(List<Container> containers) {
        this.containers = containers;
    }

    static RunningContainers of(DockerCli docker, String project, boolean swarm) {
        String filter = swarm ? "label=com.docker.stack.namespace=" + project : "label=com.docker.compose.project=" + project;
        List<String> ids = docker.run(List.of("ps", "--no-trunc", "--format", "{{.ID}}", "--filter", filter)).lines()
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (ids.isEmpty()) {
            return new RunningContainers(List.of());
        }
        List<String> inspect = new ArrayList<>(List.of("inspect", "--type", "container"));
        inspect.addAll(ids);
        JsonNode all;
        try {
            all = new ObjectMapper().readTree(docker.run(inspect));
        } catch (IOException e) {
            throw new UserException("docker inspect gave no JSON: " + e.getMessage());
        }
        List<Container> out = new ArrayList<>();
        for (JsonNode c : all) {
            JsonNode labels = c.path("Config").path("Labels");
            String service = swarm ? stackService(labels.path("com.docker.swarm.service.name").asText(""), project)
                    : labels.path("com.docker.compose.service").asText("");
            Map<String, String> addresses = new LinkedHashMap<>();
            c.path("NetworkSettings").path("Networks").properties().forEach(n -> {
                String ip = n.getValue().path("IPAddress").asText("");
                if (!ip.isEmpty()) {
                    addresses.put(n.getKey(), ip);
                }
            });
            Map<Integer, Integer> published = new LinkedHashMap<>();
            c.path("NetworkSettings").path("Ports").properties().forEach(p -> {
                String[] port = p.getKey().split("/");
                JsonNode bindings = p.getValue();
                if (port.length == 2 && port[1].equals("tcp") && bindings.isArray() && bindings.size() > 0) {
                    String hostPort = bindings.get(0).path("HostPort").asText("");
                    if (hostPort.matches("\\d{1,5}") && port[0].matches("\\d{1,5}")) {
                        published.put(Integer.parseInt(port[0]), Integer.parseInt(hostPort));
                    }
                }
            });
            int number = labels.path("com.docker.compose.container-number").asInt(labels.path("com.docker.swarm.task.slot").asInt(0));
            out.add(new Container(c.path("Id").asText(), c.path("Name").asText("").replaceFirst("^/", ""), service, number,
                    addresses, published));
        }
        out.sort(Comparator.comparing(Container::service).thenComparingInt(Container::number).thenComparing(Container::name));
        return new RunningContainers(List.copyOf(out));
    }

    /** shop_orders -> orders (a swarm service is named STACK_SERVICE). */
    private static String stackService(String name, String stack) {
        return name.startsWith(stack + "_") ? name.substring(stack.length() + 1) : name;
    }

    boolean isEmpty() {
        return containers.isEmpty();
    }

    List<Container> of(String service) {
        return containers.stream().filter(c -> c.service().equals(service)).toList();
    }
}
