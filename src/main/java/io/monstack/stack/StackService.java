package io.monstack.stack;

import io.monstack.compose.ComposeImport;
import io.monstack.compose.ComposeImporter;
import io.monstack.compose.ComposeRequest;
import io.monstack.discover.MetricsDiscovery;
import io.monstack.generate.GeneratedFile;
import io.monstack.generate.StackGenerator;
import io.monstack.output.FileAction;
import io.monstack.output.Manifest;
import io.monstack.output.Plan;
import io.monstack.output.PlannedFile;
import io.monstack.output.StackLock;
import io.monstack.output.StackWriter;
import io.monstack.spec.DockerEngine;
import io.monstack.spec.PathLocator;
import io.monstack.spec.SpecReader;
import io.monstack.spec.SpecValidator;
import io.monstack.spec.SpecWriter;
import io.monstack.spec.StackOverrides;
import io.monstack.spec.StackSpec;
import io.monstack.spec.Target;
import io.monstack.spec.TargetDraft;
import io.monstack.spec.TargetFlagLocator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The commands' one entry point into the core: every operation edits the spec, then re-renders
 * every file from it, under the stack's lock, writing nothing when anything is wrong.
 */
public final class StackService {
    public static final String SPEC_FILE = "monstack.yml";
    private static final Duration LOCK_WAIT = Duration.ofSeconds(60);

    private final StackGenerator generator = new StackGenerator();
    private final Consumer<String> progress;
    private final StackWriter.WriteHook hook;
    private Loaded lastLoad;

    public StackService(Consumer<String> progress) {
        this(progress, path -> { });
    }

    public StackService(Consumer<String> progress, StackWriter.WriteHook hook) {
        this.progress = progress;
        this.hook = hook;
    }

    /**
     * Writes a new stack. An existing monstack.yml that says something else is replaced only with
     * force; the same spec again just re-renders, so init can be run twice.
     */
    public RunResult init(Path dir, StackSpec spec, RunOptions options) {
        return init(dir, spec, options, PathLocator.NONE);
    }

    /** locator: how the spec's problems are described (by the flags that set the values). */
    public RunResult init(Path dir, StackSpec spec, RunOptions options, PathLocator locator) {
        SpecValidator.requireValid(spec, locator);
        if (Files.isRegularFile(dir)) {
            throw new UserException(dir + " is a file; give a folder for the stack");
        }
        Path specFile = dir.resolve(SPEC_FILE);
        if (options.dryRun()) {
            return render(dir, spec, !Files.exists(specFile) || !sameSpec(specFile, spec), null, options);
        }
        return locked(dir, () -> {
            if (Files.exists(specFile) && !options.force()) {
                if (sameSpec(specFile, spec)) {
                    // Running the same init twice is harmless: it re-renders (and still reports conflicts).
                    return render(dir, spec, false, null, options);
                }
                throw new UserException(dir + " already holds a stack (" + SPEC_FILE + "); use `monstack generate` to re-render it, "
                        + "`monstack add-target` to extend it, or init --force to start over");
            }
            return render(dir, spec, true, null, options);
        });
    }

    /**
     * The spec init starts from: base (a file's spec; null: the defaults, named after the folder)
     * with the flags over it. lenientName: the wizard asks the name, so an unusable folder name is
     * no error yet (the name stays null).
     */
    public static StackSpec initialSpec(Path dir, StackSpec base, StackOverrides overrides, boolean lenientName) {
        StackSpec start = base != null ? base : StackSpec.empty(overrides.name() != null ? overrides.name() : folderName(dir, lenientName));
        return overrides.applyTo(start);
    }

    /** The folder's name as a stack name (lowercased); null when it is not one and lenient. */
    private static String folderName(Path dir, boolean lenient) {
        Path abs = dir.toAbsolutePath().normalize();
        String folder = abs.getFileName() == null ? "" : abs.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (!io.monstack.spec.SpecRules.STACK_NAME.matcher(folder).matches()) {
            if (lenient) {
                return null;
            }
            throw new UserException("the folder name \"" + folder + "\" is not a valid stack name; give one with --name");
        }
        return folder;
    }

    /** Before init's questions: a folder that holds a stack already is refused now, not after every answer. */
    public void requireNoStack(Path dir, RunOptions options) {
        if (!options.dryRun() && !options.force() && Files.exists(dir.resolve(SPEC_FILE))) {
            throw new UserException(dir + " already holds a stack (" + SPEC_FILE
                    + "); use `monstack add-target` to extend it, or init --force to start over");
        }
    }

