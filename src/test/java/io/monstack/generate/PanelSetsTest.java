package io.monstack.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.monstack.spec.RuntimeCatalog;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** panels.yml and runtimes.yml agree: a panel set per family, no stray set, only modern panel types. */
class PanelSetsTest {
    @Test
    void everyFamilyHasItsPanelSetAndAnUnknownSetIsABug() {
        assertThat(PanelSets.all().keySet()).containsExactlyInAnyOrderElementsOf(RuntimeCatalog.families().keySet());
        assertThatThrownBy(() -> PanelSets.get("jvmm")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no panel set \"jvmm\"");
    }

    @Test
    void aMismatchWithTheFamiliesFailsOnLoad() {
        Map<String, List<PanelSets.PanelDef>> sets = PanelSets.parse(Map.of("go", List.of(), "jvmm", List.of()));
        assertThatThrownBy(() -> PanelSets.check(sets, Set.of("go", "jvm"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no panel set for the family \"jvm\"");
        assertThatThrownBy(() -> PanelSets.check(PanelSets.parse(Map.of("go", List.of(), "jvm", List.of(), "jvmm", List.of())),
                Set.of("go", "jvm"))).isInstanceOf(IllegalStateException.class).hasMessageContaining("panel set \"jvmm\" is no family");
        assertThatThrownBy(() -> PanelSets.parse(Map.of("go", List.of(Map.of("title", "t", "type", "graph", "exprs", List.of())))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("panel type \"graph\" is not one of");
    }
}
