package io.monstack.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.monstack.render.BundledData;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** A mistake in templates/runtimes.yml fails when the file loads, naming the place, instead of dropping a dashboard or a rule. */
class RuntimeCatalogLoadTest {
    @SuppressWarnings("unchecked")
    static Map<String, Object> shipped() {
        return (Map<String, Object>) deepCopy(BundledData.yaml(RuntimeCatalog.FILE));
    }

    @SuppressWarnings("unchecked")
    static Object deepCopy(Object o) {
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put((String) k, deepCopy(v)));
            return copy;
        }
        if (o instanceof List<?> l) {
            return new java.util.ArrayList<>(l.stream().map(RuntimeCatalogLoadTest::deepCopy).toList());
        }
        return o;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> at(Map<String, Object> m, String... keys) {
        Map<String, Object> here = m;
        for (String k : keys) {
            here = (Map<String, Object>) here.get(k);
        }
        return here;
    }

    static void refused(Consumer<Map<String, Object>> change, String message) {
        Map<String, Object> raw = shipped();
        change.accept(raw);
        assertThatThrownBy(() -> RuntimeCatalog.load(raw)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("templates/runtimes.yml: ").hasMessageContaining(message);
    }

    @Test
    void theShippedFileLoads() {
        RuntimeCatalog.load(shipped());
        assertThat(RuntimeCatalog.ids()).contains("go", "spring-boot", "node", "python", "dotnet", "other");
        assertThat(RuntimeCatalog.thresholds()).containsKeys("jvmHeapRatio", "goroutines", "eventLoopLag");
    }

    @Test
    void whatAServerNeedsForItsExporterIsData() {
        // init/add-target --compose note it for a service of the kind (ComposeExportersTest)
        assertThat(RuntimeCatalog.get("nginx").exporter().setupNote()).isEqualTo("give nginx a `location = /stub_status { stub_status; }` there");
        assertThat(RuntimeCatalog.get("postgres").exporter().setupNote()).isNull();
        refused(raw -> at(raw, "runtimes", "redis", "exporter").put("setupNote", List.of("a", "b")), "runtimes.redis.exporter: setupNote must be one line of text");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyCrossReferenceIsChecked() {
        refused(raw -> at(raw, "runtimes", "go").put("family", "golang"), "runtimes.go: family golang is not under families");
        refused(raw -> ((Map<String, Object>) ((List<Object>) raw.get("detect")).get(0)).put("runtime", "goo"),
                "detect[0]: runtime goo is not under runtimes");
        refused(raw -> firstAlert(raw, "jvm").put("expr", "x{<sel>} > <treshold>"), "unknown placeholder <treshold>");
        refused(raw -> firstAlert(raw, "docker").put("summary", "<threshold.text>"), "<threshold.text> in an alert without a threshold");
        refused(raw -> firstAlert(raw, "go").put("readme", "<threshold.percent>"), "<threshold.percent> needs a ratio threshold");
        refused(raw -> firstAlert(raw, "node").put("expr", "nodejs_eventloop_lag_seconds > 1"), "expr must select the job with <sel>");
        refused(raw -> ((Map<String, Object>) firstAlert(raw, "go").get("threshold")).put("key", "for"),
                "threshold for is one of the stack-wide alert settings");
        refused(raw -> ((Map<String, Object>) firstAlert(raw, "go").get("threshold")).put("default", 0),
                "threshold default 0: must be at least 1");
        refused(raw -> at(raw, "runtimes").remove("other"), "the default runtime other is missing");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> firstAlert(Map<String, Object> raw, String family) {
        return (Map<String, Object>) ((List<Object>) at(raw, "families", family).get("alerts")).get(0);
    }
}