    /** Re-renders the stack from monstack.yml as it is on disk (after hand edits). */
    public RunResult generate(Path dir, RunOptions options) {
        return update(dir, options, spec -> spec);
    }

    public RunResult addTarget(Path dir, Target target, boolean replace, RunOptions options) {
        return addTarget(dir, target, List.of(), replace, options);
    }

    /**
     * add-target --compose: the target, and the app networks Prometheus must join to reach it
     * (those monstack.yml does not list yet are added).
     */
    public RunResult addTarget(Path dir, Target target, List<io.monstack.spec.AppNetwork> networks, boolean replace,
            RunOptions options) {
        return update(dir, options, next -> new TargetFlagLocator(next, target.name()), spec -> {
            if (spec.target(target.name()).isPresent() && !replace) {
                throw new UserException("target \"" + target.name() + "\" already exists in " + SPEC_FILE
                        + "; use --replace to change it");
            }
            return spec.withTarget(target).joining(networks);
        });
    }

    /**
     * add-target --compose: the service of the app's compose files as a target (the flags win, a
     * probed page fills what is open, then the dialog's questions), with the networks it needs.
     * The dialog hears what was found before anything is asked or written.
     */
    public RunResult addFromCompose(Path dir, ComposeTargetRequest request, boolean replace, RunOptions options,
            ComposeTargetRequest.Dialog dialog) {
        StackSpec current = load(dir);
        int major = current.prometheus().majorVersion();
        ComposeImport found = new ComposeImporter(request.env()).importService(new ComposeRequest(request.files(), List.of(),
                request.probeContainers(), current.deploy().isSwarm(), major, request.asking()).withStack(current), request.service());
        dialog.found(found);
        TargetDraft draft = request.given().fillFrom(found.targets().get(0).draft());
        if (request.probeUrl() != null) {
            new MetricsDiscovery().discover(request.probeUrl()).fillIn(draft, major);
        }
        Target target = request.asking() ? dialog.ask(current.joining(found.networks()), draft) : draft.toTarget();
        return addTarget(dir, target, found.networks(), replace, options);
    }

    public RunResult removeTarget(Path dir, String name, RunOptions options) {
        RunResult r = update(dir, options, spec -> {
            if (spec.target(name).isEmpty()) {
                throw new UserException("no target \"" + name + "\" in " + SPEC_FILE + "; targets: "
                        + String.join(", ", spec.targets().stream().map(Target::name).toList()));
            }
            return spec.withoutTarget(name);
        });
        if (r.spec().networks().isEmpty()) {
            return r;
        }
        // monstack.yml does not say which target needed which network, so they stay: said, not guessed
        return r.withNote("Prometheus still joins the app network(s) " + String.join(", ", r.spec().networks().stream()
                .map(n -> io.monstack.compose.Shown.name(n.name())).toList()) + " (networks: in " + SPEC_FILE
                + "); remove those no target needs any more");
    }

    /**
     * monstack.yml as a spec. A file read before and not replaced or edited since (same file,
     * size and modification time: monstack replaces it by rename, editors change the time) is
     * not parsed again: update() reads it once before taking the lock and once under it.
     */
    public StackSpec load(Path dir) {
        Path file = dir.resolve(SPEC_FILE);
        SpecFileStamp stamp = SpecFileStamp.of(file);
        if (stamp != null && lastLoad != null && stamp.equals(lastLoad.stamp())) {
            return lastLoad.spec();
        }
        requireStack(dir);
        StackSpec spec = SpecReader.read(file);
        lastLoad = stamp == null ? null : new Loaded(stamp, spec);
        return spec;
    }

    private RunResult update(Path dir, RunOptions options, UnaryOperator<StackSpec> change) {
        return update(dir, options, next -> PathLocator.NONE, change);
    }

    /** locator: how the problems of the changed spec are described (by the flags that made the change). */
    private RunResult update(Path dir, RunOptions options, Function<StackSpec, PathLocator> locator, UnaryOperator<StackSpec> change) {
        StackSpec before = load(dir); // no stack or an invalid spec fails here, before the lock creates .monstack/
        if (options.dryRun()) {
            return change(dir, before, change, locator, options);
        }
        // Read again under the lock: another run may have changed the spec meanwhile.
        return locked(dir, () -> change(dir, load(dir), change, locator, options));
    }

