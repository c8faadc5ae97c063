package io.monstack.images;

/**
 * How build-images runs. executable is the engine's client (a name looked up on PATH, or a path);
 * tag and registry override the spec's images.tag / images.registry when not null.
 */
public record ImageBuildOptions(
        ContainerEngine engine,
        String executable,
        String tag,
        String registry,
        boolean push,
        boolean noCache,
        boolean pull,
        boolean dryRun) {

    public ImageBuildOptions {
        engine = engine == null ? ContainerEngine.DOCKER : engine;
        executable = executable == null || executable.isBlank() ? engine.cli() : executable;
    }

    public static ImageBuildOptions defaults() {
        return new ImageBuildOptions(ContainerEngine.DOCKER, null, null, null, false, false, false, false);
    }

    public ImageBuildOptions withDryRun(boolean value) {
        return new ImageBuildOptions(engine, executable, tag, registry, push, noCache, pull, value);
    }
}
