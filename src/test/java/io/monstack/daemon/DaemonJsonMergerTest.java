package io.monstack.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The pure merge: keeps every key, refuses conflicts and invalid JSON, says where. */
class DaemonJsonMergerTest {
    private static ObjectNode json(String text) {
        return DaemonJsonMerger.parse(text, "daemon.json");
    }

    @Test
    void keepsEveryExistingKeyIncludingNestedOnesAndTheirOrder() {
        ObjectNode existing = json("""
                {"log-driver": "json-file", "log-opts": {"max-size": "10m", "max-file": "3"},
                 "insecure-registries": ["r:5000"], "features": {"buildkit": true}, "debug": false}
                """);
        ObjectNode snippet = json("""
                {"metrics-addr": "0.0.0.0:9323", "features": {"containerd-snapshotter": true}}
                """);
        DaemonJsonMerger.Result r = DaemonJsonMerger.merge(existing, snippet);
        ObjectNode m = r.merged();
        assertThat(m.get("log-opts")).isEqualTo(existing.get("log-opts"));
        assertThat(m.get("insecure-registries")).isEqualTo(existing.get("insecure-registries"));
        assertThat(m.get("debug").asBoolean()).isFalse();
        assertThat(m.get("metrics-addr").asText()).isEqualTo("0.0.0.0:9323");
        assertThat(m.get("features").get("buildkit").asBoolean()).isTrue();
        assertThat(m.get("features").get("containerd-snapshotter").asBoolean()).isTrue();
        assertThat(m.fieldNames()).toIterable()
                .containsExactly("log-driver", "log-opts", "insecure-registries", "features", "debug", "metrics-addr");
        assertThat(r.added()).containsExactly("metrics-addr", "features.containerd-snapshotter");
        assertThat(existing.has("metrics-addr")).as("the input is not modified").isFalse();
    }

    @Test
    void identicalValueIsANoOp() {
        ObjectNode existing = json("{\"metrics-addr\": \"0.0.0.0:9323\", \"debug\": true}");
        DaemonJsonMerger.Result r = DaemonJsonMerger.merge(existing, json("{\"metrics-addr\": \"0.0.0.0:9323\"}"));
        assertThat(r.changes(existing)).isFalse();
        assertThat(r.alreadySet()).containsExactly("metrics-addr");
    }

    @Test
    void conflictingMetricsAddrIsRefusedUnlessForced() {
        ObjectNode existing = json("{\"metrics-addr\": \"127.0.0.1:9323\"}");
        ObjectNode snippet = json("{\"metrics-addr\": \"0.0.0.0:9323\"}");
        assertThatThrownBy(() -> DaemonJsonMerger.merge(existing, snippet))
                .isInstanceOf(DaemonJsonException.class)
                .hasMessageContaining("metrics-addr").hasMessageContaining("127.0.0.1:9323")
                .hasMessageContaining("--force").hasMessageContaining("Nothing was changed");
        DaemonJsonMerger.Result forced = DaemonJsonMerger.merge(existing, snippet, true);
        assertThat(forced.merged().get("metrics-addr").asText()).isEqualTo("0.0.0.0:9323");
        assertThat(forced.conflicts()).hasSize(1);
    }

    @Test
    void invalidJsonIsRefusedWithLineAndColumn() {
        assertThatThrownBy(() -> json("{\n  \"debug\": true,\n  \"x\": }\n"))
                .isInstanceOf(DaemonJsonException.class).hasMessageStartingWith("daemon.json:3:");
        assertThatThrownBy(() -> json("{\"a\": 1, \"a\": 2}")).hasMessageContaining("daemon.json:1:")
                .hasMessageContaining("Duplicate");
        assertThatThrownBy(() -> json("{\"a\": 1} {\"b\": 2}")).hasMessageContaining("invalid JSON");
        assertThatThrownBy(() -> json("{// comment\n\"a\": 1}")).hasMessageContaining("daemon.json:1:");
        assertThatThrownBy(() -> json("[1, 2]")).hasMessageContaining("one JSON object");
        assertThat(json("  \n")).isEmpty();
    }

    @Test
    void secretsAreHiddenInShownLines() {
        assertThat(Redact.line("  \"http-proxy\": \"http://bob:hunter2@proxy:3128\","))
                .doesNotContain("hunter2").contains("http://***@proxy:3128");
        assertThat(Redact.line("  \"password\": \"s3cr3t\"")).doesNotContain("s3cr3t");
        assertThat(Redact.line("  \"metrics-addr\": \"0.0.0.0:9323\"")).isEqualTo("  \"metrics-addr\": \"0.0.0.0:9323\"");
    }

    @Test
    void diffIsUnifiedStyle() {
        String diff = LineDiff.unified("a", "{\n  \"debug\": true\n}\n", "b", "{\n  \"debug\": true,\n  \"metrics-addr\": \"x\"\n}\n");
        assertThat(diff).startsWith("--- a\n+++ b\n@@ -1,3 +1,4 @@\n")
                .contains("\n-  \"debug\": true\n+  \"debug\": true,\n+  \"metrics-addr\": \"x\"\n");
        assertThat(LineDiff.unified("/dev/null", "", "b", "{}\n")).isEqualTo("--- /dev/null\n+++ b\n@@ -0,0 +1 @@\n+{}\n");
        assertThat(LineDiff.unified("a", "x\n", "b", "x\n")).isEqualTo("--- a\n+++ b\n");
    }
}
