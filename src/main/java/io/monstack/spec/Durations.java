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
}
