package io.monstack.check;

import io.monstack.discover.Discovery;
import io.monstack.discover.MetricsDiscovery;
import io.monstack.discover.MetricsFetcher;
import io.monstack.spec.Runtime;
import io.monstack.spec.RuntimeCatalog;
import io.monstack.stack.UserException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fetches a failing target's page from where check runs, when it can be reached from here (a
 * published port, a container address on Linux): to find the path an app really serves its
 * metrics on, and how long the page takes. GETs only; results are kept for the next rounds of
 * --wait. Reads the page as discover does.
 */
final class PageProbe {
    private static final Duration CONNECT = Duration.ofSeconds(1);
    private static final Duration PATH_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration SLOW_PAGE_LIMIT = Duration.ofSeconds(30);

    /** A metrics page found at url, and what discover says it is. */
    record Found(String url, Discovery discovery) {
    }

    private final Map<String, Optional<Found>> pages = new ConcurrentHashMap<>();
    private final Map<String, OptionalLong> timings = new ConcurrentHashMap<>();

    /** The first path (the runtime presets' paths, the target's first) under scrapeUrl's host:port that serves metrics. */
    Optional<Found> findMetricsPage(String scrapeUrl, String preferredPath) {
        return pages.computeIfAbsent(scrapeUrl, u -> search(u, preferredPath));
    }

    /** How long the page took to come (milliseconds), fetched with a generous limit; empty if it cannot be had from here. */
    OptionalLong timePage(String scrapeUrl) {
        return timings.computeIfAbsent(scrapeUrl, u -> {
            MetricsFetcher fetcher = new MetricsFetcher(CONNECT, SLOW_PAGE_LIMIT, MetricsFetcher.DEFAULT_MAX_BYTES);
            long start = System.nanoTime();
            try {
                fetcher.fetch(u);
                return OptionalLong.of((System.nanoTime() - start) / 1_000_000);
            } catch (UserException e) {
                return OptionalLong.empty();
            }
        });
    }

    private static Optional<Found> search(String scrapeUrl, String preferredPath) {
        URI uri = URI.create(scrapeUrl);
        String origin = uri.getScheme() + "://" + uri.getRawAuthority();
        MetricsDiscovery discovery = new MetricsDiscovery(new MetricsFetcher(CONNECT, PATH_TIMEOUT, MetricsFetcher.DEFAULT_MAX_BYTES));
        for (String path : candidatePaths(preferredPath, uri.getRawPath())) {
            try {
                return Optional.of(new Found(origin + path, discovery.discover(origin + path)));
            } catch (UserException e) {
                if (unreachable(e)) {
                    return Optional.empty(); // no point trying more paths on a host we cannot reach
                }
            }
        }
        return Optional.empty();
    }

    /** The preferred path, then every runtime preset's path, without the one that already failed. */
    private static Set<String> candidatePaths(String preferred, String failed) {
        Set<String> paths = new LinkedHashSet<>();
        if (preferred != null) {
            paths.add(preferred);
        }
        for (Runtime r : RuntimeCatalog.all().values()) {
            if (r.metricsPath() != null) {
                paths.add(r.metricsPath());
            }
        }
        paths.remove(failed);
        return paths;
    }

    private static boolean unreachable(UserException e) {
        String m = e.getMessage();
        return m.contains("unknown host") || m.contains("connection refused") || m.contains("no connection within")
                || m.contains("cannot fetch the page");
    }
}
