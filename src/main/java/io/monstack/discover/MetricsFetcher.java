package io.monstack.discover;

import io.monstack.spec.SpecValidator;
import io.monstack.stack.UserException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches one metrics page over http(s), bounded in every direction: connect timeout, a deadline
 * for the whole exchange (headers and body), and a body size limit enforced while streaming.
 * Failures become one-line {@link UserException}s that name the URL.
 */
public final class MetricsFetcher {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(3);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;
    /**
     * Asks the way Prometheus 3.5 asks (its default scrape_protocols), so that discover sees the
     * page and Content-Type Prometheus will see.
     */
    static final String ACCEPT = "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.6,"
            + "application/openmetrics-text;version=0.0.1;q=0.5,text/plain;version=1.0.0;escaping=allow-utf-8;q=0.4,"
            + "text/plain;version=0.0.4;q=0.3,*/*;q=0.2";

    private final Duration connectTimeout;
    private final Duration timeout;
    private final long maxBytes;

    public MetricsFetcher() {
        this(DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT, DEFAULT_MAX_BYTES);
    }

    public MetricsFetcher(Duration connectTimeout, Duration timeout, long maxBytes) {
        this.connectTimeout = connectTimeout;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
    }

    /** What the server sent: the status, the Content-Type header (null when absent) and the body. */
    public record Page(URI uri, int status, String contentType, byte[] body) {
    }

