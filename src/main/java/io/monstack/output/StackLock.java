package io.monstack.output;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * One monstack run at a time per stack folder (.monstack/lock, an OS file lock that dies with
 * the process). A second run waits, saying so, up to a limit.
 */
public final class StackLock implements AutoCloseable {
    public static final String PATH = ".monstack/lock";
    private final FileChannel channel;
    private final FileLock lock;

    private StackLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    public static StackLock acquire(Path stackDir, Duration maxWait, Consumer<String> onWait) throws IOException {
        Path file = stackDir.resolve(PATH);
        Files.createDirectories(file.getParent());
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        long deadline = System.nanoTime() + maxWait.toNanos();
        boolean told = false;
        try {
            while (true) {
                FileLock lock = tryLock(channel);
                if (lock != null) {
                    return new StackLock(channel, lock);
                }
                if (!told) {
                    onWait.accept("waiting for another monstack run on " + stackDir + " to finish (" + PATH + ")");
                    told = true;
                }
                if (System.nanoTime() > deadline) {
                    throw new LockBusyException("another monstack run still holds " + stackDir.resolve(PATH)
                            + " after " + maxWait.toSeconds() + " s; try again when it has finished");
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            channel.close();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the stack lock", e);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by another thread of this JVM
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }

    /** The lock stayed busy for the whole wait. */
    public static final class LockBusyException extends RuntimeException {
        public LockBusyException(String message) {
            super(message);
        }
    }
}
