package io.monstack.generate;

import java.util.Arrays;
import java.util.Locale;

/** The modern Grafana panel types monstack uses (never the removed Angular graph/singlestat). */
enum PanelType {
    TIMESERIES, STAT, GAUGE, TABLE;

    /** Grafana's name for it. */
    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Panels of this type show one number, so they get a narrow slot and a range query they reduce. */
    boolean singleValue() {
        return this == STAT || this == GAUGE;
    }

    static PanelType parse(String id) {
        return Arrays.stream(values()).filter(t -> t.id().equals(id)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "panel type \"" + id + "\" is not one of " + String.join(", ", Arrays.stream(values()).map(PanelType::id).toList())));
    }
}
