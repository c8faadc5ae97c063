package io.monstack.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.monstack.support.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** add-target keeps what the user wrote in monstack.yml; other changes rewrite it whole, correctly. */
class SpecUpdateTest {
    private static final String HAND_WRITTEN = """
            # Our shop's monitoring. Ask #ops before changing the interval.
            name: shop
            prometheus:
              scrapeInterval: 15s   # agreed with the SRE team
            dockerEngine: { enabled: false }
            targets:
              # the storefront
              - name: web
                runtime: go
                static: [ "web:8080" ]
            # end of targets
            publishAddress: 127.0.0.1
            """;

    @TempDir
    Path tmp;

    @Test
    void addTargetAppendsToTheListAndKeepsCommentsAndLayout() throws IOException {
        Path dir = tmp.resolve("shop");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("monstack.yml"), HAND_WRITTEN);
        assertThat(Cli.run("generate", dir.toString()).exitCode()).isZero();
        Cli.Run add = Cli.run("add-target", "api", "-C", dir.toString(), "--runtime", "spring-boot", "--static", "api:8080",
                "--metric", "orders_total:counter:Orders: placed # by customers");
        assertThat(add.exitCode()).as(add.err()).isZero();
        String text = Files.readString(dir.resolve("monstack.yml"));
        assertThat(text).startsWith(HAND_WRITTEN.substring(0, HAND_WRITTEN.indexOf("# end of targets")))
                .contains("# Our shop's monitoring.", "scrapeInterval: 15s   # agreed with the SRE team", "# the storefront",
                        "# end of targets\npublishAddress: 127.0.0.1");
        StackSpec spec = SpecReader.read(dir.resolve("monstack.yml"));
        assertThat(spec.targets()).extracting(Target::name).containsExactly("web", "api");
        assertThat(spec.target("api").orElseThrow().metrics().get(0).help()).isEqualTo("Orders: placed # by customers");
        assertThat(spec.prometheus().scrapeInterval()).isEqualTo("15s");
    }

    @Test
    void aDryRunPlansToWriteTheSpecOnlyWhenTheRealRunWould() throws IOException {
        Path dir = tmp.resolve("shop");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("monstack.yml"), HAND_WRITTEN);
        Cli.Run dry = Cli.run("generate", dir.toString(), "--dry-run");
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        assertThat(dry.out()).doesNotContain("write      monstack.yml");
        Cli.Run dryAdd = Cli.run("add-target", "api", "-C", dir.toString(), "--static", "api:8080", "--dry-run");
        assertThat(dryAdd.out()).contains("write      monstack.yml");
        assertThat(Files.readString(dir.resolve("monstack.yml"))).isEqualTo(HAND_WRITTEN);
    }

    @Test
    void layoutsItDoesNotHandleAreRewrittenWhole() {
        StackSpec old = SpecReader.parse("name: shop\ntargets: []\n", "monstack.yml");
        Target api = new TargetDraft("api").runtime("go").addStatic("api:8080").toTarget();
        StackSpec next = old.withTarget(api);
        String text = SpecWriter.update("name: shop\ntargets: []\n", old, next);
        assertThat(text).isEqualTo(SpecWriter.write(next));
        assertThat(SpecReader.parse(text, "monstack.yml")).isEqualTo(next);
    }

    @Test
    void changesOtherThanAppendingRewriteTheWholeFile() {
        StackSpec old = SpecReader.parse(HAND_WRITTEN, "monstack.yml");
        StackSpec next = old.withoutTarget("web");
        assertThat(SpecWriter.update(HAND_WRITTEN, old, next)).isEqualTo(SpecWriter.write(next));
    }
}
