package io.monstack.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Alerting (opt-in): Prometheus rule files (per job, per runtime, per custom metric) and an
 * Alertmanager service that routes each severity to its receivers.
 */
public record AlertingSettings(
        boolean enabled,
        String image,
        int port,
        String groupWait,
        String groupInterval,
        String repeatInterval,
        AlertThresholds defaults,
        List<AlertReceiver> receivers) {

    public static final String DEFAULT_IMAGE = "prom/alertmanager:v0.28.1";
    /** The port Alertmanager listens on inside its container (and Prometheus sends to). */
    public static final int CONTAINER_PORT = 9093;

    public AlertingSettings {
        defaults = defaults == null ? AlertThresholds.NONE : defaults;
        receivers = receivers == null ? List.of() : List.copyOf(receivers);
    }

    public static AlertingSettings disabled() {
        return new AlertingSettings(false, DEFAULT_IMAGE, CONTAINER_PORT, "30s", "5m", "4h", AlertThresholds.NONE, List.of());
    }

    public static AlertingSettings enabledDefaults() {
        return disabled().withEnabled(true);
    }

    public AlertingSettings withEnabled(boolean on) {
        return new AlertingSettings(on, image, port, groupWait, groupInterval, repeatInterval, defaults, receivers);
    }

    /** The stack's thresholds: alerting.defaults over the built-in ones. */
    public AlertThresholds stackThresholds() {
        return defaults.over(AlertThresholds.builtIn());
    }

    /** Receivers per severity that has any, in the order critical, warning, info. */
    public Map<String, List<AlertReceiver>> receiversBySeverity() {
        Map<String, List<AlertReceiver>> by = new LinkedHashMap<>();
        for (String severity : MetricAlert.SEVERITIES) {
            List<AlertReceiver> list = new ArrayList<>();
            for (AlertReceiver r : receivers) {
                if (r.severities().contains(severity)) {
                    list.add(r);
                }
            }
            if (!list.isEmpty()) {
                by.put(severity, list);
            }
        }
        return by;
    }

    /** Receivers whose credential is a host file, mounted as a compose secret. */
    public List<AlertReceiver> withSecrets() {
        return receivers.stream().filter(r -> r.secretFile() != null).toList();
    }

    /** The Alertmanager version's minor number, read from the image tag (v0.28.1 -> 28); -1 when the tag says nothing. */
    public int minorVersion() {
        int colon = image == null ? -1 : image.lastIndexOf(':');
        int slash = image == null ? -1 : image.lastIndexOf('/');
        if (colon > slash) {
            String tag = image.substring(colon + 1);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^v?0\\.(\\d{1,3})(?:\\..*)?$").matcher(tag);
            if (m.matches()) {
                return Integer.parseInt(m.group(1));
            }
        }
        return -1;
    }
}
