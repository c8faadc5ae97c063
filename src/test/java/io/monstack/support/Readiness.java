package io.monstack.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Bounded waits for servers a test started: each fails with the log tails, and early if a process has exited. */
public final class Readiness {
    private Readiness() {
    }

    /** Polls until ready says so, within deadline. */
    public static void await(String what, Duration deadline, Processes processes, BooleanSupplier ready) {
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < end) {
            processes.requireAlive("before " + what);
            if (ready.getAsBoolean()) {
                return;
            }
            Waits.sleep(100);
        }
        throw new AssertionError("not " + what + " within " + deadline.toSeconds() + " s\n" + processes.logTails());
    }

    /** Something accepts TCP connections on 127.0.0.1:port. */
    public static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The page at url (200), or null while the server does not answer. */
    public static String pageOrNull(String url) {
        try {
            HttpResponse<String> r = Net.HTTP.send(Net.get(url).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
