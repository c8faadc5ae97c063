package io.monstack.spec;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Prometheus durations ("1h30m", "15s", "500ms"), parsed by the same rules Prometheus uses. */
public final class Durations {
    private static final Pattern DURATION = Pattern.compile(
            "^(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?$");
    private static final long[] UNIT_MILLIS = {
        365L * 24 * 3600_000, 7L * 24 * 3600_000, 24L * 3600_000, 3600_000L, 60_000L, 1000L, 1L
    };

    private Durations() {
    }

    public static boolean isValid(String text) {
        return text != null && !text.isEmpty() && toMillis(text) > 0;
    }

    /** Milliseconds, or -1 when the text is not a Prometheus duration (or overflows). */
    public static long toMillis(String text) {
        if (text == null || text.isEmpty() || text.length() > 40) {
            return -1;
        }
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            return -1;
        }
        long total = 0;
        for (int i = 0; i < UNIT_MILLIS.length; i++) {
            String part = m.group(i + 1);
            if (part != null) {
                try {
                    total = Math.addExact(total, Math.multiplyExact(Long.parseLong(part), UNIT_MILLIS[i]));
                } catch (ArithmeticException | NumberFormatException e) {
                    return -1;
                }
            }
        }
        return total;
    }

    /** Milliseconds as Prometheus writes a duration: 90000 -> 1m30s, 500 -> 500ms. */
    public static String format(long millis) {
        if (millis <= 0) {
            return "0s";
        }
        String[] units = {"y", "w", "d", "h", "m", "s", "ms"};
        StringBuilder sb = new StringBuilder();
        long left = millis;
        for (int i = 0; i < UNIT_MILLIS.length; i++) {
            long n = left / UNIT_MILLIS[i];
            if (n > 0) {
                sb.append(n).append(units[i]);
                left -= n * UNIT_MILLIS[i];
            }
        }
        return sb.toString();
    }

    /**
     * A range window that holds enough samples of a series scraped every {@code interval}: the
     * window itself, or four scrape intervals when that is longer. Prometheus 3's ranges are
     * left-open, so a window needs at least two samples; four (as Grafana's $__rate_interval
     * takes) survive a failed scrape.
     */
    public static String rangeWindow(String window, String interval) {
        long min = 4 * toMillis(interval);
        return toMillis(window) >= min ? window : format(min);
    }
}
