package io.monstack.generate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Builds one classic Grafana dashboard JSON: modern panel types only, every panel and query
 * bound to the provisioned datasource by its fixed uid, "id": null, no ${DS_...} inputs.
 * Panels flow left to right, two per row unless a width is given.
 */
final class DashboardBuilder {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final int GRID_WIDTH = 24;
    private static final int PANEL_HEIGHT = 8;

    private final ObjectNode dashboard = F.objectNode();
    private final ArrayNode panels = F.arrayNode();
    private final ArrayNode variables = F.arrayNode();
    private int nextId = 1;
    private int x;
    private int y;
    private int rowHeight;
    /** The queries' "Min step"; null: the datasource's scrape interval. */
    private String queryInterval;

    DashboardBuilder(String uid, String title, String description, List<String> tags) {
        dashboard.putNull("id");
        dashboard.put("uid", uid);
        dashboard.put("title", title);
        dashboard.put("description", description);
        ArrayNode tagArray = dashboard.putArray("tags");
        tags.forEach(tagArray::add);
        dashboard.put("timezone", "browser");
        dashboard.put("editable", true);
        dashboard.put("graphTooltip", 1);
        ObjectNode time = dashboard.putObject("time");
        time.put("from", "now-1h");
        time.put("to", "now");
        dashboard.put("refresh", "30s");
        dashboard.put("schemaVersion", 39);
        dashboard.put("version", 1);
    }

    static ObjectNode datasource() {
        ObjectNode ds = F.objectNode();
        ds.put("type", "prometheus");
        ds.put("uid", StackModel.DATASOURCE_UID);
        return ds;
    }

    /** A multi-select variable of label values, e.g. the instances of one job. */
    DashboardBuilder variable(String name, String label, String query) {
        ObjectNode v = F.objectNode();
        v.put("type", "query");
        v.put("name", name);
        v.put("label", label);
        v.set("datasource", datasource());
        v.put("query", query);
        v.put("refresh", 2);
        v.put("includeAll", true);
        v.put("multi", true);
        v.put("allValue", ".+");
        ObjectNode current = v.putObject("current");
        current.put("text", "All");
        current.put("value", "$__all");
        v.put("sort", 1);
        variables.add(v);
        return this;
    }

    DashboardBuilder linkToTag(String title, String tag) {
        ArrayNode links = dashboard.has("links") ? (ArrayNode) dashboard.get("links") : dashboard.putArray("links");
        ObjectNode link = links.addObject();
        link.put("title", title);
        link.put("type", "dashboards");
        link.put("icon", "external link");
        link.put("tooltip", "");
        link.putArray("tags").add(tag);
        link.put("asDropdown", true);
        link.put("targetBlank", false);
        link.put("includeVars", false);
        link.put("keepTime", true);
        return this;
    }

    /**
     * The scrape interval of the jobs the next panels show, when it is longer than the stack's: set
     * as each query's Min step, so that Grafana's $__rate_interval (4 x the scrape interval it
     * knows, else the datasource's) spans enough samples of those jobs.
     */
    DashboardBuilder queryInterval(String interval) {
        this.queryInterval = interval;
        return this;
    }

    DashboardBuilder row(String title) {
        newLine();
        ObjectNode row = F.objectNode();
        row.put("type", "row");
        row.put("collapsed", false);
        row.put("title", title);
        row.put("id", nextId++);
        row.set("gridPos", gridPos(0, y, GRID_WIDTH, 1));
        row.putArray("panels");
        panels.add(row);
        y += 1;
        return this;
    }

    DashboardBuilder panel(PanelType type, String title, String description, String unit, int width,
            List<PanelSets.Query> queries) {
        if (x + width > GRID_WIDTH) {
            newLine();
        }
        ObjectNode p = F.objectNode();
        p.put("type", type.id());
        p.put("id", nextId++);
        p.put("title", title);
        if (description != null && !description.isEmpty()) {
            p.put("description", description);
        }
        p.set("datasource", datasource());
        p.set("gridPos", gridPos(x, y, width, PANEL_HEIGHT));
        ArrayNode targets = p.putArray("targets");
        char refId = 'A';
        for (PanelSets.Query q : queries) {
            ObjectNode t = targets.addObject();
            t.set("datasource", datasource());
            t.put("refId", String.valueOf(refId++));
            t.put("expr", q.expr());
            t.put("legendFormat", q.legend() == null ? "__auto" : q.legend());
            if (queryInterval != null) {
                t.put("interval", queryInterval);
            }
            if (type == PanelType.TABLE) {
                t.put("instant", true);
                t.put("range", false);
                t.put("format", "table");
            } else if (type.singleValue()) {
                t.put("instant", false);
                t.put("range", true);
            }
        }
        ObjectNode fieldConfig = p.putObject("fieldConfig");
        ObjectNode defaults = fieldConfig.putObject("defaults");
        defaults.put("unit", unit == null ? "short" : unit);
        fieldConfig.putArray("overrides");
        p.set("options", options(type));
        panels.add(p);
        x += width;
        rowHeight = PANEL_HEIGHT;
        return this;
    }

    ObjectNode build() {
        ObjectNode templating = dashboard.putObject("templating");
        templating.set("list", variables);
        ObjectNode annotations = dashboard.putObject("annotations");
        ArrayNode list = annotations.putArray("list");
        ObjectNode builtIn = list.addObject();
        builtIn.put("builtIn", 1);
        ObjectNode grafanaDs = builtIn.putObject("datasource");
        grafanaDs.put("type", "grafana");
        grafanaDs.put("uid", "-- Grafana --");
        builtIn.put("enable", true);
        builtIn.put("hide", true);
        builtIn.put("iconColor", "rgba(0, 211, 255, 1)");
        builtIn.put("name", "Annotations & Alerts");
        builtIn.put("type", "dashboard");
        dashboard.set("panels", panels);
        return dashboard;
    }

    private void newLine() {
        if (x > 0) {
            y += rowHeight;
            x = 0;
        }
    }

    private static ObjectNode gridPos(int x, int y, int w, int h) {
        ObjectNode g = F.objectNode();
        g.put("h", h);
        g.put("w", w);
        g.put("x", x);
        g.put("y", y);
        return g;
    }

    private static ObjectNode options(PanelType type) {
        ObjectNode o = F.objectNode();
        switch (type) {
            case TIMESERIES -> {
                ObjectNode legend = o.putObject("legend");
                legend.put("displayMode", "list");
                legend.put("placement", "bottom");
                legend.put("showLegend", true);
                ObjectNode tooltip = o.putObject("tooltip");
                tooltip.put("mode", "multi");
                tooltip.put("sort", "desc");
            }
            case STAT, GAUGE -> {
                ObjectNode reduce = o.putObject("reduceOptions");
                reduce.putArray("calcs").add("lastNotNull");
                reduce.put("fields", "");
                reduce.put("values", false);
                if (type == PanelType.STAT) {
                    o.put("colorMode", "value");
                    o.put("graphMode", "area");
                    o.put("textMode", "auto");
                }
            }
            case TABLE -> o.put("showHeader", true);
        }
        return o;
    }
}
