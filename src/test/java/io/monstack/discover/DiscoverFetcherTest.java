package io.monstack.discover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.monstack.stack.UserException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The bounded fetcher against a tiny HTTP server on 127.0.0.1: every way a page can go wrong. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DiscoverFetcherTest {
    static final String PAGE = DiscoverParserTest.sample("node.txt");
    static HttpServer server;
    static String base;
    static CountDownLatch release;

    /** Short timeouts so that the slow-server case takes about a second. */
    static final MetricsFetcher FAST = new MetricsFetcher(Duration.ofSeconds(1), Duration.ofMillis(1200), MetricsFetcher.DEFAULT_MAX_BYTES);

    @BeforeAll
    static void start() throws IOException {
        CountDownLatch latch = new CountDownLatch(1);
        release = latch;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "discover-test-http");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/metrics", ex -> send(ex, 200, "text/plain; version=0.0.4; charset=utf-8", PAGE));
        server.createContext("/no-content-type", ex -> send(ex, 200, null, PAGE));
        server.createContext("/html", ex -> send(ex, 200, "text/html; charset=utf-8",
                "<!DOCTYPE html>\n<html><head><title>Welcome</title></head><body>It works</body></html>\n"));
        server.createContext("/error", ex -> send(ex, 500, "text/plain", "boom\n"));
        server.createContext("/huge", DiscoverFetcherTest::huge);
        server.createContext("/slow", ex -> {
            try {
                latch.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            send(ex, 200, "text/plain", PAGE);
        });
        server.createContext("/empty", ex -> send(ex, 200, "text/plain", ""));
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        release.countDown();
        server.stop(0);
    }

    static void send(HttpExchange ex, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (contentType != null) {
            ex.getResponseHeaders().set("Content-Type", contentType);
        }
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        } catch (IOException e) {
            // the client gave up
        }
    }

    /** 20 MiB of valid metrics, chunked (no Content-Length), so only the streaming limit stops it. */
    static void huge(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
        ex.sendResponseHeaders(200, 0);
        byte[] line = "filler_metric{i=\"0123456789\"} 1\n".getBytes(StandardCharsets.UTF_8);
        byte[] chunk = new byte[64 * 1024];
        for (int i = 0; i + line.length <= chunk.length; i += line.length) {
            System.arraycopy(line, 0, chunk, i, line.length);
        }
        try (OutputStream out = ex.getResponseBody()) {
            for (long sent = 0; sent < 20L * 1024 * 1024; sent += chunk.length) {
                out.write(chunk);
            }
        } catch (IOException e) {
            // expected: the client stops reading past its limit
        }
    }

    @Test
    void goodPage() {
        MetricsFetcher.Page page = FAST.fetch(base + "/metrics");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
        assertThat(new String(page.body(), StandardCharsets.UTF_8)).isEqualTo(PAGE);

        Discovery d = new MetricsDiscovery(FAST).discover(base + "/metrics");
        assertThat(d.runtime()).isEqualTo("node");
        assertThat(d.metricsPath()).isEqualTo("/metrics");
        assertThat(d.staticTarget()).isEqualTo("127.0.0.1:" + server.getAddress().getPort());
        assertThat(d.suggestedFallbackScrapeProtocol()).isNull();
        assertThat(d.customMetrics()).hasSize(3);
    }

    @Test
    void pageWithoutContentTypeNeedsTheFallbackOnPrometheus3() {
        MetricsFetcher.Page page = FAST.fetch(base + "/no-content-type");
        assertThat(page.contentType()).isNull();
        Discovery d = new MetricsDiscovery(FAST).discover(base + "/no-content-type");
        assertThat(d.contentType()).isNull();
        assertThat(d.suggestedFallbackScrapeProtocol()).isEqualTo("PrometheusText0.0.4");
        assertThat(d.runtime()).isEqualTo("node");
    }

    @Test
    void htmlPageIsRefused() {
        assertThatThrownBy(() -> new MetricsDiscovery(FAST).discover(base + "/html"))
                .isInstanceOf(UserException.class)
                .hasMessage(base + "/html does not look like a Prometheus metrics page (it is an HTML page, "
                        + "Content-Type text/html; charset=utf-8); check the metrics path");
    }

    @Test
    void emptyBodyIsRefused() {
        assertThatThrownBy(() -> new MetricsDiscovery(FAST).discover(base + "/empty"))
                .isInstanceOf(UserException.class).hasMessageContaining("(the body is empty)");
    }

    @Test
    void serverErrorsAndMissingPagesNameTheStatus() {
        assertThatThrownBy(() -> FAST.fetch(base + "/error"))
                .isInstanceOf(UserException.class)
                .hasMessage(base + "/error answered HTTP 500 (a server error in the app); expected 200 with a metrics page");
        assertThatThrownBy(() -> FAST.fetch(base + "/nothing-here"))
                .isInstanceOf(UserException.class).hasMessageContaining("HTTP 404 (not found: check the metrics path");
    }

    @Test
    void hugeBodyIsCutOffAtTheLimit() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> new MetricsFetcher().fetch(base + "/huge"))
                .isInstanceOf(UserException.class)
                .hasMessageStartingWith(base + "/huge sent more than 10 MiB;");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        MetricsFetcher small = new MetricsFetcher(Duration.ofSeconds(1), Duration.ofSeconds(5), 1000);
        assertThatThrownBy(() -> small.fetch(base + "/metrics")) // with Content-Length: refused before reading
                .isInstanceOf(UserException.class).hasMessageContaining("sent more than 1000 bytes");
    }

    @Test
    void slowServerTimesOut() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> FAST.fetch(base + "/slow"))
                .isInstanceOf(UserException.class)
                .hasMessage(base + "/slow: no answer within 1.2 s (timeout); is the app stuck, or is this the right port?");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(1000), Duration.ofMillis(4000));
    }

    @Test
    void closedPortSaysNothingListens() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        assertThatThrownBy(() -> FAST.fetch("http://127.0.0.1:" + port + "/metrics"))
                .isInstanceOf(UserException.class)
                .hasMessage("http://127.0.0.1:" + port + "/metrics: nothing listens on 127.0.0.1:" + port
                        + " (connection refused); is the app running and listening on that port?");
    }

    @Test
    void unknownHost() {
        assertThatThrownBy(() -> FAST.fetch("http://no-such-host.invalid:9100/metrics"))
                .isInstanceOf(UserException.class)
                .satisfies(e -> assertThat(e.getMessage()).matches(
                        "http://no-such-host.invalid:9100/metrics: (unknown host no-such-host.invalid.*|no connection within 1 s.*)"));
    }

    @Test
    void onlyHttpUrlsAreFetched() {
        assertThatThrownBy(() -> FAST.fetch("file:///etc/passwd")).isInstanceOf(UserException.class)
                .hasMessage("cannot fetch file:///etc/passwd: only http:// and https:// URLs can be scraped, not file://");
        assertThatThrownBy(() -> FAST.fetch("ftp://host/metrics")).isInstanceOf(UserException.class)
                .hasMessageContaining("only http:// and https://");
        assertThatThrownBy(() -> FAST.fetch("localhost:9100/metrics")).isInstanceOf(UserException.class)
                .hasMessage("\"localhost:9100/metrics\" is not a URL; write it with the scheme, e.g. http://localhost:9100/metrics");
        assertThatThrownBy(() -> FAST.fetch("http:///metrics")).isInstanceOf(UserException.class)
                .hasMessageContaining("has no host name");
        assertThatThrownBy(() -> FAST.fetch("http://a b/")).isInstanceOf(UserException.class)
                .hasMessageContaining("is not a valid URL");
    }

    /**
     * A server like Node 10's http (what the book's restify app runs on): it answers plain HTTP/1.1
     * requests at once and never answers one that asks to upgrade to h2c. Java's default client
     * asks for that upgrade; Prometheus never does, and neither may discover.
     */
    @Test
    void serverThatIgnoresH2cUpgradesIsReadLikePrometheusReadsIt() throws Exception {
        try (RawServer raw = new RawServer(request -> request.toLowerCase(java.util.Locale.ROOT).contains("upgrade: h2c") ? null
                : "HTTP/1.1 200 OK\r\nContent-Length: " + PAGE.getBytes(StandardCharsets.UTF_8).length
                        + "\r\nConnection: close\r\n\r\n" + PAGE)) {
            long start = System.nanoTime();
            Discovery d = new MetricsDiscovery(FAST).discover(raw.url("/metrics"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1200));
            assertThat(d.runtime()).isEqualTo("node");
            assertThat(d.contentType()).isNull(); // like the book's app: no Content-Type at all
            assertThat(d.suggestedFallbackScrapeProtocol()).isEqualTo("PrometheusText0.0.4");
            String request = raw.requests().get(0);
            assertThat(request).startsWith("GET /metrics HTTP/1.1\r\n");
            assertThat(request.toLowerCase(java.util.Locale.ROOT)).doesNotContain("upgrade").doesNotContain("http2-settings");
            assertThat(request).contains("\r\nAccept: " + MetricsFetcher.ACCEPT + "\r\n");
            assertThat(request).contains("X-Prometheus-Scrape-Timeout-Seconds: 1");
        }
    }

    @Test
    void gzipPagesAreUnzipped() throws Exception {
        java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(zipped)) {
            gz.write(PAGE.getBytes(StandardCharsets.UTF_8));
        }
        byte[] body = zipped.toByteArray();
        server.createContext("/gzip", ex -> {
            ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
            ex.getResponseHeaders().set("Content-Encoding", "gzip");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        MetricsFetcher.Page page = FAST.fetch(base + "/gzip");
        assertThat(new String(page.body(), StandardCharsets.UTF_8)).isEqualTo(PAGE);
        MetricsFetcher small = new MetricsFetcher(Duration.ofSeconds(1), Duration.ofSeconds(5), body.length + 10L);
        assertThatThrownBy(() -> small.fetch(base + "/gzip")).isInstanceOf(UserException.class)
                .hasMessageContaining("(once unzipped)");
    }

    /** One-request-per-connection HTTP server on a raw socket; the handler returns the response, or null to never answer. */
    static final class RawServer implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 10, java.net.InetAddress.getByName("127.0.0.1"));
        private final java.util.List<String> requests = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final java.util.List<java.net.Socket> open = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final Thread thread;

        RawServer(java.util.function.Function<String, String> handler) throws IOException {
            thread = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        java.net.Socket c = socket.accept();
                        open.add(c);
                        String request = readHead(c.getInputStream());
                        requests.add(request);
                        String response = handler.apply(request);
                        if (response != null) {
                            c.getOutputStream().write(response.getBytes(StandardCharsets.UTF_8));
                            c.close();
                        }
                    } catch (IOException e) {
                        return; // closed
                    }
                }
            }, "raw-http");
            thread.setDaemon(true);
            thread.start();
        }

        String url(String path) {
            return "http://127.0.0.1:" + socket.getLocalPort() + path;
        }

        java.util.List<String> requests() {
            return requests;
        }

        private static String readHead(java.io.InputStream in) throws IOException {
            StringBuilder sb = new StringBuilder();
            int b;
            while ((b = in.read()) >= 0) {
                sb.append((char) b);
                if (sb.length() >= 4 && sb.substring(sb.length() - 4).equals("\r\n\r\n")) {
                    break;
                }
            }
            return sb.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (java.net.Socket c : open) {
                c.close();
            }
        }
    }
}
