package io.monstack.images;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.monstack.output.FileAction;
import io.monstack.output.PlannedFile;
import io.monstack.render.ShellQuote;
import io.monstack.spec.StackSpec;
import io.monstack.stack.RunOptions;
import io.monstack.stack.RunResult;
import io.monstack.stack.StackService;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * build-images: loads the spec, plans the two builds ({@link ImageBuilder}), checks that the
 * engine's client is installed and that an engine answers, then builds (and pushes) each image,
 * streaming the engine's output to the listener. Stops at the first failure.
 */
public final class ImageBuildService {
    /** How long the engine may take to answer the probe before it counts as absent. */
    public static final Duration PROBE_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration INSPECT_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern DOCKER_ENDPOINT = Pattern.compile("Cannot connect to the Docker daemon at (\\S+?)\\.?\\s");
    private static final Pattern ANY_ENDPOINT = Pattern.compile("(?:unix|tcp|ssh|npipe|fd)://\\S+?(?=[.:,;\"']?(?:\\s|$))");

    private final Map<String, String> env;
    private final ProcessRunner runner;

    /** Runs the engine's client with this process's environment (DOCKER_HOST, DOCKER_CONTEXT, PATH...). */
    public ImageBuildService() {
        this(System.getenv());
    }

    public ImageBuildService(Map<String, String> env) {
        this(env, new SystemProcessRunner(env));
    }

    public ImageBuildService(Map<String, String> env, ProcessRunner runner) {
        this.env = Map.copyOf(env);
        this.runner = runner;
    }

    public BuildReport run(Path dir, ImageBuildOptions options, BuildListener listener) {
        StackService stacks = new StackService(listener::note);
        StackSpec spec = stacks.load(dir);
        BuildPlan plan = new ImageBuilder(options).plan(dir, spec);
        staleFiles(stacks, dir).ifPresent(listener::note);
        swarmNote(spec, plan).ifPresent(listener::note);
        if (options.dryRun()) {
            return new BuildReport(plan, true, null, List.of(), false);
        }
        return execute(plan, listener);
    }

    /** Runs a plan: probe, builds, pushes, inspects. */
    public BuildReport execute(BuildPlan plan, BuildListener listener) {
        ImageBuildOptions options = plan.options();
        ImageBuilder builder = new ImageBuilder(options);
        Path exe = locateClient(options);
        String version = probe(builder, options, exe);

        List<ImageJob> built = new ArrayList<>();
        for (int i = 0; i < plan.jobs().size(); i++) {
            ImageJob job = plan.jobs().get(i);
            listener.step("building " + job.image() + " from " + job.context() + "/ ...");
            int code = stream(resolved(plan.buildCommands().get(i), exe), listener);
            if (code != 0) {
                throw new ImageBuildException("building " + job.image() + " failed: `" + ShellQuote.join(plan.buildCommands().get(i))
                        + "` exited with " + code + " (the " + options.engine().displayName() + " output above says why)"
                        + notDone(plan, built, job));
            }
            built.add(job);
        }
        for (int i = 0; i < plan.pushCommands().size(); i++) {
            ImageJob job = plan.jobs().get(i);
            listener.step("pushing " + job.image() + " ...");
            int code = stream(resolved(plan.pushCommands().get(i), exe), listener);
            if (code != 0) {
                throw new ImageBuildException("pushing " + job.image() + " failed: `" + ShellQuote.join(plan.pushCommands().get(i))
                        + "` exited with " + code + " (see the output above; log in with `" + options.executable()
                        + " login` if the registry asks for it)");
            }
        }
        List<BuiltImage> images = new ArrayList<>();
        for (ImageJob job : plan.jobs()) {
            images.add(inspect(builder, exe, job));
        }
        return new BuildReport(plan, false, version, images, !plan.pushCommands().isEmpty());
    }

    private Path locateClient(ImageBuildOptions options) {
        Optional<Path> exe = SystemProcessRunner.which(options.executable(), env);
        if (exe.isPresent()) {
            return exe.get();
        }
        String where = options.executable().contains("/")
                ? options.executable() + " does not exist or is not executable"
                : "`" + options.executable() + "` is not on PATH (" + env.getOrDefault("PATH", "") + ")";
        throw new EngineUnavailableException("cannot build images: the " + options.engine().displayName() + " CLI is missing: "
                + where + "; " + options.engine().installHint());
    }

    /** The engine's version; throws EngineUnavailableException when it does not answer. */
    private String probe(ImageBuilder builder, ImageBuildOptions options, Path exe) {
        List<String> cmd = builder.probeCommand();
        ProcessRunner.Captured r;
        try {
            r = runner.capture(resolved(cmd, exe), PROBE_TIMEOUT);
        } catch (IOException e) {
            throw new EngineUnavailableException("cannot run " + exe + ": " + e.getMessage() + "; " + options.engine().installHint());
        }
        String version = r.stdout().strip();
        if (r.ok() && !version.isEmpty() && !version.contains("<no value>")) {
            return version;
        }
        String engine = options.engine().displayName();
        String why = r.timedOut() ? "no answer within " + PROBE_TIMEOUT.toSeconds() + " s" : lastLine(r.stderr() + "\n" + r.stdout());
        throw new EngineUnavailableException("no " + engine + " engine answers at " + endpoint(options.engine(), r.stderr())
                + " (tried `" + ShellQuote.join(cmd) + "`" + (why.isEmpty() ? "" : ": " + why) + "): "
                + options.engine().startHint());
    }

