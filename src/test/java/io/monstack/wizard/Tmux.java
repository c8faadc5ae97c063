package io.monstack.wizard;

import io.monstack.support.Tools;
import io.monstack.support.Waits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real pseudo-terminal: one command in a detached tmux session on a private server socket
 * (-L monstack-test-RANDOM), driven with send-keys and read with capture-pane. close() kills
 * the whole server, so no tmux process outlives the test.
 */
final class Tmux implements AutoCloseable {
    private static final long WAIT_MILLIS = 30_000;
    private final Path tmux = Tools.require("tmux", "tmux");
    private final String socket = "monstack-test-" + UUID.randomUUID().toString().substring(0, 8);
    private final String session = "wizard";
    private Path socketFile;
    private int seen;

    /** Runs the shell script in a 200x50 terminal; after the command it prints [exit N] and waits. */
    Tmux(Path script) {
        try {
            tmux("new-session", "-d", "-s", session, "-x", "200", "-y", "50", "sh " + script);
            socketFile = Path.of(tmux("display-message", "-p", "-t", session, "#{socket_path}").strip());
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** Types the answer and Enter. */
    void answer(String text) {
        if (!text.isEmpty()) {
            tmux("send-keys", "-t", session, "-l", text);
        }
        tmux("send-keys", "-t", session, "Enter");
    }

    void keys(String key) {
        tmux("send-keys", "-t", session, key);
    }

    /** Waits (bounded) until text appears on the terminal after what the previous expect matched. */
    void expect(String text) {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        String screen = "";
        while (System.currentTimeMillis() < deadline) {
            screen = screen();
            int at = screen.indexOf(text.strip(), seen);
            if (at >= 0) {
                seen = at + text.strip().length();
                return;
            }
            Waits.sleep(50);
        }
        throw new AssertionError("waited " + WAIT_MILLIS / 1000 + " s for \"" + text + "\"; the terminal shows:\n" + screen);
    }

    /** Everything the terminal showed, scroll-back included, wrapped lines joined. */
    String screen() {
        return tmux("capture-pane", "-p", "-J", "-S", "-", "-t", session);
    }

    @Override
    public void close() {
        run(List.of(tmux.toString(), "-L", socket, "kill-server"), false);
        try {
            if (socketFile != null) {
                Files.deleteIfExists(socketFile); // kill-server leaves the socket file behind
            }
        } catch (IOException e) {
            throw new AssertionError("cannot remove " + socketFile, e);
        }
    }

    /**
     * A script that runs the command in dir, then shows its exit code and stays (so the screen can
     * be read). The trap keeps the shell alive when Ctrl-C kills the command; the command itself
     * gets SIGINT as usual (a trapped signal is reset to its default in children, an ignored one would not be).
     */
    static Path script(Path dir, List<String> command) throws IOException {
        StringBuilder sb = new StringBuilder("trap 'true' INT\ncd " + quote(dir.toString()) + " || exit 1\n");
        for (String arg : command) {
            sb.append(quote(arg)).append(' ');
        }
        sb.append("\necho \"[exit $?]\"\nexec sleep 600\n");
        Path script = Files.createTempFile(dir, "run", ".sh");
        Files.writeString(script, sb.toString());
        return script;
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private String tmux(String... args) {
        List<String> cmd = new ArrayList<>(List.of(tmux.toString(), "-L", socket, "-f", "/dev/null"));
        cmd.addAll(List.of(args));
        return run(cmd, true);
    }

    private static String run(List<String> cmd, boolean check) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().remove("TMUX");
            pb.environment().putIfAbsent("TERM", "xterm");
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", cmd) + " did not finish");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (check && p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", cmd) + " failed (exit " + p.exitValue() + "): " + text);
            }
            return text;
        } catch (IOException e) {
            throw new AssertionError("cannot run tmux: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