    /** Checks that text is an absolute http(s) URL with a host; the message says how to write one. */
    public static URI parseUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new UserException("give the URL of a metrics page, e.g. http://localhost:8080/metrics");
        }
        String text = url.strip();
        if (!text.contains("://")) {
            String shown = SpecValidator.show(text);
            // the user's own text in the example only when it shows as it is (nothing escaped or cut)
            String example = shown.equals("\"" + text + "\"") ? "http://" + text : "http://HOST:PORT/metrics";
            throw new UserException(shown + " is not a URL; write it with the scheme, e.g. " + example);
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new UserException("\"" + text + "\" is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new UserException("cannot fetch " + text + ": only http:// and https:// URLs can be scraped, not "
                    + scheme + "://");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new UserException("\"" + text + "\" has no host name; write it like http://host:8080/metrics");
        }
        if (uri.getRawUserInfo() != null) {
            throw new UserException("cannot fetch " + text + ": user:password@ in the URL is not supported");
        }
        return uri;
    }

    public Page fetch(String url) {
        URI uri = parseUrl(url);
        String hostPort = uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        // HTTP/1.1 only, as Prometheus scrapes: the default client asks http:// servers to upgrade
        // to h2c, and some (Node 10's http, which restify apps run on) never answer such a request.
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", ACCEPT)
                .header("Accept-Encoding", "gzip")
                .header("X-Prometheus-Scrape-Timeout-Seconds", String.valueOf(Math.max(1, timeout.toSeconds())))
                .header("User-Agent", "monstack-discover")
                .GET()
                .build();
        LimitedBody body = new LimitedBody(maxBytes);
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request, info -> {
            if (info.statusCode() != 200) {
                return HttpResponse.BodySubscribers.replacing(new byte[0]);
            }
            OptionalLong length = info.headers().firstValueAsLong("Content-Length");
            if (length.isPresent() && length.getAsLong() > maxBytes) {
                body.tooLarge = true;
            }
            return body;
        });
        HttpResponse<byte[]> response;
        try {
            response = future.get(timeout.toMillis() + 250, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            body.cancel();
            future.cancel(true);
            throw new UserException(url + ": no answer within " + seconds(timeout) + " (timeout); is the app stuck, "
                    + "or is this the right port?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            body.cancel();
            future.cancel(true);
            throw new UserException(url + ": interrupted while fetching");
        } catch (ExecutionException e) {
            throw failure(url, uri.getHost(), hostPort, e.getCause());
        }
        int status = response.statusCode();
        if (status != 200) {
            throw new UserException(url + " answered HTTP " + status + statusHint(status) + "; expected 200 with a metrics page");
        }
        String contentType = response.headers().firstValue("Content-Type").map(String::strip)
                .filter(s -> !s.isEmpty()).orElse(null);
        boolean gzip = response.headers().firstValue("Content-Encoding").map(e -> e.strip().equalsIgnoreCase("gzip")).orElse(false);
        return new Page(response.uri(), status, contentType, gzip ? gunzip(url, response.body()) : response.body());
    }

    /** A gzip body (Prometheus asks for it too), inflated under the same size limit. */
    private byte[] gunzip(String url, byte[] compressed) {
        try (java.io.InputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(compressed))) {
            byte[] out = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (out.length > maxBytes) {
                throw new UserException(url + " sent more than " + size(maxBytes) + " (once unzipped); that is not a metrics "
                        + "page monstack can use");
            }
            return out;
        } catch (IOException e) {
            throw new UserException(url + ": the page says it is gzip-compressed but cannot be unzipped: " + e.getMessage());
        }
    }

    private UserException failure(String url, String host, String hostPort, Throwable cause) {
        if (cause instanceof BodyTooLargeException) {
            return new UserException(url + " sent more than " + size(maxBytes) + "; that is not a metrics page monstack "
                    + "can use (is it a file download?)");
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return new UserException(url + ": no connection within " + seconds(connectTimeout)
                    + " (timeout); is the host reachable and the port open?");
        }
        if (cause instanceof HttpTimeoutException) {
            return new UserException(url + ": no answer within " + seconds(timeout)
                    + " (timeout); is the app stuck, or is this the right port?");
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return new UserException(url + ": unknown host " + host
                        + "; check the name (inside compose, use the service name)");
            }
        }
        if (cause instanceof ConnectException) {
            return new UserException(url + ": nothing listens on " + hostPort + " (connection refused); is the app running "
                    + "and listening on that port?");
        }
        if (cause instanceof javax.net.ssl.SSLException) {
            return new UserException(url + ": TLS failed (" + cause.getMessage() + "); try http:// if the app serves plain HTTP");
        }
        if (cause instanceof IOException) {
            String msg = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            return new UserException(url + ": cannot fetch the page: " + msg);
        }
        return new UserException(url + ": cannot fetch the page: " + cause);
    }

    private static String statusHint(int status) {
        return switch (status) {
            case 404 -> " (not found: check the metrics path, e.g. /metrics, /actuator/prometheus, /q/metrics)";
            case 401, 403 -> " (the page needs credentials; monstack's scrape jobs do not authenticate)";
            case 406 -> " (the app refuses the text format Prometheus asks for)";
            default -> status >= 500 ? " (a server error in the app)" : "";
        };
    }

    static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    static String size(long bytes) {
        if (bytes % (1024 * 1024) == 0) {
            return (bytes / (1024 * 1024)) + " MiB";
        }
        if (bytes % 1024 == 0) {
            return (bytes / 1024) + " KiB";
        }
        return bytes + " bytes";
    }

    private static final class BodyTooLargeException extends IOException {
        BodyTooLargeException() {
            super("body too large");
        }
    }

    /** Collects the body as it streams in, and gives up as soon as it passes the limit. */
    private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final long max;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        private volatile Flow.Subscription subscription;
        private volatile boolean tooLarge;

        LimitedBody(long max) {
            this.max = max;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (tooLarge) {
                s.cancel();
                result.completeExceptionally(new BodyTooLargeException());
                return;
            }
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer b : items) {
                if (buffer.size() + (long) b.remaining() > max) {
                    subscription.cancel();
                    result.completeExceptionally(new BodyTooLargeException());
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                buffer.writeBytes(chunk);
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(buffer.toByteArray());
        }

        void cancel() {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
            result.cancel(true);
        }
    }
}
