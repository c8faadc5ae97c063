package io.monstack.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The servers a test starts (Prometheus, exporters, apps), each with its output in NAME.log.
 * They are stopped by their handles (PIDs), never by name, so nothing else on the machine is
 * touched; their log tails go into a failure message, as that is all CI keeps.
 */
public final class Processes {
    private static final int TAIL_LINES = 20;

    private record Started(String name, Process process, Path log) {
    }

    private final Path logDir;
    private final Duration stopWait;
    /** Thread-safe: a JVM shutdown hook may stop them while the test thread still starts some. */
    private final List<Started> started = new CopyOnWriteArrayList<>();
    private final List<Process> running = new CopyOnWriteArrayList<>();

    /** Logs go to logDir; stopAll gives each process stopWait to exit on TERM before it is killed. */
    public Processes(Path logDir, Duration stopWait) {
        this.logDir = logDir;
        this.stopWait = stopWait;
    }

    public Path logFile(String name) {
        return logDir.resolve(name + ".log");
    }

    /** Starts command in workDir (null: this JVM's) with stdout and stderr in logFile(name). */
    public Process start(String name, Path workDir, String... command) throws IOException {
        Path log = logFile(name);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        if (workDir != null) {
            pb.directory(workDir.toFile());
        }
        Process p = pb.start();
        started.add(new Started(name, p, log));
        running.add(p);
        return p;
    }

    /** Fails, with the log tails, if a process has already exited: waiting for it to answer would be in vain. */
    public void requireAlive(String until) {
        for (Started s : started) {
            if (running.contains(s.process()) && !s.process().isAlive()) {
                throw new AssertionError("process " + s.process().pid() + " (" + s.process().info().command().orElse(s.name())
                        + ") exited with " + s.process().exitValue() + " " + until + "\n" + logTails());
            }
        }
    }

    /**
     * TERM to every process still running and its children, then KILL whatever has not exited
     * within stopWait. Safe to call twice (@AfterAll and a shutdown hook). Returns how many it stopped.
     */
    public int stopAll() {
        List<Process> toStop = new ArrayList<>(running);
        running.removeAll(toStop);
        for (Process p : toStop) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        for (Process p : toStop) {
            try {
                if (!p.waitFor(stopWait.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        return toStop.size();
    }

    /** The last lines of every log, for a failure message. */
    public String logTails() {
        StringBuilder out = new StringBuilder();
        for (Started s : started) {
            String header = "--- " + s.name() + " (pid " + s.process().pid() + ") " + s.log();
            try {
                List<String> lines = Files.readAllLines(s.log(), StandardCharsets.UTF_8);
                out.append(header).append('\n');
                lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()).forEach(l -> out.append("  ").append(l).append('\n'));
            } catch (IOException e) {
                out.append(header).append(": no log\n");
            }
        }
        return out.toString();
    }
}
