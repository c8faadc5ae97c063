package io.monstack.daemon;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monstack.output.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Set;

/**
 * Merging a snippet into the engine's daemon.json on disk: {@link #plan} reads both files and
 * computes the new text (nothing written); {@link #apply} writes a timestamped backup next to the
 * file, then replaces it atomically, keeping its permissions. A missing file is created.
 */
public final class DaemonJsonUpdate {
    public static final Path DEFAULT_TARGET = Path.of("/etc/docker/daemon.json");
    static final int MAX_BYTES = 1024 * 1024;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final Set<PosixFilePermission> NEW_FILE = PosixFilePermissions.fromString("rw-r--r--");

    private DaemonJsonUpdate() {
    }

    /**
     * What a merge would do. {@code writeTo} is the target with symlinks resolved (the link stays);
     * {@code oldBytes} is null when the target does not exist yet.
     */
    public record Plan(Path snippet, Path target, Path writeTo, byte[] oldBytes, String oldText, String newText,
            DaemonJsonMerger.Result result) {
        public boolean exists() {
            return oldBytes != null;
        }

        public boolean changes() {
            return !exists() || !newText.equals(oldText);
        }

        /** The unified diff of old vs new, with secrets hidden. */
        public String diff() {
            return LineDiff.unified(exists() ? target.toString() : "/dev/null", exists() ? oldText : "",
                    target + " (merged)", newText, Redact::line);
        }
    }

    public static Plan plan(Path snippetFile, Path target, boolean force) {
        byte[] snippetBytes = read(snippetFile, "snippet");
        if (snippetBytes == null) {
            throw new DaemonJsonException(snippetFile + ": no such file; give the snippet, or run `monstack generate` "
                    + "in a stack whose dockerEngine is enabled (it writes docker/daemon.json)");
        }
        ObjectNode snippet = DaemonJsonMerger.parse(decode(snippetBytes, snippetFile), snippetFile.toString());
        if (snippet.isEmpty()) {
            throw new DaemonJsonException(snippetFile + ": the snippet sets nothing; nothing to merge");
        }
        if (Files.isDirectory(target)) {
            throw new DaemonJsonException(target + " is a folder; give the daemon.json file with --target");
        }
        Path writeTo = target;
        try {
            if (Files.isSymbolicLink(target) && Files.exists(target)) {
                writeTo = target.toRealPath();
            }
        } catch (IOException e) {
            throw new DaemonJsonException("cannot resolve " + target + ": " + e.getMessage());
        }
        byte[] oldBytes = read(writeTo, "target");
        String oldText = oldBytes == null ? "" : decode(oldBytes, target);
        ObjectNode existing = DaemonJsonMerger.parse(oldText, target.toString());
        DaemonJsonMerger.Result result = DaemonJsonMerger.merge(existing, snippet, force);
        String newText = result.changes(existing) || oldBytes == null ? DaemonJsonMerger.format(result.merged(), DaemonJsonMerger.indentOf(oldText)) : oldText;
        return new Plan(snippetFile, target, writeTo, oldBytes, oldText, newText, result);
    }

    /**
     * Writes the backup (when the file exists) and then the merged file. Refuses, changing
     * nothing, when the file changed since it was planned. Returns the backup, or null for a new file.
     */
    public static Path apply(Plan plan, Clock clock) {
        byte[] now = read(plan.writeTo(), "target");
        if (!Arrays.equals(now, plan.oldBytes())) {
            throw new DaemonJsonException(plan.target() + " changed while monstack was merging; nothing was changed, run again");
        }
        Path backup = null;
        try {
            if (plan.exists()) {
                backup = backup(plan, clock);
            }
            if (plan.exists()) {
                AtomicFiles.write(plan.writeTo(), plan.newText().getBytes(StandardCharsets.UTF_8));
            } else {
                AtomicFiles.write(plan.writeTo(), plan.newText().getBytes(StandardCharsets.UTF_8), NEW_FILE);
            }
            return backup;
        } catch (AccessDeniedException e) {
            throw new DaemonJsonException("cannot write " + e.getFile() + ": permission denied; run it with sudo"
                    + (backup == null ? " (nothing was changed)" : ""));
        } catch (IOException e) {
            throw new DaemonJsonException("cannot write " + plan.writeTo() + ": " + e.getMessage());
        }
    }

    private static Path backup(Plan plan, Clock clock) throws IOException {
        String base = plan.writeTo().getFileName() + ".bak-" + LocalDateTime.now(clock).format(STAMP);
        Set<PosixFilePermission> mode = null;
        if (plan.writeTo().getFileSystem().supportedFileAttributeViews().contains("posix")) {
            mode = Files.getPosixFilePermissions(plan.writeTo());
        }
        for (int n = 1; n < 100; n++) {
            Path candidate = plan.writeTo().resolveSibling(n == 1 ? base : base + "-" + n);
            if (AtomicFiles.createNew(candidate, plan.oldBytes(), mode)) {
                return candidate;
            }
        }
        throw new IOException("too many backups named " + base + "-N next to " + plan.writeTo());
    }

    private static byte[] read(Path file, String what) {
        try {
            if (Files.isRegularFile(file) && Files.size(file) > MAX_BYTES) {
                throw new DaemonJsonException(file + ": larger than " + MAX_BYTES / 1024 + " KiB; that is not a daemon.json");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (AccessDeniedException e) {
            throw new DaemonJsonException("cannot read " + file + ": permission denied; run it with sudo");
        } catch (IOException e) {
            throw new DaemonJsonException("cannot read the " + what + " " + file + ": " + e.getMessage());
        }
    }

    private static String decode(byte[] bytes, Path file) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new DaemonJsonException(file + ": is not UTF-8 text; nothing was changed");
        }
    }
}
