package io.monstack.generate;

import io.monstack.render.BundledData;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The runtime panel sets of templates/dashboards/panels.yml, read once. */
final class PanelSets {
    /**
     * One panel: its queries use {@code <sel>} where the target's label selector goes. optional
     * (null for most) says what the panel needs that not every client version has, e.g. "prom-client
     * 12 or newer": such panels go in a row of their own that says so.
     */
    record PanelDef(String title, String type, String unit, String description, List<Query> queries, String optional) {
    }

    record Query(String expr, String legend) {
    }

    private static volatile Map<String, List<PanelDef>> cache;

    private PanelSets() {
    }

    static List<PanelDef> get(String set) {
        return all().getOrDefault(set, List.of());
    }

    static Map<String, List<PanelDef>> all() {
        Map<String, List<PanelDef>> local = cache;
        if (local == null) {
            local = load();
            cache = local;
        }
        return local;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<PanelDef>> load() {
        Map<String, List<PanelDef>> sets = new LinkedHashMap<>();
        BundledData.yaml("dashboards/panels.yml").forEach((set, panels) -> {
            List<PanelDef> defs = new ArrayList<>();
            for (Map<String, Object> p : (List<Map<String, Object>>) panels) {
                List<Query> queries = new ArrayList<>();
                for (Map<String, Object> q : (List<Map<String, Object>>) p.get("exprs")) {
                    queries.add(new Query((String) q.get("expr"), (String) q.get("legend")));
                }
                defs.add(new PanelDef((String) p.get("title"), (String) p.get("type"), (String) p.get("unit"),
                        (String) p.getOrDefault("description", ""), List.copyOf(queries), (String) p.get("optional")));
            }
            sets.put(set, List.copyOf(defs));
        });
        return Collections.unmodifiableMap(sets);
    }
}
