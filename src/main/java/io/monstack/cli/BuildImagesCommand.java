package io.monstack.cli;

import io.monstack.images.BuildListener;
import io.monstack.images.BuildReport;
import io.monstack.images.BuiltImage;
import io.monstack.images.ContainerEngine;
import io.monstack.images.ImageBuildOptions;
import io.monstack.images.ImageBuildService;
import io.monstack.spec.SpecRules;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "build-images", mixinStandardHelpOptions = true,
        description = {"Build the stack's own Prometheus and Grafana images (from DIR/prometheus and DIR/grafana; "
                + "with alerting on, Alertmanager too, from DIR/alertmanager; "
                + "configuration baked in) with the docker CLI, which honours DOCKER_HOST and docker contexts, "
                + "or with podman; optionally push them. Images are named [REGISTRY/]STACK/prometheus:TAG "
                + "and [REGISTRY/]STACK/grafana:TAG, as compose.yaml expects.", ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  monstack build-images                        # in the stack folder",
            "  monstack build-images mystack --tag 1.4.0",
            "  monstack build-images mystack --registry registry.example.com/team \\",
            "      --tag 1.4.0 --push",
            "  monstack build-images mystack --no-cache --pull",
            "  monstack build-images mystack --engine podman",
            "  monstack build-images mystack --dry-run      # print the commands, run nothing",
            "  DOCKER_HOST=ssh://me@buildhost monstack build-images mystack",
            "",
            "Exit codes: 0 built, 1 a build or push failed (the engine's output above",
            "says why), 2 usage error, 3 no docker/podman CLI or no engine answers."})
final class BuildImagesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "The stack folder, holding monstack.yml (default: current folder).")
    Path dir = Path.of(".");

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "docker", completionCandidates = ShellCompletion.Engines.class,
            description = "Container engine whose CLI builds the images: docker or podman (default: ${DEFAULT-VALUE}).")
    ContainerEngine engine;

    @Option(names = "--engine-cli", paramLabel = "PATH",
            description = "The engine's CLI to run: a path, or a name looked up on PATH (default: docker or podman).")
    String engineCli;

    @Option(names = {"-t", "--tag"}, paramLabel = "VERSION", description = "Image tag (default: images.tag in monstack.yml, else latest).")
    String tag;

    @Option(names = "--registry", paramLabel = "PREFIX",
            description = "Registry prefix for the image names, e.g. registry.example.com:5000/team (default: images.registry in monstack.yml).")
    String registry;

    @Option(names = "--push", description = "Push both images after building them (needs a registry prefix).")
    boolean push;

    @Option(names = "--no-cache", description = "Build without the engine's layer cache (passed to the build).")
    boolean noCache;

    @Option(names = "--pull", description = "Always pull a newer base image (passed to the build).")
    boolean pull;

    @Option(names = "--dry-run", description = "Print the exact commands and run nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        if (tag != null && !SpecRules.IMAGE_TAG.matcher(tag).matches()) {
            throw new ParameterException(spec.commandLine(), "--tag '" + tag + "' is not an image tag: use letters, digits, '_', '.' and '-', e.g. --tag 1.4.0");
        }
        if (registry != null && !registry.isEmpty() && !SpecRules.REGISTRY.matcher(registry).matches()) {
            throw new ParameterException(spec.commandLine(), "--registry '" + registry
                    + "' is not a registry prefix; give host[:port][/path], e.g. --registry registry.example.com:5000/team");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ImageBuildOptions options = new ImageBuildOptions(engine, engineCli, tag, registry, push, noCache, pull, dryRun);
        BuildReport report = new ImageBuildService().run(dir, options, listener(out, err));
        if (report.dryRun()) {
            out.println("dry run: nothing is built. build-images would run:");
            report.plan().shellLines().forEach(line -> out.println("  " + line));
        } else {
            printSummary(out, report);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static BuildListener listener(PrintWriter out, PrintWriter err) {
        return new BuildListener() {
            @Override
            public void step(String message) {
                out.println("==> " + message);
                out.flush();
            }

            @Override
            public void output(String line) {
                out.println(line);
                out.flush();
            }

            @Override
            public void note(String message) {
                err.println("note: " + message);
                err.flush();
            }
        };
    }

    static void printSummary(PrintWriter out, BuildReport report) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"IMAGE", "TAG", "SIZE", "ID", "DIGEST"});
        for (BuiltImage image : report.images()) {
            rows.add(new String[] {image.repository(), image.tag(), image.sizeBytes() < 0 ? "?" : image.humanSize(), image.shortId(), image.digest()});
        }
        int[] width = new int[5];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        out.println();
        out.printf("built %d images%s with %s %s:%n", report.images().size(), report.pushed() ? " and pushed them" : "",
                report.plan().options().engine().displayName(), report.engineVersion());
        for (String[] row : rows) {
            out.printf("  %-" + width[0] + "s  %-" + width[1] + "s  %" + width[2] + "s  %-" + width[3] + "s  %s%n",
                    row[0], row[1], row[2], row[3], row[4]);
        }
    }
}
