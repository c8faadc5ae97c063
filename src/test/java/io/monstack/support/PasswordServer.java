package io.monstack.support;

/** A server of the exporter harness on 127.0.0.1:port that its exporter logs in to with a password made up for this run. */
public abstract class PasswordServer {
    private final int port;
    private final String password = Secrets.password();

    protected PasswordServer(int port) {
        this.port = port;
    }

    public int port() {
        return port;
    }

    public String address() {
        return "127.0.0.1:" + port;
    }

    /** The monitoring user's password (Redis: the one requirepass asks for). */
    public String password() {
        return password;
    }
}
