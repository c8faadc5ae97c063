package io.monstack.spec;

/** The Prometheus server of the stack. scrapeTimeout may be null (Prometheus' default). */
public record PrometheusSettings(String image, String scrapeInterval, String scrapeTimeout, String retention, int port) {
    public static final String DEFAULT_IMAGE = "prom/prometheus:v3.5.0";

    /** 5 s gets a new stack its first data within 15 s (README "Time to first data" has the cost). */
    public static final String DEFAULT_SCRAPE_INTERVAL = "5s";

    public static PrometheusSettings defaults() {
        return new PrometheusSettings(DEFAULT_IMAGE, DEFAULT_SCRAPE_INTERVAL, null, "15d", 9090);
    }

    public PrometheusSettings withImage(String newImage) {
        return new PrometheusSettings(newImage, scrapeInterval, scrapeTimeout, retention, port);
    }

    public PrometheusSettings withScrapeInterval(String interval) {
        return new PrometheusSettings(image, interval, scrapeTimeout, retention, port);
    }

    public PrometheusSettings withScrapeTimeout(String timeout) {
        return new PrometheusSettings(image, scrapeInterval, timeout, retention, port);
    }

    public PrometheusSettings withRetention(String newRetention) {
        return new PrometheusSettings(image, scrapeInterval, scrapeTimeout, newRetention, port);
    }

    public PrometheusSettings withPort(int newPort) {
        return new PrometheusSettings(image, scrapeInterval, scrapeTimeout, retention, newPort);
    }

    /** The Prometheus majors monstack writes for; an image tagged with another one is refused. */
    public static final java.util.Set<Integer> SUPPORTED_MAJORS = java.util.Set.of(2, 3);

    /**
     * The major version of the pinned image, read from its tag (v2.x, v3.x): 2 for a 2.x tag,
     * else 3 (the newest monstack writes for), also when the tag names no version (latest).
     */
    public int majorVersion() {
        return taggedMajor() == 2 ? 2 : 3;
    }

    /** The major version the image's tag names (v3.5.0, 2.53, v2), or -1 when it names none (latest, a digest). */
    public int taggedMajor() {
        int colon = image.lastIndexOf(':');
        int slash = image.lastIndexOf('/');
        if (colon <= slash || image.contains("@")) {
            return -1;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("v?(\\d+)(?:\\..*)?").matcher(image.substring(colon + 1));
        if (!m.matches()) {
            return -1;
        }
        // a date tag (20240101) or a huge number is no Prometheus release either: refused as a major it is not
        return m.group(1).length() > 6 ? Integer.MAX_VALUE : Integer.parseInt(m.group(1));
    }
}
