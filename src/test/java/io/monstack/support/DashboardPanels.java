package io.monstack.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A Grafana dashboard's panels with the row each one sits in. A collapsed row holds its panels in
 * its own "panels"; an open row is followed by its panels at the top level, up to the next row.
 */
public final class DashboardPanels {
    /** Rows of panels a runtime's old clients may not feed (templates/dashboards/panels.yml "optional:"). */
    public static final String OPTIONAL_ROW_PREFIX = "Optional: ";

    /** A panel (never a row) and the title of its row; null above the first row. */
    public record Placed(JsonNode panel, String row) {
        public boolean optional() {
            return row != null && row.startsWith(OPTIONAL_ROW_PREFIX);
        }

        public String title() {
            return panel.path("title").asText();
        }
    }

    private DashboardPanels() {
    }

    public static List<Placed> of(JsonNode dashboard) {
        List<Placed> out = new ArrayList<>();
        String row = null;
        for (JsonNode p : dashboard.path("panels")) {
            if (p.path("type").asText().equals("row")) {
                row = p.path("title").asText();
                for (JsonNode inner : p.path("panels")) {
                    out.add(new Placed(inner, row));
                }
            } else {
                out.add(new Placed(p, row));
            }
        }
        return out;
    }

    /** Every panel, rows included, for checks that apply to each (types, datasources). */
    public static List<JsonNode> all(JsonNode dashboard) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode p : dashboard.path("panels")) {
            out.add(p);
            p.path("panels").forEach(out::add);
        }
        return out;
    }
}