    private RunResult change(Path dir, StackSpec current, UnaryOperator<StackSpec> change, Function<StackSpec, PathLocator> locator,
            RunOptions options) {
        StackSpec next = change.apply(current);
        SpecValidator.requireValid(next, locator.apply(next));
        return render(dir, next, !next.equals(current), current, options);
    }

    private record Loaded(SpecFileStamp stamp, StackSpec spec) {
    }

    /** What tells one version of a file from another without reading it. */
    private record SpecFileStamp(Object fileKey, java.nio.file.attribute.FileTime modified, long size) {
        static SpecFileStamp of(Path file) {
            try {
                var a = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
                return a.fileKey() == null ? null : new SpecFileStamp(a.fileKey(), a.lastModifiedTime(), a.size());
            } catch (IOException e) {
                return null;
            }
        }
    }

    /**
     * Renders and writes the stack. writeSpec: monstack.yml is (re)written; replacing: the spec
     * on disk it replaces, whose text (comments, layout) is kept where the change allows, or null.
     */
    private RunResult render(Path dir, StackSpec spec, boolean writeSpec, StackSpec replacing, RunOptions options) {
        try {
            List<GeneratedFile> files = generator.generate(spec);
            StackWriter writer = new StackWriter(dir, hook);
            Plan plan = writer.plan(files);
            List<String> notes = notes(dir, spec);
            if (options.dryRun()) {
                return new RunResult(spec, plan, writeSpec, false, true, notes);
            }
            if (plan.hasConflicts() && !options.force()) {
                throw new ConflictException(conflictMessage(dir, plan), plan);
            }
            if (writeSpec) {
                Files.createDirectories(dir);
                Path specFile = dir.resolve(SPEC_FILE);
                String text = replacing != null && Files.isRegularFile(specFile)
                        ? SpecWriter.update(Files.readString(specFile, StandardCharsets.UTF_8), replacing, spec)
                        : SpecWriter.write(spec);
                io.monstack.output.AtomicFiles.write(specFile, text.getBytes(StandardCharsets.UTF_8));
            }
            writer.apply(plan, options.force());
            boolean secrets = writer.ensureSecrets();
            return new RunResult(spec, plan, writeSpec, secrets, false, notes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the stack in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Files monstack wrote and the user edited since, apart from files that were never monstack's. */
    private static String conflictMessage(Path dir, Plan plan) {
        Set<String> written = Manifest.load(dir).paths();
        List<String> paths = plan.with(FileAction.CONFLICT).stream().map(PlannedFile::path).toList();
        List<String> edited = paths.stream().filter(written::contains).toList();
        List<String> foreign = paths.stream().filter(p -> !written.contains(p)).toList();
        List<String> parts = new ArrayList<>();
        if (!edited.isEmpty()) {
            parts.add(edited.size() + " file(s) were edited by hand since monstack wrote them: " + String.join(", ", edited));
        }
        if (!foreign.isEmpty()) {
            parts.add(dir + " already holds " + foreign.size() + " file(s) monstack did not write: " + String.join(", ", foreign));
        }
        String fix = foreign.isEmpty() ? "Keep your edits by moving them into " + SPEC_FILE + ", or overwrite them with --force"
                : edited.isEmpty() ? "Use an empty folder for the stack, move those files away, or overwrite them with --force"
                : "Keep your edits by moving them into " + SPEC_FILE + ", move the other files away, or overwrite them with --force";
        return String.join("; ", parts) + "; nothing was written. " + fix;
    }

    private static List<String> notes(Path dir, StackSpec spec) {
        List<String> notes = new ArrayList<>();
        DockerEngine engine = spec.dockerEngine();
        if (engine.enabled() && engine.exposedToNetwork()) {
            notes.add("the Docker engine will serve its metrics on " + engine.metricsAddr()
                    + ", reachable from the whole network; firewall port " + engine.port()
                    + " or use the bridge address (see the stack's README.md)");
        }
        if (spec.hostMetrics().enabled() && spec.hostMetrics().exposedToNetwork() && !spec.deploy().isSwarm()) {
            notes.add("node-exporter will serve the host's metrics on " + spec.hostMetrics().listenAddress()
                    + ", reachable from the whole network; firewall port " + spec.hostMetrics().port()
                    + " or set hostMetrics.listenAddress to the bridge address (see the stack's README.md)");
        }
        if (spec.prometheus().taggedMajor() < 0) {
            notes.add("the Prometheus image " + io.monstack.compose.Shown.name(spec.prometheus().image()) + " names no version: "
                    + "the stack is written for Prometheus 3.x, and a later pull may bring another; pin a tag such as "
                    + io.monstack.spec.PrometheusSettings.DEFAULT_IMAGE);
        }
        if (spec.containerMetrics().enabled()) {
            notes.add("cAdvisor mounts the host's root, /sys, /var/lib/docker and /var/run read-only to measure every "
                    + "container; /var/run holds the Docker socket, which read-only does not limit: cAdvisor can control the "
                    + "engine (see the stack's README.md)");
        }
        List<io.monstack.generate.ExporterService> exporters = io.monstack.generate.ExporterService.of(spec);
        List<String> exporterFiles = exporters.stream().filter(e -> e.secret() != null)
                .filter(e -> !Files.exists(dir.resolve(e.secret().file())))
                .map(e -> dir.resolve(e.secret().file()) + " (" + e.passwordFileHolds() + (e.user() == null ? "" : "; readable by uid " + e.user()) + ")")
                .toList();
        if (!exporterFiles.isEmpty()) {
            notes.add("create the exporters' password files before starting the stack (a relative path is from the stack folder): " + String.join(", ", exporterFiles));
        }
        if (exporters.stream().anyMatch(e -> !e.serverSetup().isEmpty())) {
            notes.add("give each database exporter a login of its own: the SQL is in the stack's README.md "
                    + "(\"Services without metrics of their own\")");
        }
        if (spec.alerting().enabled() && spec.alerting().receivers().isEmpty()) {
            notes.add("alerting is on without receivers: alerts show in Alertmanager and Grafana only; "
                    + "add alerting.receivers to monstack.yml (see the stack's README.md)");
        }
        if (spec.alerting().enabled() && !spec.alerting().withSecrets().isEmpty()) {
            notes.add("create the receivers' secret files before `docker compose up`: "
                    + String.join(", ", spec.alerting().withSecrets().stream().map(r -> r.secretFile()).toList())
                    + " (readable by uid 65534; see README.md)");
        }
        if (!StackSpec.LOCAL_ONLY.equals(spec.publishAddress()) && !spec.deploy().isSwarm()) {
            notes.add("Prometheus and Grafana are published on " + spec.publishAddress()
                    + ", not only on 127.0.0.1; firewall them or put a TLS proxy in front");
        }
        notes.addAll(DeployNotes.of(spec));
        return notes;
    }

    private static boolean sameSpec(Path specFile, StackSpec spec) {
        try {
            return SpecReader.read(specFile).equals(spec);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void requireStack(Path dir) {
        if (!Files.isRegularFile(dir.resolve(SPEC_FILE))) {
            throw new UserException("no " + SPEC_FILE + " in " + dir + "; run `monstack init " + dir
                    + "` first, or give the folder that holds it");
        }
    }

    private interface Locked {
        RunResult run();
    }

    private RunResult locked(Path dir, Locked body) {
        Path state = dir.resolve(StackLock.PATH).getParent();
        boolean newDir = !Files.exists(dir);
        boolean newStack = !Files.exists(state);
        boolean done = false;
        try (StackLock lock = StackLock.acquire(dir, LOCK_WAIT, progress)) {
            RunResult result = body.run();
            done = true;
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + dir + ": " + e.getMessage(), e);
        } finally {
            if (newStack && !done) {
                forgetLock(state, newDir ? dir : null); // a first run that wrote nothing leaves no trace
            }
        }
    }

    private static void forgetLock(Path state, Path createdDir) {
        try {
            Files.deleteIfExists(state.resolve(Path.of(StackLock.PATH).getFileName()));
            deleteIfEmpty(state);
            if (createdDir != null) {
                deleteIfEmpty(createdDir);
            }
        } catch (IOException e) {
            // only tidiness is lost: the lock file is empty and a later run reuses it
        }
    }

    private static void deleteIfEmpty(Path folder) throws IOException {
        try (var left = Files.list(folder)) {
            if (left.findAny().isEmpty()) {
                Files.delete(folder);
            }
        }
    }
}
