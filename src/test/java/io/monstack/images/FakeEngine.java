package io.monstack.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A fake `docker` CLI (a shell script) for tests that need no engine: it logs every call to
 * calls.log beside itself, answers the version probe, "builds" (printing like the legacy
 * builder), fails the build of any image listed in its fail file, and answers image inspect.
 */
final class FakeEngine {
    static final String ID = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private static final String SCRIPT = """
            #!/bin/sh
            here=$(dirname "$0")
            echo "$*" >>"$here/calls.log"
            case "$1" in
              version|info) echo "99.1.0-fake" ;;
              build)
                echo "Step 1/2 : FROM base (fake)"
                for a in "$@"; do
                  if [ -f "$here/fail" ] && grep -qxF -- "$a" "$here/fail"; then
                    echo "ERROR: failed to solve: COPY failed for $a (fake)" >&2
                    exit 1
                  fi
                done
                echo "Successfully tagged $3"
                ;;
              push) echo "$2: digest: sha256:feedface size: 1234" ;;
              image) echo "%s|123456789|[]" ;;
              *) echo "fake docker: unknown command $1" >&2; exit 2 ;;
            esac
            """.formatted(ID);

    final Path dir;
    final Path executable;

    FakeEngine(Path dir) {
        this.dir = dir;
        this.executable = dir.resolve("docker");
        try {
            Files.createDirectories(dir);
            Files.writeString(executable, SCRIPT, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(executable, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void failBuildOf(String image) throws IOException {
        Files.writeString(dir.resolve("fail"), image + "\n", StandardCharsets.UTF_8);
    }

    List<String> calls() throws IOException {
        Path log = dir.resolve("calls.log");
        return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
    }

    /** This process's environment with the fake first on PATH. */
    Map<String, String> env() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("PATH", dir + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        return env;
    }
}
