package io.monstack.images;

import io.monstack.render.ShellQuote;
import io.monstack.spec.ImageSettings;
import io.monstack.spec.SpecRules;
import io.monstack.spec.StackSpec;
import io.monstack.stack.UserException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Pure: turns a spec and the build options into the images to build and the exact command
 * lines of the engine's client. Runs nothing (see {@link ImageBuildService} for that).
 */
public final class ImageBuilder {
    /** The stack's own images, in build order, each built from the folder of the same name. */
    public static final List<String> COMPONENTS = List.of("prometheus", "grafana");
    /** Every image a stack can have: alertmanager only with alerting on. */
    public static final List<String> ALL_COMPONENTS = List.of("prometheus", "grafana", "alertmanager");

    /** The images of this stack, in build order. */
    public static List<String> components(StackSpec spec) {
        return spec.alerting().enabled() ? ALL_COMPONENTS : COMPONENTS;
    }

    private final ImageBuildOptions options;

    public ImageBuilder(ImageBuildOptions options) {
        this.options = options;
    }

    /** The spec's image settings with --tag / --registry applied, checked like the spec's own. */
    public ImageSettings imageSettings(StackSpec spec) {
        ImageSettings base = spec.images();
        String tag = options.tag() != null ? options.tag() : base.tag();
        String registry = options.registry() != null ? options.registry() : base.registry();
        if (!SpecRules.IMAGE_TAG.matcher(tag).matches()) {
            throw new UserException("--tag " + ShellQuote.quote(tag)
                    + " is not an image tag: use letters, digits, '_', '.' and '-' (at most 128), e.g. --tag 1.4.0");
        }
        if (!registry.isEmpty() && !SpecRules.REGISTRY.matcher(registry).matches()) {
            throw new UserException("--registry " + ShellQuote.quote(registry)
                    + " is not a registry prefix; give host[:port][/path], e.g. --registry registry.example.com:5000/team");
        }
        return new ImageSettings(registry, tag);
    }

    /** The plan for the stack in dir. Fails (user error) when the build contexts are missing or --push lacks a registry. */
    public BuildPlan plan(Path dir, StackSpec spec) {
        ImageSettings images = imageSettings(spec);
        if (options.push() && images.registry().isEmpty()) {
            throw new UserException("--push needs a registry to push to, and " + spec.name()
                    + " has none: give --registry (e.g. --registry registry.example.com/team) or set images.registry in monstack.yml");
        }
        List<ImageJob> jobs = new ArrayList<>();
        for (String component : components(spec)) {
            Path context = dir.resolve(component).normalize();
            if (!Files.isRegularFile(context.resolve("Dockerfile"))) {
                throw new UserException(context.resolve("Dockerfile") + " is missing; run `monstack generate "
                        + dir + "` to render the stack first");
            }
            jobs.add(new ImageJob(component, images.imageName(spec.name(), component), context));
        }
        List<List<String>> builds = jobs.stream().map(this::buildCommand).toList();
        List<List<String>> pushes = options.push() ? jobs.stream().map(this::pushCommand).toList() : List.of();
        return new BuildPlan(spec, options, jobs, builds, pushes);
    }

    public List<String> buildCommand(ImageJob job) {
        List<String> cmd = new ArrayList<>(List.of(options.executable(), "build", "--tag", job.image()));
        if (options.noCache()) {
            cmd.add("--no-cache");
        }
        if (options.pull()) {
            cmd.add("--pull");
        }
        cmd.add(contextArg(job.context()));
        return cmd;
    }

    public List<String> pushCommand(ImageJob job) {
        return List.of(options.executable(), "push", job.image());
    }

    /** Prints id, size in bytes and the repo digests (JSON list), separated by '|'. */
    public List<String> inspectCommand(String image) {
        return List.of(options.executable(), "image", "inspect", "--format", "{{.Id}}|{{.Size}}|{{json .RepoDigests}}", image);
    }

    /** A call that answers only when the engine itself (not just its client) is reachable. */
    public List<String> probeCommand() {
        List<String> cmd = new ArrayList<>();
        cmd.add(options.executable());
        cmd.addAll(options.engine().probeArgs());
        return cmd;
    }

    private static String contextArg(Path context) {
        String s = context.toString();
        return s.isEmpty() ? "." : s;
    }
}
