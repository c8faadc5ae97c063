package io.monstack.generate;

import io.monstack.render.BundledData;
import io.monstack.spec.RuntimeCatalog;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The runtime panel sets of templates/dashboards/panels.yml, read once. */
final class PanelSets {
    /**
     * One panel: its queries use {@code <sel>} where the target's label selector goes. optional
     * (null for most) says what the panel needs that not every client version has, e.g. "prom-client
     * 12 or newer": such panels go in a row of their own that says so.
     */
    record PanelDef(String title, PanelType type, String unit, String description, List<Query> queries, String optional) {
    }

    record Query(String expr, String legend) {
    }

    private static volatile Map<String, List<PanelDef>> cache;

    private PanelSets() {
    }

    /** The panels of a family; every family of runtimes.yml has a set (checked on load), so an unknown one is a bug. */
    static List<PanelDef> get(String set) {
        List<PanelDef> panels = all().get(set);
        if (panels == null) {
            throw new IllegalStateException("templates/" + FILE + " has no panel set \"" + set + "\"");
        }
        return panels;
    }

    static Map<String, List<PanelDef>> all() {
        Map<String, List<PanelDef>> local = cache;
        if (local == null) {
            local = load();
            cache = local;
        }
        return local;
    }

    static final String FILE = "dashboards/panels.yml";

    /** The panel sets, checked against runtimes.yml: one set per family, no set without a family. */
    private static Map<String, List<PanelDef>> load() {
        Map<String, List<PanelDef>> sets = parse(BundledData.yaml(FILE));
        check(sets, RuntimeCatalog.families().keySet());
        return Collections.unmodifiableMap(sets);
    }

    static void check(Map<String, List<PanelDef>> sets, Set<String> families) {
        for (String family : families) {
            if (!sets.containsKey(family)) {
                throw new IllegalStateException("templates/" + FILE + " has no panel set for the family \"" + family
                        + "\" of runtimes.yml (an empty one is `" + family + ": []`)");
            }
        }
        for (String set : sets.keySet()) {
            if (!families.contains(set)) {
                throw new IllegalStateException("templates/" + FILE + ": panel set \"" + set + "\" is no family of runtimes.yml"
                        + " (a typo? families: " + String.join(", ", families) + ")");
            }
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, List<PanelDef>> parse(Map<String, Object> raw) {
        Map<String, List<PanelDef>> sets = new LinkedHashMap<>();
        raw.forEach((set, panels) -> {
            List<PanelDef> defs = new ArrayList<>();
            for (Map<String, Object> p : (List<Map<String, Object>>) panels) {
                List<Query> queries = new ArrayList<>();
                for (Map<String, Object> q : (List<Map<String, Object>>) p.get("exprs")) {
                    queries.add(new Query((String) q.get("expr"), (String) q.get("legend")));
                }
                defs.add(new PanelDef((String) p.get("title"), PanelType.parse((String) p.get("type")), (String) p.get("unit"),
                        (String) p.getOrDefault("description", ""), List.copyOf(queries), (String) p.get("optional")));
            }
            sets.put(set, List.copyOf(defs));
        });
        return sets;
    }
}