    /** Where the client looked for its engine, as precisely as we can tell. */
    String endpoint(ContainerEngine engine, String clientError) {
        if (engine == ContainerEngine.DOCKER) {
            Matcher m = DOCKER_ENDPOINT.matcher(clientError + " ");
            if (m.find()) {
                return m.group(1);
            }
            if (!env.getOrDefault("DOCKER_HOST", "").isBlank()) {
                return env.get("DOCKER_HOST");
            }
            Matcher any = ANY_ENDPOINT.matcher(clientError);
            if (any.find()) {
                return any.group();
            }
            if (!env.getOrDefault("DOCKER_CONTEXT", "").isBlank()) {
                return "the endpoint of docker context \"" + env.get("DOCKER_CONTEXT") + "\"";
            }
            return "unix:///var/run/docker.sock (the default; no DOCKER_HOST set)";
        }
        if (!env.getOrDefault("CONTAINER_HOST", "").isBlank()) {
            return env.get("CONTAINER_HOST");
        }
        Matcher any = ANY_ENDPOINT.matcher(clientError);
        return any.find() ? any.group() : "the local Podman (no CONTAINER_HOST set)";
    }

    private int stream(List<String> cmd, BuildListener listener) {
        try {
            return runner.stream(cmd, listener::output);
        } catch (IOException e) {
            throw new ImageBuildException("cannot run `" + ShellQuote.join(cmd) + "`: " + e.getMessage());
        }
    }

    private BuiltImage inspect(ImageBuilder builder, Path exe, ImageJob job) {
        List<String> cmd = builder.inspectCommand(job.image());
        ProcessRunner.Captured r;
        try {
            r = runner.capture(resolved(cmd, exe), INSPECT_TIMEOUT);
        } catch (IOException e) {
            throw new ImageBuildException("built " + job.image() + " but cannot inspect it: " + e.getMessage());
        }
        String[] parts = r.stdout().strip().split("\\|", 3);
        if (!r.ok() || parts.length != 3) {
            throw new ImageBuildException("the build of " + job.image() + " reported success, but `" + ShellQuote.join(cmd)
                    + "` fails: " + lastLine(r.stderr() + "\n" + r.stdout()));
        }
        long size;
        try {
            size = Long.parseLong(parts[1].strip());
        } catch (NumberFormatException e) {
            size = -1;
        }
        List<String> digests;
        try {
            List<String> parsed = new ObjectMapper().readValue(parts[2].strip(), new TypeReference<List<String>>() { });
            digests = parsed == null ? List.of() : parsed;
        } catch (IOException e) {
            digests = List.of();
        }
        return new BuiltImage(job.component(), job.repository(), job.tag(), parts[0].strip(), size, digests);
    }

    /** On swarm, stack.yaml names the images under images.registry and every node pulls them from there. */
    private static Optional<String> swarmNote(StackSpec spec, BuildPlan plan) {
        if (!spec.deploy().isSwarm()) {
            return Optional.empty();
        }
        String wanted = spec.images().registry();
        String used = plan.jobs().isEmpty() ? wanted : plan.jobs().get(0).image();
        if (!wanted.isEmpty() && !used.startsWith(wanted.endsWith("/") ? wanted : wanted + "/")) {
            return Optional.of("stack.yaml pulls the images from " + wanted + " (images.registry in monstack.yml), not from where "
                    + "these are named (" + used + "); change images.registry and run `monstack generate`, or build without --registry");
        }
        if (!plan.options().push()) {
            return Optional.of("a swarm stack's nodes pull the images from " + wanted + ": add --push before `docker stack deploy`");
        }
        return Optional.empty();
    }

    /** A note when the Dockerfiles or what they copy no longer match monstack.yml. */
    private static Optional<String> staleFiles(StackService stacks, Path dir) {
        try {
            RunResult r = stacks.generate(dir, new RunOptions(true, false));
            List<String> stale = r.plan().files().stream()
                    .filter(f -> f.action() != FileAction.UNCHANGED)
                    .map(PlannedFile::path)
                    .filter(p -> ImageBuilder.ALL_COMPONENTS.stream().anyMatch(c -> p.startsWith(c + "/")))
                    .toList();
            if (stale.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of("the images are built from files that differ from what monstack.yml renders ("
                    + String.join(", ", stale) + "); run `monstack generate " + dir + "` first to bring them up to date");
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String notDone(BuildPlan plan, List<ImageJob> built, ImageJob failed) {
        List<String> notBuilt = plan.jobs().stream().filter(j -> !built.contains(j) && !j.equals(failed)).map(ImageJob::image).toList();
        StringBuilder sb = new StringBuilder();
        if (!built.isEmpty()) {
            sb.append("; built before the failure: ").append(String.join(", ", built.stream().map(ImageJob::image).toList()));
        }
        if (!notBuilt.isEmpty()) {
            sb.append("; not built: ").append(String.join(", ", notBuilt));
        }
        if (!plan.pushCommands().isEmpty()) {
            sb.append("; nothing was pushed");
        }
        return sb.toString();
    }

    private static List<String> resolved(List<String> cmd, Path exe) {
        List<String> out = new ArrayList<>(cmd);
        out.set(0, exe.toString());
        return out;
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\\R");
        for (int i = lines.length - 1; i >= 0; i--) {
            String l = lines[i].strip();
            if (!l.isEmpty()) {
                return l.length() > 400 ? l.substring(0, 400) + "..." : l;
            }
        }
        return "";
    }
}
