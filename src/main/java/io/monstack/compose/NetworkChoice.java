package io.monstack.compose;

import io.monstack.spec.AppNetwork;
import io.monstack.stack.UserException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which of the app's networks Prometheus joins: the fewest that reach every target (a service
 * on several networks needs only one of them), among those it can join at all. A target on no
 * joinable network is an error that names the network, where it is defined, and why.
 */
final class NetworkChoice {
    private NetworkChoice() {
    }

    /** services: the targets' services; swarm: the stack runs on swarm (overlays only). */
    static List<AppNetwork> choose(ComposeProject project, List<ComposeService> services, boolean swarm) {
        Map<String, List<String>> reach = new LinkedHashMap<>(); // real network name -> services on it
        Map<String, ComposeNetwork> byName = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (ComposeService s : services) {
            List<String> why = new ArrayList<>();
            for (String key : s.networks()) {
                ComposeNetwork n = project.network(key);
                String problem = cannotJoin(n, swarm);
                if (problem != null) {
                    why.add(n.at().prefix() + problem);
                    continue;
                }
                byName.putIfAbsent(n.realName(), n);
                reach.computeIfAbsent(n.realName(), k -> new ArrayList<>()).add(s.name());
            }
            if (reach.values().stream().noneMatch(l -> l.contains(s.name()))) {
                problems.add(why.isEmpty() ? s.at().prefix() + "service " + Shown.name(s.name()) + " is on no network" : why.get(0)
                        + " (service " + Shown.name(s.name()) + " is on no other)");
            }
        }
        if (!problems.isEmpty()) {
            throw new io.monstack.spec.SpecException(problems.stream().distinct().toList());
        }
        Set<String> uncovered = new LinkedHashSet<>(services.stream().map(ComposeService::name).toList());
        List<AppNetwork> chosen = new ArrayList<>();
        while (!uncovered.isEmpty()) {
            String best = null;
            long most = 0;
            for (Map.Entry<String, List<String>> e : reach.entrySet()) {
                long covers = e.getValue().stream().filter(uncovered::contains).count();
                if (covers > most) {
                    most = covers;
                    best = e.getKey();
                }
            }
            reach.get(best).forEach(uncovered::remove);
            chosen.add(new AppNetwork(best));
        }
        return chosen;
    }

    /** Why Prometheus cannot join this network (as the compose file defines it), or null. */
    static String cannotJoin(ComposeNetwork n, boolean swarm) {
        String name = "network " + Shown.name(n.key()) + (n.key().equals(n.realName()) ? "" : " (" + Shown.name(n.realName()) + ")");
        if ("host".equals(n.driver()) || "none".equals(n.driver())) {
            return name + " has driver " + n.driver() + ", which no other container can join";
        }
        if (AppNetwork.PREDEFINED.contains(n.realName())) {
            return name + " is the engine's own " + n.realName() + " network, where service names do not resolve; "
                    + "put the service on a network of the project";
        }
        if (!AppNetwork.NAME.matcher(n.realName()).matches()) {
            return name + ": " + Shown.value(n.realName()) + " is not a network name the engine accepts";
        }
        if (!swarm && n.overlay() && !Boolean.TRUE.equals(n.attachable())) {
            return name + " is an overlay network that is not attachable, so the monitoring stack's compose Prometheus "
                    + "cannot join it; add attachable: true to it, or run the stack on swarm (--platform swarm)";
        }
        if (swarm && n.driver() != null && !n.overlay()) {
            return name + " has driver " + n.driver() + ": swarm services join overlay networks only";
        }
        return null;
    }

    /** What the engine says about a chosen network (with --probe): it must exist and be joinable from where the stack runs. */
    static void checkOnEngine(DockerCli docker, List<AppNetwork> chosen, ComposeProject project, boolean swarm) {
        List<String> problems = new ArrayList<>();
        for (AppNetwork n : chosen) {
            ComposeNetwork defined = project.networks().values().stream().filter(c -> c.realName().equals(n.name())).findFirst()
                    .orElse(null);
            String at = defined == null ? "" : defined.at().prefix();
            String out;
            try {
                out = docker.run(List.of("network", "inspect", "--format", "{{.Driver}} {{.Attachable}} {{.Scope}}", n.name())).strip();
            } catch (UserException e) {
                problems.add(at + "network " + n.name() + " does not exist on " + docker.engine() + ": is the app up, under "
                        + "this project name (docker compose ls)?");
                continue;
            }
            String[] f = out.split(" ");
            if (f.length == 3 && !swarm && f[0].equals("overlay") && !f[1].equals("true")) {
                problems.add(at + "network " + n.name() + " is an overlay network that is not attachable, so a compose "
                        + "Prometheus cannot join it; make it attachable, or run the stack on swarm (--platform swarm)");
            } else if (f.length == 3 && swarm && !f[2].equals("swarm")) {
                problems.add(at + "network " + n.name() + " is a " + f[0] + " network of one host (scope " + f[2]
                        + "); swarm services join overlay networks only");
            }
        }
        if (!problems.isEmpty()) {
            throw new io.monstack.spec.SpecException(problems);
        }
    }
}
