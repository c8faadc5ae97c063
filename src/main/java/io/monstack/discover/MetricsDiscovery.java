package io.monstack.discover;

import io.monstack.spec.CustomMetric;
import io.monstack.spec.Target;
import io.monstack.stack.UserException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code monstack discover}'s core: fetch a metrics page, read it, and say what runtime serves it,
 * which of its metrics are the app's own, and what a Prometheus job for it needs. Never prints.
 */
public final class MetricsDiscovery {
    /** What Prometheus 3 should assume for a page without a usable Content-Type. */
    public static final String TEXT_FALLBACK = Target.DEFAULT_FALLBACK;
    public static final String OPENMETRICS_FALLBACK = "OpenMetricsText1.0.0";
    /** More custom metrics than this make a slow dashboard; the user is told to pick. */
    static final int MANY_METRICS = 40;

    private final MetricsFetcher fetcher;

    public MetricsDiscovery() {
        this(new MetricsFetcher());
    }

    public MetricsDiscovery(MetricsFetcher fetcher) {
        this.fetcher = fetcher;
    }

    public Discovery discover(String url) {
        MetricsFetcher.Page page = fetcher.fetch(url);
        return analyse(url, page.uri(), page.contentType(), new String(page.body(), StandardCharsets.UTF_8));
    }

    /** Reads a page already fetched (also what the tests feed sample pages into). */
    public static Discovery analyse(String url, URI uri, String contentType, String body) {
        String media = contentType == null ? null : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        if (looksLikeHtml(media, body)) {
            throw new UserException(url + " does not look like a Prometheus metrics page (it is an HTML page"
                    + (contentType == null ? "" : ", Content-Type " + contentType) + "); check the metrics path");
        }
        if (body.isBlank()) {
            throw new UserException(url + " does not look like a Prometheus metrics page (the body is empty)");
        }
        ExpositionParser.Page parsed = ExpositionParser.parse(body, contentType);
        if (parsed.sampleCount() == 0 || parsed.problems().size() > parsed.sampleCount()) {
            String first = parsed.problems().isEmpty() ? "" : "; first problem: " + parsed.problems().get(0);
            throw new UserException(url + " does not look like a Prometheus metrics page (" + parsed.sampleCount()
                    + " samples, " + parsed.problems().size() + " unreadable lines" + first + ")");
        }
        List<String> warnings = new ArrayList<>();
        if (!parsed.problems().isEmpty()) {
            warnings.add(parsed.problems().size() + " line(s) could not be read and were skipped; first: "
                    + parsed.problems().get(0));
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            warnings.add("the query ?" + uri.getRawQuery() + " is left out: monstack's scrape jobs have no URL parameters");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        String host = uri.getHost();
        if (scheme.equals("https")) {
            warnings.add("the page is served over https; monstack's scrape jobs use plain http, so the target needs "
                    + "an http port");
        }
        if (Discovery.isLoopback(host)) {
            warnings.add(host + " is the Prometheus container itself once the stack runs in Docker: in monstack.yml, "
                    + "use the app's compose service name (or host.docker.internal for an app on the host)");
        }

        RuntimeDetector.Detection detection = RuntimeDetector.detect(parsed.families(), path);
        if (detection.warning() != null) {
            warnings.add(detection.warning());
        }
        List<CustomMetric> custom = CustomMetrics.select(parsed.families(), detection.runtime(), warnings);
        if (custom.isEmpty()) {
            warnings.add("no metrics of the app's own found (only runtime and library metrics); the dashboard will show "
                    + "the runtime panels");
        } else if (custom.size() > MANY_METRICS) {
            warnings.add(custom.size() + " metrics of the app's own: a panel each makes a slow dashboard; "
                    + "consider keeping only the ones that matter (add-target --metric)");
        }

        String fallback = null;
        String problem = null;
        if (contentType == null) {
            problem = "the page is sent without a Content-Type header";
        } else if (!(media.equals("text/plain") || media.equals("application/openmetrics-text")
                || media.equals("application/vnd.google.protobuf"))) {
            problem = "Content-Type " + contentType + " is not a metrics format Prometheus 3 knows";
        }
        if (problem != null) {
            fallback = parsed.openMetrics() ? OPENMETRICS_FALLBACK : TEXT_FALLBACK;
            warnings.add(problem + ": Prometheus 3 fails such scrapes unless the job sets fallback_scrape_protocol"
                    + (fallback.equals(Target.DEFAULT_FALLBACK)
                            ? "; monstack's jobs set " + fallback + " on Prometheus 3 unless told otherwise, which reads this page"
                            : "; the page is OpenMetrics, so the target needs fallbackScrapeProtocol: " + fallback
                                    + " (the add-target line below sets it)")
                    + " (Prometheus 2 accepts such pages and rejects the field)");
        }
        return new Discovery(url, detection.runtime(), detection.evidence(), path, host + ":" + port, contentType,
                fallback, custom, parsed.families().size(), warnings);
    }

    private static boolean looksLikeHtml(String media, String body) {
        if ("text/html".equals(media) || "application/xhtml+xml".equals(media)) {
            return true;
        }
        String head = body.stripLeading();
        if (head.startsWith("\uFEFF")) {
            head = head.substring(1);
        }
        head = head.substring(0, Math.min(head.length(), 512)).toLowerCase(Locale.ROOT);
        return head.startsWith("<!doctype") || head.startsWith("<html") || head.startsWith("<?xml") || head.startsWith("<");
    }
}
