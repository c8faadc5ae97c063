package io.monstack.compose;

import io.monstack.spec.TargetDraft;
import io.monstack.spec.TargetSetting;
import io.monstack.stack.UserException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a service's labels say about scraping it. Two vocabularies:
 * <ul>
 * <li>{@code prometheus.io/scrape}, {@code prometheus.io/port}, {@code prometheus.io/path} (and
 * {@code prometheus.io/scheme}), which many tools read;</li>
 * <li>{@code monstack.scrape} (true/false), {@code monstack.port} (the container port that serves
 * metrics) and {@code monstack.KEY} for every add-target setting, by its long flag's name:
 * monstack.name, monstack.runtime, monstack.path, monstack.interval, monstack.metric, ...
 * (several values of a repeatable one joined with +, as init's --target takes them; for monstack.label a
 * + starts a new label only before NAME=, so a value may hold +).</li>
 * </ul>
 * monstack.* wins over prometheus.io/*. Labels come from labels: and deploy.labels.
 */
final class ServiceLabels {
    static final String PREFIX = "monstack.";
    static final String SCRAPE = "monstack.scrape";
    static final String PORT = "monstack.port";
    static final String PROM_SCRAPE = "prometheus.io/scrape";
    static final String PROM_PORT = "prometheus.io/port";
    static final String PROM_PATH = "prometheus.io/path";
    static final String PROM_SCHEME = "prometheus.io/scheme";

    /** The label that said scrape true/false, and its value; null when none did. */
    record Scrape(String label, boolean value) {
    }

    private final Map<String, ComposeService.Label> labels;
    private final String service;

    ServiceLabels(String service, Map<String, ComposeService.Label> labels) {
        this.service = service;
        this.labels = labels;
    }

    Scrape scrape() {
        for (String key : List.of(SCRAPE, PROM_SCRAPE)) {
            ComposeService.Label l = labels.get(key);
            if (l != null) {
                return new Scrape(key, bool(key, l));
            }
        }
        return null;
    }

    /** monstack.port, else prometheus.io/port; null when neither. */
    Integer port() {
        for (String key : List.of(PORT, PROM_PORT)) {
            ComposeService.Label l = labels.get(key);
            if (l != null) {
                String v = l.value().strip();
                if (!v.matches("\\d{1,5}") || Integer.parseInt(v) < 1 || Integer.parseInt(v) > 65535) {
                    throw new UserException(l.at().prefix() + "service " + Shown.name(service) + ": label " + key + " " + Shown.value(v)
                            + " must be a port from 1 to 65535");
                }
                return Integer.parseInt(v);
            }
        }
        return null;
    }

    /** The label that gave port(), for the report. */
    String portLabel() {
        return labels.containsKey(PORT) ? PORT : PROM_PORT;
    }

    String scheme() {
        ComposeService.Label l = labels.get(PROM_SCHEME);
        return l == null ? null : l.value().strip().toLowerCase(Locale.ROOT);
    }

    /**
     * Applies monstack.KEY labels (and prometheus.io/path) to the draft; returns where each setting
     * came from, so a problem with its value is reported at the label. An unknown monstack.* key is an error.
     */
    Map<TargetSetting, ComposeService.Label> applyTo(TargetDraft draft) {
        Map<TargetSetting, ComposeService.Label> from = new EnumMap<>(TargetSetting.class);
        labels.forEach((key, label) -> {
            if (!key.startsWith(PREFIX) || key.equals(SCRAPE) || key.equals(PORT)) {
                return;
            }
            String settingKey = key.substring(PREFIX.length());
            TargetSetting setting = TargetSetting.byKey(settingKey).orElseThrow(() -> new UserException(label.at().prefix()
                    + "service " + Shown.name(service) + ": unknown label " + Shown.name(key) + suggestion(settingKey) + "; monstack reads "
                    + SCRAPE + ", " + PORT + " and monstack.KEY for the keys " + TargetSetting.keys()));
            List<String> values = setting.repeatable() ? setting.splitValues(label.value()) : List.of(label.value());
            for (String v : values) {
                try {
                    // as written: a label's value is exact text (the validator refuses what a setting cannot hold)
                    setting.apply(draft, v);
                } catch (IllegalArgumentException e) {
                    throw new UserException(label.at().prefix() + "service " + Shown.name(service) + ": label " + key + " " + Shown.value(v)
                            + ": " + e.getMessage());
                }
            }
            from.put(setting, label);
        });
        ComposeService.Label exporter = labels.get(PREFIX + TargetSetting.EXPORTER.key());
        ComposeService.Label runtime = labels.get(PREFIX + TargetSetting.RUNTIME.key());
        String clash = exporter == null || runtime == null ? null : TargetSetting.runtimeClash("label " + PREFIX + TargetSetting.EXPORTER.key(),
                exporter.value(), "label " + PREFIX + TargetSetting.RUNTIME.key(), runtime.value());
        if (clash != null) {
            throw new UserException(exporter.at().prefix() + "service " + Shown.name(service) + ": " + clash);
        }
        ComposeService.Label path = labels.get(PROM_PATH);
        if (draft.metricsPath() == null && path != null) {
            draft.metricsPath(path.value());
            from.put(TargetSetting.PATH, path);
        }
        return from;
    }

    private static String suggestion(String key) {
        List<String> labels = new ArrayList<>(List.of(SCRAPE, PORT));
        for (TargetSetting s : TargetSetting.values()) {
            labels.add(PREFIX + s.key());
        }
        return TargetSetting.didYouMean(PREFIX + key, labels);
    }

    private boolean bool(String key, ComposeService.Label l) {
        return switch (l.value().strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new UserException(l.at().prefix() + "service " + Shown.name(service) + ": label " + key + " " + Shown.value(l.value())
                    + " must be true or false");
        };
    }
}
