package io.monstack.compose;

import io.monstack.render.BundledData;
import io.monstack.spec.RuntimeCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What an image name says about a service, from the data file templates/compose/image-hints.yml:
 * whether it is monitoring itself (Prometheus, Grafana, Alertmanager) and which runtime preset it
 * suggests. Data, not code: a new hint is a line there.
 */
final class ImageHints {
    static final String FILE = "compose/image-hints.yml";

    /** One glob and what it says. */
    record Hint(String glob, Pattern pattern, String says) {
        boolean matches(String repository) {
            return pattern.matcher(repository).matches();
        }
    }

    private static volatile ImageHints loaded;

    private final List<Hint> monitoring;
    private final List<Hint> runtimes;
    private final List<Hint> exporters;

    private ImageHints(List<Hint> monitoring, List<Hint> runtimes, List<Hint> exporters) {
        this.monitoring = monitoring;
        this.runtimes = runtimes;
        this.exporters = exporters;
    }

    static ImageHints bundled() {
        ImageHints local = loaded;
        if (local == null) {
            local = load(BundledData.yaml(FILE));
            loaded = local;
        }
        return local;
    }

    @SuppressWarnings("unchecked")
    static ImageHints load(Map<String, Object> raw) {
        List<Hint> monitoring = hints((List<Object>) raw.get("monitoring"), "monitoring", "what");
        List<Hint> runtimes = hints((List<Object>) raw.get("runtimes"), "runtimes", "runtime");
        for (Hint h : runtimes) {
            if (RuntimeCatalog.find(h.says()).isEmpty()) {
                throw new IllegalStateException("templates/" + FILE + ": runtimes: " + h.glob() + " names the runtime "
                        + h.says() + ", which templates/runtimes.yml does not have (" + String.join(", ", RuntimeCatalog.ids()) + ")");
            }
        }
        List<Hint> exporters = hints((List<Object>) raw.get("exporters"), "exporters", "runtime");
        for (Hint h : exporters) {
            if (RuntimeCatalog.find(h.says()).map(r -> r.exporter() == null || r.exporter().proposedAddress() == null).orElse(true)) {
                throw new IllegalStateException("templates/" + FILE + ": exporters: " + h.glob() + " names " + h.says()
                        + ", which is no runtime of templates/runtimes.yml with an exporter to propose");
            }
        }
        return new ImageHints(monitoring, runtimes, exporters);
    }

    @SuppressWarnings("unchecked")
    private static List<Hint> hints(List<Object> entries, String section, String valueKey) {
        if (entries == null || entries.isEmpty()) {
            throw new IllegalStateException("templates/" + FILE + ": " + section + " is missing");
        }
        List<Hint> out = new ArrayList<>();
        for (Object e : entries) {
            Map<String, Object> m = (Map<String, Object>) e;
            if (!(m.get("image") instanceof String glob) || !(m.get(valueKey) instanceof String says)) {
                throw new IllegalStateException("templates/" + FILE + ": " + section + ": every entry needs image and " + valueKey);
            }
            out.add(new Hint(glob, glob(glob), says));
        }
        return List.copyOf(out);
    }

    private static Pattern glob(String glob) {
        List<String> parts = new ArrayList<>();
        for (String part : glob.split("\\*", -1)) {
            parts.add(Pattern.quote(part));
        }
        return Pattern.compile(String.join(".*", parts));
    }

    /** node:20-alpine -> node, docker.io/library/python:3.12@sha256:... -> python, localhost:5000/app:1 -> localhost:5000/app. */
    static String repository(String image) {
        String ref = image.strip().toLowerCase(java.util.Locale.ROOT);
        int at = ref.indexOf('@');
        if (at >= 0) {
            ref = ref.substring(0, at);
        }
        int colon = ref.lastIndexOf(':');
        if (colon > ref.lastIndexOf('/')) {
            ref = ref.substring(0, colon);
        }
        for (String prefix : List.of("docker.io/", "index.docker.io/", "registry-1.docker.io/")) {
            if (ref.startsWith(prefix)) {
                ref = ref.substring(prefix.length());
            }
        }
        return ref.startsWith("library/") ? ref.substring("library/".length()) : ref;
    }

    /** "Prometheus" etc. when the image is monitoring itself. */
    Optional<Hint> monitoring(String image) {
        String repo = repository(image);
        return monitoring.stream().filter(h -> h.matches(repo)).findFirst();
    }

    /** The exporter runtime for an image of a service without metrics (postgres, redis, ...), with the glob. */
    Optional<Hint> exporter(String image) {
        String repo = repository(image);
        return exporters.stream().filter(h -> h.matches(repo)).findFirst();
    }

    /** The runtime preset the image suggests, with the glob that said so. */
    Optional<Hint> runtime(String image) {
        String repo = repository(image);
        return runtimes.stream().filter(h -> h.matches(repo)).findFirst();
    }
}
