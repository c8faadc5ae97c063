package io.monstack.compose;

import io.monstack.spec.Problem;
import io.monstack.spec.SpecException;
import io.monstack.spec.SpecValidator;
import io.monstack.spec.StackSpec;
import io.monstack.spec.Target;
import io.monstack.spec.TargetSetting;
import io.monstack.stack.UserException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * init --compose and add-target --compose: reads the app's compose files as Compose does (the
 * project's .env, interpolation, the files merged in order), makes a target of every service that
 * serves metrics, and picks the app networks Prometheus joins. With --probe it reads the running
 * containers' pages first. It only reads: the compose files are never written, and it never prints.
 */
public final class ComposeImporter {
    /** How a run names the project after the stack the user deployed (a swarm stack is named by its deploy argument). */
    private static final String ANOTHER_NAME = "COMPOSE_PROJECT_NAME=THAT-NAME";

    private final Map<String, String> env;

    /** env: the environment Compose would see (interpolation, COMPOSE_PROJECT_NAME, COMPOSE_PROFILES, DOCKER_HOST). */
    public ComposeImporter(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** Every service of the files. */
    public ComposeImport importAll(ComposeRequest request) {
        return run(request, null);
    }

    /** One service, by name (add-target): a service that does not exist, or is left out, is an error saying why. */
    public ComposeImport importService(ComposeRequest request, String service) {
        ComposeImport found = run(request, service);
        if (found.targets().isEmpty()) {
            ComposeImport.LeftOut why = found.leftOut().get(0);
            throw new UserException("service " + Shown.name(service) + " of " + found.files() + " is not a target: " + why.reason());
        }
        return found;
    }

    private ComposeImport run(ComposeRequest request, String only) {
        if (request.files().isEmpty()) {
            throw new UserException("give the app's compose file with --compose FILE");
        }
        List<String> notes = new ArrayList<>();
        Read read = read(request.files(), notes);
        ComposeProject project = read.project();
        Map<String, String> variables = read.variables();
        String files = project.files();
        List<ComposeService> services = project.services();
        if (only != null) {
            ComposeService one = project.service(only).orElseThrow(() -> new UserException(files + " has no service " + Shown.value(only) + TargetSetting.didYouMean(only, project.services().stream().map(ComposeService::name).toList())
                    + "; its services: " + String.join(", ", project.services().stream().map(c -> Shown.name(c.name())).toList())));
            services = List.of(one);
        }

        String deploy = "docker stack deploy " + String.join(" ", request.files().stream().map(f -> "-c " + Shown.arg(f.toString())).toList())
                + " " + project.name();
        if (request.swarm()) {
            notes.add("swarm: the app is taken to be deployed as `" + deploy + "` (networks " + project.name() + "_NAME, tasks of the stack "
                    + project.name() + "): a stack is named by that argument, not by the compose file's name:; deployed under another "
                    + "name, run again with " + ANOTHER_NAME);
        }
        DockerCli docker = request.probe() ? new DockerCli(env) : null;
        RunningContainers running = null;
        if (docker != null) {
            running = RunningContainers.of(docker, project.name(), request.swarm());
            if (running.isEmpty()) {
                throw new UserException("--probe: no running container of the " + (request.swarm() ? "stack " : "compose project ")
                        + project.name() + " on " + docker.engine() + "; " + (request.swarm()
                        ? "deploy the app first (" + deploy + "; a stack deployed under another name: " + ANOTHER_NAME + ")"
                        : "start the app first (docker compose -p " + project.name() + " up -d)") + ", or leave out --probe");
            }
        }
        Set<String> active = activeProfiles(request, variables);
        notePortClashes(project, active, request, notes);
        ServiceTarget.Context ctx = new ServiceTarget.Context(ImageHints.bundled(), active,
                request.swarm(), request.prometheusMajor(), request.asking(), only != null, running,
                docker == null ? null : new ContainerProbe(docker), notes);
        List<ComposeImport.FoundTarget> targets = new ArrayList<>();
        List<ComposeImport.LeftOut> leftOut = new ArrayList<>();
        List<ComposeService> targeted = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (ComposeService s : services) {
            ServiceTarget.Outcome o = ServiceTarget.of(s, ctx);
            if (o.leftOut() != null) {
                leftOut.add(o.leftOut());
                continue;
            }
            problems.addAll(problems(s, o));
            if (!names.add(o.found().draft().name())) {
                problems.add(s.at().prefix() + "service " + Shown.name(s.name()) + ": a target named " + Shown.name(o.found().draft().name())
                        + " is there already; label one of them " + ServiceLabels.PREFIX + "name");
            }
            targets.add(o.found());
            targeted.add(s);
        }
        if (!problems.isEmpty()) {
            throw new SpecException(problems);
        }
        var networks = targeted.isEmpty() ? List.<io.monstack.spec.AppNetwork>of()
                : NetworkChoice.choose(project, targeted, request.swarm());
        if (docker != null && !networks.isEmpty()) {
            NetworkChoice.checkOnEngine(docker, networks, project, request.swarm());
        }
        return new ComposeImport(project.name(), files, targets, leftOut, networks, notes, request.swarm());
    }

    /** The project as read, and the variables it was interpolated with. */
    record Read(ComposeProject project, Map<String, String> variables) {
    }

    /** The files as one project: the first file's folder is the project's (its .env, its name, relative paths). */
    Read read(List<Path> paths, List<String> notes) {
        Path projectDir = paths.get(0).toAbsolutePath().normalize().getParent();
        Map<String, String> variables = variables(projectDir, notes);
        Interpolation interpolation = new Interpolation(variables);
        List<ComposeNode.Mapping> trees = new ArrayList<>();
        for (Path file : paths) {
            ComposeNode root = ComposeFileReader.read(file, interpolation);
            if (!(root instanceof ComposeNode.Mapping m)) {
                throw new UserException(root.at().prefix() + "not a compose file: it must be a mapping with services:");
            }
            trees.add(m);
        }
        String files = String.join(" + ", paths.stream().map(Path::toString).toList());
        ComposeProject project = ComposeModelReader.read(ComposeMerge.merge(trees), files, projectDir,
                variables.get("COMPOSE_PROJECT_NAME"), notes);
        // what monstack needs of them is read (a refused value there is an error); Compose refuses the rest too: said
        trees.forEach(tree -> ComposeModelReader.noteRefusals(tree, notes));
        return new Read(project, variables);
    }

    /**
     * What the validator says about a complete draft, each problem at the label that gave the
     * value (else at the service): all at once, before anything is written.
     */
    private static List<String> problems(ComposeService s, ServiceTarget.Outcome o) {
        if (o.found().open().contains(ServiceTarget.OPEN_PORT)) {
            return List.of(); // not a target yet: the wizard asks the port, and checks each answer
        }
        Target t = o.found().draft().toTarget();
        List<String> out = new ArrayList<>();
        for (Problem p : SpecValidator.validate(StackSpec.empty("compose").withTarget(t))) {
            if (!p.path().startsWith("targets[")) {
                continue;
            }
            Where at = p.setting() != null && o.sources().containsKey(p.setting()) ? o.sources().get(p.setting()) : s.at();
            out.add(at.prefix() + "service " + Shown.name(s.name()) + ": " + p.message());
        }
        return out;
    }

    /** The environment over the project's .env (the environment wins, as in Compose). */
    private Map<String, String> variables(Path projectDir, List<String> notes) {
        Map<String, String> vars = new HashMap<>();
        Path dotEnv = projectDir.resolve(".env");
        if (Files.isRegularFile(dotEnv)) {
            vars.putAll(DotEnv.parse(ComposeFileReader.text(dotEnv), dotEnv.toString(), env, notes));
        }
        vars.putAll(env);
        return vars;
    }

    /**
     * A service of the app (any that runs, a target or not: the app's own Prometheus is left out,
     * but it still publishes its port) that publishes a host port the monitoring stack binds too:
     * one of the two cannot start while the other runs. A note each, at the port, with the fix.
     */
    private static void notePortClashes(ComposeProject project, Set<String> active, ComposeRequest request, List<String> notes) {
        for (ComposeService s : project.services()) {
            if (!s.activeWith(active) || s.networkMode() != null || s.replicas() != null && s.replicas() == 0) {
                continue;
            }
            Set<StackPort> said = new HashSet<>();
            for (ComposeService.PublishedPort p : s.published()) {
                for (StackPort ours : request.stackPorts()) {
                    if (p.includes(ours.port()) && (request.swarm() || ours.collidesWith(p.hostIp())) && said.add(ours)) {
                        String theirs = p.from() == p.to() ? "host port " + p.from() : "host ports " + p.from() + "-" + p.to();
                        notes.add(p.at() + ": service " + Shown.name(s.name()) + " publishes " + theirs + ", and " + ours.who() + " "
                                + ours.shown() + ": whichever starts second cannot bind it; " + ours.fix()
                                + " (or publish the app's service on another port)");
                    }
                }
            }
        }
    }

    static Set<String> activeProfiles(ComposeRequest request, Map<String, String> variables) {
        Set<String> active = new LinkedHashSet<>(request.profiles());
        String fromEnv = variables.get("COMPOSE_PROFILES");
        if (fromEnv != null) {
            for (String p : fromEnv.split(",")) {
                if (!p.isBlank()) {
                    active.add(p.strip());
                }
            }
        }
        return active;
    }

}
