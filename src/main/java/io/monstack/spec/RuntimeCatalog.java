package io.monstack.spec;

import io.monstack.render.BundledData;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The runtime presets, read once from the bundled data file templates/runtimes.yml. */
public final class RuntimeCatalog {
    public static final String DEFAULT = "other";
    private static volatile Map<String, Runtime> cache;

    private RuntimeCatalog() {
    }

    public static Map<String, Runtime> all() {
        Map<String, Runtime> local = cache;
        if (local == null) {
            local = load();
            cache = local;
        }
        return local;
    }

    public static Optional<Runtime> find(String id) {
        return Optional.ofNullable(all().get(id));
    }

    public static Runtime get(String id) {
        Runtime r = all().get(id);
        if (r == null) {
            throw new SpecException("unknown runtime \"" + id + "\"; choose one of " + String.join(", ", all().keySet()));
        }
        return r;
    }

    public static List<String> ids() {
        return List.copyOf(all().keySet());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Runtime> load() {
        Map<String, Object> raw = BundledData.yaml("runtimes.yml");
        Map<String, Runtime> runtimes = new LinkedHashMap<>();
        raw.forEach((id, value) -> {
            Map<String, Object> entry = (Map<String, Object>) value;
            Object port = entry.get("port");
            runtimes.put(id, new Runtime(id, (String) entry.get("label"), (String) entry.get("metricsPath"),
                    port == null ? null : ((Number) port).intValue(), (String) entry.get("panels")));
        });
        return Collections.unmodifiableMap(runtimes);
    }
}
