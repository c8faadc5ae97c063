package io.monstack.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.monstack.spec.SpecException;
import io.monstack.spec.SpecReader;
import io.monstack.spec.StackSpec;
import io.monstack.support.Cli;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A broken monstack.yml is refused with file:line:column and what to fix, quickly even when
 * hostile (alias bomb, huge file), and nothing is written in the stack folder.
 */
class SpecFileErrorsTest {
    private static final String GOOD = """
            name: demo
            prometheus:
              scrapeInterval: 10s
              retention: 15d
            targets:
              - name: web
                runtime: go
                static: [ "web:8080" ]
            """;

    @TempDir
    Path tmp;

    static Stream<Arguments> brokenSpecs() {
        return Stream.of(
                Arguments.of("bad indentation", """
                        name: demo
                        prometheus:
                          scrapeInterval: 10s
                           retention: 15d
                        """, "monstack.yml:4:", "invalid YAML"),
                Arguments.of("bad indentation in a list", """
                        name: demo
                        targets:
                          - name: web
                           runtime: go
                        """, "monstack.yml:4:", "invalid YAML"),
                Arguments.of("tab", "name: demo\nprometheus:\n\tscrapeInterval: 10s\n", "monstack.yml:3:1:", "invalid YAML"),
                Arguments.of("snake_case key", """
                        name: demo
                        prometheus:
                          scrape_interval: 10s
                        """, "monstack.yml:3:", "did you mean \"scrapeInterval\""),
                Arguments.of("typo of targets", """
                        name: demo
                        targts:
                          - name: web
                        """, "monstack.yml:2:", "did you mean \"targets\""),
                Arguments.of("typo in a target", """
                        name: demo
                        targets:
                          - name: web
                            runtime: go
                            statc: [ "web:8080" ]
                        """, "monstack.yml:5:", "did you mean \"static\""),
                Arguments.of("list where a scalar goes", """
                        name: [ a, b ]
                        """, "monstack.yml:1:7:", "name must be a single value"),
                Arguments.of("mapping where a scalar goes", """
                        name: demo
                        prometheus:
                          retention: { days: 15 }
                        """, "monstack.yml:3:14:", "single value"),
                Arguments.of("scalar where a list goes", """
                        name: demo
                        targets: web
                        """, "monstack.yml:2:10:", "must be a list"),
                Arguments.of("bad port", """
                        name: demo
                        prometheus:
                          port: ninety
                        """, "monstack.yml:3:9:", "whole number"),
                Arguments.of("bad port with quotes, shown as written", """
                        name: demo
                        prometheus:
                          port: 'say "ninety"\\'
                        """, "monstack.yml:3:9:", "prometheus.port must be a whole number, got \"say \\\"ninety\\\"\\\\\""),
                Arguments.of("bad threshold with quotes, shown as written", """
                        name: demo
                        alerting:
                          defaults:
                            scrapeSlowRatio: 'a"b'
                        """, "monstack.yml:4:22:", "must be a number such as 100 or 0.95, got \"a\\\"b\""),
                Arguments.of("unknown key with an escape sequence", """
                        name: demo
                        "prometheus\\e": {}
                        """, "monstack.yml:2:1:", "unknown key \"prometheus\\x1b\" (did you mean \"prometheus\"?)"),
                Arguments.of("bad duration", """
                        name: demo
                        prometheus:
                          scrapeInterval: 10 seconds
                        """, "monstack.yml:3:19:", "not a Prometheus duration"),
                Arguments.of("bad duration in a target", """
                        name: demo
                        targets:
                          - name: web
                            static: [ "web:8080" ]
                            scrapeInterval: 5x
                        """, "monstack.yml:5:21:", "not a Prometheus duration"),
                Arguments.of("duplicate key", """
                        name: demo
                        prometheus:
                          retention: 15d
                          retention: 30d
                        """, "monstack.yml:4:", "duplicate key"),
                Arguments.of("duplicate top-level key", """
                        name: demo
                        name: other
                        """, "monstack.yml:2:", "duplicate key"),
                Arguments.of("unclosed quote", """
                        name: "demo
                        targets: []
                        """, "monstack.yml:", "invalid YAML"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenSpecs")
    void brokenSpecIsRefusedWithFileLineAndColumn(String what, String yaml, String where, String message) throws IOException {
        Path file = tmp.resolve("monstack.yml");
        Files.writeString(file, yaml);
        assertThatThrownBy(() -> SpecReader.read(file))
                .as(what)
                .isInstanceOf(SpecException.class)
                .satisfies(e -> {
                    SpecException se = (SpecException) e;
                    assertThat(se.problems()).isNotEmpty();
                    String first = se.problems().get(0);
                    assertThat(first).as(what).contains(where).contains(message);
                    assertThat(first).as(what + ": one line").doesNotContain("\n").hasSizeLessThan(400);
                });
    }

    @Test
    void billionLaughsIsRefusedQuickly() throws IOException {
        StringBuilder yaml = new StringBuilder("name: demo\nx0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (int i = 1; i < 30; i++) {
            yaml.append("x").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 9; j++) {
                yaml.append(j == 0 ? "" : ",").append("*a").append(i - 1);
            }
            yaml.append("]\n");
        }
        Path file = tmp.resolve("monstack.yml");
        Files.writeString(file, yaml);
        long start = System.nanoTime();
        assertThatThrownBy(() -> SpecReader.read(file)).isInstanceOf(SpecException.class)
                .hasMessageContaining("monstack.yml").hasMessageNotContaining("\n");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));

        // The same bomb hidden in a value the spec does accept (a label value).
        String inLabels = yaml.toString().replace("name: demo\n", "name: demo\ntargets:\n  - name: web\n    static: [web]\n    labels:\n      team: *a29\n");
        Files.writeString(file, inLabels.replaceFirst("x0:", "x0:"));
        start = System.nanoTime();
        assertThatThrownBy(() -> SpecReader.read(file)).isInstanceOf(SpecException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void deepNestingIsRefusedQuickly() throws IOException {
        Path file = tmp.resolve("monstack.yml");
        Files.writeString(file, "name: demo\ntargets: " + "[".repeat(5000) + "]".repeat(5000) + "\n");
        long start = System.nanoTime();
        assertThatThrownBy(() -> SpecReader.read(file)).isInstanceOf(SpecException.class).hasMessageContaining("monstack.yml");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void hugeFileIsRefusedWithoutReadingIt() throws IOException {
        Path file = tmp.resolve("monstack.yml");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.write("name: demo\n".getBytes());
            f.setLength(2L * 1024 * 1024 * 1024); // 2 GiB, sparse: reading it would take seconds and the heap
        }
        long start = System.nanoTime();
        assertThatThrownBy(() -> SpecReader.read(file)).isInstanceOf(SpecException.class)
                .hasMessageContaining("monstack.yml").hasMessageContaining("MiB");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));

        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(SpecReader.MAX_BYTES + 1L);
        }
        assertThatThrownBy(() -> SpecReader.read(file)).isInstanceOf(SpecException.class).hasMessageContaining("MiB");
    }

    @Test
    void explicitYamlTagsAreNotSilentlyIgnored() throws IOException {
        // SnakeYAML writes unprintable text as !!binary; the reader must not take the base64 as the value.
        Path file = tmp.resolve("monstack.yml");
        Files.writeString(file, GOOD + "    labels:\n      team: !!binary c2hvcA==\n");
        StackSpec read = null;
        try {
            read = SpecReader.read(file);
        } catch (SpecException e) {
            assertThat(e.getMessage()).contains("monstack.yml:10:13:");
        }
        if (read != null) {
            assertThat(read.targets().get(0).labels().get("team")).as("!!binary decoded, or refused").isEqualTo("shop");
        }
    }

    @Test
    void nonUtf8IsRefused() throws IOException {
        Path file = tmp.resolve("monstack.yml");
        Files.write(file, new byte[] {'n', 'a', 'm', 'e', ':', ' ', (byte) 0xff, (byte) 0xfe, '\n'});
        assertThatThrownBy(() -> SpecReader.read(file)).isInstanceOf(SpecException.class).hasMessageContaining("UTF-8");
    }

    @Test
    void generateOnAnInvalidSpecWritesNothingInAnExistingStack() throws IOException {
        Path dir = tmp.resolve("stack");
        Path from = tmp.resolve("good.yml");
        Files.writeString(from, GOOD);
        Cli.Run init = Cli.run("init", dir.toString(), "--from", from.toString());
        assertThat(init.exitCode()).as(init.err()).isZero();
        for (String broken : new String[] {
            GOOD.replace("10s", "ten seconds"),
            GOOD.replace("retention:", "retension:"),
            GOOD.replace("  scrapeInterval", "\tscrapeInterval"),
            GOOD + "name: again\n",
            GOOD.replace("web:8080", "web:8080\n      - \"$(rm -rf /)\""),
        }) {
            Files.writeString(dir.resolve("monstack.yml"), broken);
            Map<String, String> before = StackDirs.snapshot(dir);
            Cli.Run run = Cli.run("generate", dir.toString());
            assertThat(run.exitCode()).as(broken + run.err()).isEqualTo(1);
            assertThat(run.err()).startsWith("error: ").contains("monstack.yml:").doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(run.out()).isEmpty();
            assertThat(StackDirs.snapshot(dir)).as("nothing written for:%n%s", broken).isEqualTo(before);
            Cli.Run add = Cli.run("add-target", "api", "--runtime", "go", "--static", "api:80", "-C", dir.toString());
            assertThat(add.exitCode()).isEqualTo(1);
            assertThat(StackDirs.snapshot(dir)).isEqualTo(before);
        }
    }

    @Test
    void generateOnAnInvalidSpecInAFreshFolderCreatesNothing() throws IOException {
        Path dir = tmp.resolve("fresh");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("monstack.yml"), GOOD.replace("10s", "10 s"));
        Map<String, String> before = StackDirs.snapshot(dir);
        Cli.Run run = Cli.run("generate", dir.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("monstack.yml:3:");
        assertThat(StackDirs.snapshot(dir)).as("not even .monstack/lock").isEqualTo(before);
    }

    @Test
    void exitCodes() throws IOException {
        Path dir = tmp.resolve("stack");
        Path from = tmp.resolve("good.yml");
        Files.writeString(from, GOOD);
        assertThat(Cli.run("generate", dir.toString(), "--bogus").exitCode()).as("usage").isEqualTo(2);
        assertThat(Cli.run("generate", dir.toString()).exitCode()).as("no stack").isEqualTo(1);
        Files.writeString(from, GOOD.replace("retention", "retentoin"));
        Cli.Run badFrom = Cli.run("init", dir.toString(), "--from", from.toString());
        assertThat(badFrom.exitCode()).isEqualTo(1);
        assertThat(badFrom.err()).contains("good.yml:4:").contains("did you mean \"retention\"");
        assertThat(dir).doesNotExist();
    }
}
