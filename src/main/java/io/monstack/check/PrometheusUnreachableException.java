package io.monstack.check;

/**
 * No Prometheus answers at the URL tried, or what answers is not its API (exit 3: the stack is not
 * running, or not there). The message is the cause and a hint in one line; {@link #cause()} and
 * {@link #notPrometheus()} let {@code check} put the cause and its own fix into a report.
 */
public final class PrometheusUnreachableException extends RuntimeException {
    private final String url;
    private final String cause;
    private final boolean notPrometheus;

    /**
     * @param url the Prometheus base URL tried
     * @param cause what went wrong, e.g. "no Prometheus answers at http://... (connection refused)"
     * @param notPrometheus whether something answered, but not Prometheus' API (a wrong URL rather than a stopped stack)
     * @param hint the one-line hint of the message
     */
    PrometheusUnreachableException(String url, String cause, boolean notPrometheus, String hint) {
        super(cause + (hint == null ? "" : (notPrometheus ? "; " : ": ") + hint));
        this.url = url;
        this.cause = cause;
        this.notPrometheus = notPrometheus;
    }

    public String url() {
        return url;
    }

    /** What went wrong, without the hint. */
    public String cause() {
        return cause;
    }

    public boolean notPrometheus() {
        return notPrometheus;
    }
}
