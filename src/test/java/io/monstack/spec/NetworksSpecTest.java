package io.monstack.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** networks: in monstack.yml: read with file:line:col, every problem at once, written back as read. */
class NetworksSpecTest {
    private static final String BASE = "name: shop\ntargets:\n  - {name: web, runtime: go, static: [\"web:8080\"]}\n";

    @Test
    void readsAndWritesTheAppNetworks() {
        StackSpec spec = SpecReader.parse(BASE + "networks:\n  - shop_default\n  - corp.shared-net\n", "monstack.yml");
        assertThat(spec.networks()).containsExactly(new AppNetwork("shop_default"), new AppNetwork("corp.shared-net"));
        String written = SpecWriter.write(spec);
        assertThat(written).contains("networks:\n- shop_default\n- corp.shared-net\n");
        assertThat(SpecReader.parse(written, "monstack.yml")).isEqualTo(spec);
        assertThat(SpecWriter.write(StackSpec.empty("shop"))).doesNotContain("networks");
    }

    @Test
    void everyProblemIsSaidAtItsLine() {
        String text = BASE + "networks:\n  - shop_default\n  - \"bad name\"\n  - bridge\n  - shop_default\n  - shop-monitoring\n";
        assertThatThrownBy(() -> SpecReader.parse(text, "monstack.yml")).isInstanceOf(SpecException.class)
                .satisfies(e -> assertThat(((SpecException) e).problems()).containsExactly(
                        "monstack.yml:6:5: networks[1]: network name \"bad name\" must be letters, digits, '_', '.' or '-', starting "
                                + "with a letter or digit, at most 128 characters (its real name, as `docker network ls` shows it)",
                        "monstack.yml:7:5: networks[2]: \"bridge\" is one of the engine's own networks, which Prometheus cannot join to "
                                + "reach services by name; give the app's network (e.g. PROJECT_default)",
                        "monstack.yml:8:5: networks[3]: network \"shop_default\" is listed twice",
                        "monstack.yml:9:5: networks[4]: \"shop-monitoring\" is the stack's own network, which Prometheus is on already; "
                                + "remove it"));
        assertThatThrownBy(() -> SpecReader.parse(BASE + "networks:\n  app: shop_default\n", "monstack.yml"))
                .hasMessage("monstack.yml:5:3: networks must be a list");
    }

    @Test
    void aProblemHasItsSection() {
        List<Problem> problems = SpecValidator.validate(StackSpec.empty("shop").withNetworks(List.of(new AppNetwork("host"))));
        assertThat(problems).extracting(Problem::section).containsExactly(SpecSection.NETWORKS);
    }
}
