package io.monstack.output;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Writes a file so that readers (and a crash) see either the old or the new content, never a part. */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    private static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");

    /** Writes with the target's current permissions, or rw-r--r-- for a new file. */
    public static void write(Path target, byte[] content) throws IOException {
        Set<PosixFilePermission> permissions = READABLE;
        if (Files.exists(target) && target.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            permissions = Files.getPosixFilePermissions(target);
        }
        write(target, content, permissions);
    }

    /** Writes via a temp file in the same folder, then renames it over the target. */
    public static void write(Path target, byte[] content, Set<PosixFilePermission> permissions) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = createTemp(dir, target.getFileName().toString(), permissions);
        try {
            // No fsync per file: the rename alone already guarantees old-or-new content when the
            // process dies, and syncing each of thousands of files would dominate the run time.
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static Path createTemp(Path dir, String name, Set<PosixFilePermission> permissions) throws IOException {
        String prefix = "." + name + ".monstack-";
        if (permissions != null && dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempFile(dir, prefix, ".tmp", PosixFilePermissions.asFileAttribute(permissions));
        }
        return Files.createTempFile(dir, prefix, ".tmp");
    }

    /** Creates a file only if it does not exist yet (never replaces), with the given permissions. */
    public static boolean createNew(Path target, byte[] content, Set<PosixFilePermission> permissions) throws IOException {
        if (Files.exists(target)) {
            return false;
        }
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = createTemp(dir, target.getFileName().toString(), permissions);
        try {
            Files.write(temp, content);
            try {
                Files.createLink(target, temp);
            } catch (FileAlreadyExistsException e) {
                return false;
            } catch (UnsupportedOperationException e) {
                Files.move(temp, target);
            }
            return true;
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
