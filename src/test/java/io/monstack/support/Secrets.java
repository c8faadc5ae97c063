package io.monstack.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Credentials a test makes up at run time: nothing secret is committed. Each goes into a file of
 * mode 600 (created so, never readable by others even for a moment), the way the stack hands them
 * to an exporter as a compose secret, and never onto a command line.
 */
public final class Secrets {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    /** 32 hex digits: no character needs quoting in SQL, JSON, a URI or an ini file. */
    public static String password() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Writes content to a new file of mode 600 owned by user (who reads it: root, or the exporter's user). */
    public static Path write(Path file, String content, String user, String debianPackage) {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, content, StandardCharsets.UTF_8);
            RunAs.chown(file, user, debianPackage);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A mode-600 file only root (the test) reads, e.g. the SQL that sets a password. */
    public static Path writeForRoot(Path file, String content) {
        return write(file, content, "root", "base-passwd");
    }
}
