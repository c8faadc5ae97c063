package io.monstack.images;

import java.util.List;

/** The container engines build-images can drive, each through its own command-line client. */
public enum ContainerEngine {
    DOCKER("docker", "Docker",
            List.of("version", "--format", "{{.Server.Version}}"),
            "install the Docker CLI (apt-get install docker.io, or Docker Desktop), pass its path with --engine-cli, or use --engine podman",
            "start Docker (e.g. `sudo systemctl start docker` or Docker Desktop), or point DOCKER_HOST / `docker context use` at a running engine"),
    PODMAN("podman", "Podman",
            List.of("info", "--format", "{{.Version.Version}}"),
            "install Podman (apt-get install podman), pass its path with --engine-cli, or use --engine docker",
            "check `podman info`; for a remote engine set CONTAINER_HOST or `podman system connection default`");

    private final String cli;
    private final String displayName;
    private final List<String> probeArgs;
    private final String installHint;
    private final String startHint;

    ContainerEngine(String cli, String displayName, List<String> probeArgs, String installHint, String startHint) {
        this.cli = cli;
        this.displayName = displayName;
        this.probeArgs = probeArgs;
        this.installHint = installHint;
        this.startHint = startHint;
    }

    /** The client's executable name, looked up on PATH. */
    public String cli() {
        return cli;
    }

    public String displayName() {
        return displayName;
    }

    /** Arguments of a cheap call that succeeds only when the engine itself answers (not just the client). */
    public List<String> probeArgs() {
        return probeArgs;
    }

    public String installHint() {
        return installHint;
    }

    public String startHint() {
        return startHint;
    }
}
