package io.monstack.check;

/** No Prometheus answers at the URL tried (exit 3: the stack is not running, or not there). */
public final class PrometheusUnreachableException extends RuntimeException {
    private final String url;

    public PrometheusUnreachableException(String url, String message) {
        super(message);
        this.url = url;
    }

    public String url() {
        return url;
    }
}
