package io.monstack.cli.wizard;

import io.monstack.spec.Platform;
import io.monstack.spec.SpecChoice;
import io.monstack.spec.DockerEngine;
import io.monstack.spec.ImageSettings;
import io.monstack.spec.Problem;
import io.monstack.spec.SpecRules;
import io.monstack.spec.SpecSection;
import io.monstack.spec.StackOverrides;
import io.monstack.spec.SpecValidator;
import io.monstack.spec.StackSpec;
import io.monstack.spec.Target;
import io.monstack.spec.TargetDraft;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** init's questions: the stack's name, its services one by one, the Docker engine's metrics, alerting, the platform. */
public final class StackQuestions {
    private final Prompter p;

    public StackQuestions(Prompter prompter) {
        this.p = prompter;
    }

    /** base holds the flags and defaults; its name may be null when the folder's name is not a valid one. */
    public StackSpec ask(StackSpec base, StackOverrides given) {
        return ask(base, given, List.of());
    }

    /**
     * found: targets found elsewhere (the app's compose file): each is asked only for what it
     * leaves open (a service whose port is left open may be left out), then more services may be added.
     */
    public StackSpec ask(StackSpec base, StackOverrides given, List<TargetDraft> found) {
        StackSpec spec = base;
        if (!given.givesName()) {
            spec = spec.withName(p.ask("Stack name (names the images, the compose project and the dashboard folder)", base.name(),
                    a -> SpecRules.STACK_NAME.matcher(a).matches() ? null
                            : "use lowercase letters, digits, '-' or '_', starting with a letter or digit"));
        }
        List<Target> targets = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (TargetDraft draft : found) {
            p.say("");
            p.say("Service " + (targets.size() + 1) + " to scrape: " + draft.name() + " (from the compose file)");
            Target t = new TargetQuestions(p, spec).askFound(draft, taken);
            if (t == null) {
                p.say("  left out " + draft.name());
                continue;
            }
            targets.add(t);
            taken.add(t.name());
        }
        boolean more = found.isEmpty() || p.yesNo("Add another service?", false);
        while (more) {
            p.say("");
            p.say("Service " + (targets.size() + 1) + " to scrape:");
            Target t = new TargetQuestions(p, spec).ask(new TargetDraft(), taken);
            targets.add(t);
            taken.add(t.name());
            more = p.yesNo("Add another service?", false);
        }
        spec = spec.withTargets(targets);
        DockerEngine engine = spec.dockerEngine();
        boolean on = given.givesDockerEngine() ? engine.enabled() : p.yesNo("Scrape the Docker engine's own metrics?", true);
        String addr = engine.metricsAddr();
        if (on && !given.givesMetricsAddr()) {
            p.say("note: 0.0.0.0 exposes the engine's metrics to the whole network; 172.17.0.1:9323 keeps them on the docker bridge");
            StackSpec current = spec;
            addr = p.ask("Address the Docker daemon serves metrics on", addr,
                    a -> problem(withEngine(current, new DockerEngine(true, a, false)), SpecSection.DOCKER_ENGINE));
        }
        spec = withEngine(spec, new DockerEngine(on, addr, engine.experimental()));
        spec = askViews(spec, given);
        if (!given.givesAlerting()) {
            boolean alerting = p.yesNo("Alerting (rules per service, an Alertmanager; receivers go in monstack.yml)?",
                    spec.alerting().enabled());
            spec = spec.withAlerting(spec.alerting().withEnabled(alerting));
        }
        if (!given.givesPlatform()) {
            spec = askPlatform(spec);
        }
        return spec;
    }

    /** The host and container views, each with what it costs. */
    private StackSpec askViews(StackSpec spec, StackOverrides given) {
        StackSpec next = spec;
        if (!given.givesHostMetrics()) {
            p.say("note: the host view runs node-exporter in the host's network and PID namespaces, with the host's root "
                    + "read-only; it serves on " + spec.hostMetrics().listenAddress() + " (hostMetrics.listenAddress)");
            boolean host = p.yesNo("Host view (node-exporter: CPU, memory, disks, network of the host)?", spec.hostMetrics().enabled());
            next = next.with(b -> b.hostMetrics(spec.hostMetrics().withEnabled(host)));
        }
        if (!given.givesContainerMetrics()) {
            p.say("note: the container view runs cAdvisor, which mounts /var/run (the Docker socket: it can control the "
                    + "engine) and /var/lib/docker read-only to measure every container");
            boolean containers = p.yesNo("Container view (cAdvisor: CPU, memory, network, restarts per container)?",
                    spec.containerMetrics().enabled());
            next = next.with(b -> b.containerMetrics(spec.containerMetrics().withEnabled(containers)));
        }
        return next;
    }

    /** compose (one host) or swarm; a swarm pulls the images from a registry, so that is asked too. */
    private StackSpec askPlatform(StackSpec spec) {
        p.say("note: compose runs the stack on this host; swarm writes stack.yaml for docker stack deploy");
        Platform platform = SpecChoice.parse(Platform.class, p.ask("Platform (compose or swarm)", spec.deploy().platform().id(),
                a -> !SpecChoice.ids(Platform.class).contains(a) ? "answer compose or swarm"
                        : otherThanAskedNext(spec.withDeploy(spec.deploy().withPlatform(SpecChoice.parse(Platform.class, a))))));
        StackSpec next = spec.withDeploy(spec.deploy().withPlatform(platform));
        String engineProblem = problem(next, SpecSection.DOCKER_ENGINE);
        if (engineProblem != null) {
            // an address answered before the platform that this platform refuses: asked again, not a dead end
            p.say("  ! " + engineProblem);
            StackSpec current = next;
            String addr = p.ask("Address the Docker daemon serves metrics on", "0.0.0.0:" + current.dockerEngine().port(),
                    a -> problem(withEngine(current, new DockerEngine(true, a, current.dockerEngine().experimental())),
                            SpecSection.DOCKER_ENGINE));
            next = withEngine(next, new DockerEngine(true, addr, next.dockerEngine().experimental()));
        }
        if (next.deploy().isSwarm() && next.images().registry().isEmpty()) {
            StackSpec current = next;
            String registry = p.ask("Registry the swarm nodes pull the images from (e.g. registry.example.com:5000/team)", "",
                    a -> a.isEmpty() ? "a swarm needs a registry" : problem(current.withImages(new ImageSettings(a, current.images().tag())), SpecSection.IMAGES));
            next = next.withImages(new ImageSettings(registry, next.images().tag()));
        }
        return next;
    }

    private static StackSpec withEngine(StackSpec s, DockerEngine engine) {
        return s.withDockerEngine(engine);
    }

    /** What the validator refuses in the spec, but for what is asked next: the registry, and the engine's address again. */
    private static String otherThanAskedNext(StackSpec trial) {
        return SpecValidator.validate(trial).stream().filter(pr -> pr.section() != SpecSection.IMAGES
                        && pr.section() != SpecSection.DOCKER_ENGINE)
                .map(Problem::message).findFirst().orElse(null);
    }

    /** The first problem the validator finds in the given section of the spec, or null. */
    static String problem(StackSpec trial, SpecSection section) {
        return SpecValidator.validate(trial).stream().filter(pr -> pr.section() == section)
                .map(Problem::message).findFirst().orElse(null);
    }
}
