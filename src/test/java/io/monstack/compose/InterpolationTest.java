package io.monstack.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compose's interpolation rules, one case each (what docker compose config gives for them, where
 * it gives one; where it would put an empty string or stop, monstack has no value and a reason).
 */
class InterpolationTest {
    private static final Interpolation VARS = new Interpolation(Map.of("SET", "x", "EMPTY", "", "PORT", "8080"));

    static Stream<Arguments> resolvable() {
        return Stream.of(
                Arguments.of("plain", "plain"),
                Arguments.of("$SET/${SET}", "x/x"),
                Arguments.of("${SET:-d} ${EMPTY:-d} ${UNSET:-d}", "x d d"),
                Arguments.of("${SET-d}/${EMPTY-d}/${UNSET-d}", "x//d"),
                Arguments.of("${SET:+r}.${EMPTY:+r}.${UNSET+r}.${EMPTY+r}", "r...r"),
                Arguments.of("$$SET $$${SET}", "$SET $x"),
                Arguments.of("${UNSET:-${ALSO_UNSET:-${PORT}}}", "8080"),
                Arguments.of("cost $5 and $ alone", "cost $5 and $ alone"),
                Arguments.of("${SET:?must be set}", "x"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("resolvable")
    void resolves(String text, String expected) {
        Interpolation.Result r = VARS.resolve(text);
        assertThat(r.problem()).isNull();
        assertThat(r.value()).isEqualTo(expected);
    }

    /** refused: what docker compose config says for the value with these variables (it warns for the others and goes on). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "${UNSET}                   | UNSET is not set (in the environment or .env)                          | ",
        "$UNSET/x                   | UNSET is not set (in the environment or .env)                          | ",
        "${EMPTY:?give it}          | EMPTY is required and must not be empty: \"give it\"                    | set EMPTY to a value that is not empty in the environment or the project's .env",
        "${UNSET?}                  | UNSET is required                                                      | set UNSET in the environment or the project's .env",
        "${UNSET:-${ALSO?inner}}    | ALSO is required: \"inner\"                                              | set ALSO in the environment or the project's .env",
        "${SET                      | invalid interpolation: \"${SET\" has no closing }                        | write a literal $ as $$",
        "${1X}                      | invalid interpolation: \"${1X}\" (a variable name is letters, digits and _) | write a literal $ as $$",
        "${SET:x}                   | invalid interpolation: \"${SET:x}\"                                      | write a literal $ as $$",
    })
    void leavesOutWhatItCannotResolve(String text, String problem, String refusal) {
        Interpolation.Result r = VARS.resolve(text.strip());
        assertThat(r.value()).isNull();
        assertThat(r.problem()).isEqualTo(problem.strip());
        assertThat(r.refusal()).as("what makes Compose accept it (null: Compose warns and goes on)").isEqualTo(refusal);
    }

    @Test
    void theMessageOfARequiredVariableIsShownEscaped() {
        Interpolation.Result r = VARS.resolve("${UNSET?\u001b[2J\nboom}");
        assertThat(r.problem()).isEqualTo("UNSET is required: \"\\x1b[2J\\x0aboom\"").doesNotContain("\u001b", "\n");
    }

    @Test
    void dotEnvReadsAsComposeDoes() {
        List<String> notes = new ArrayList<>();
        Map<String, String> vars = DotEnv.parse("""
                # comment
                A=1
                export B = two words  # a comment
                C='literal ${A} $$'
                D="line\\nnext ${A}"
                E=${A}-${FROM_ENV}
                F="multi
                line"
                not a line
                G=${MISSING:?needed}
                """, ".env", Map.of("FROM_ENV", "env"), notes);
        assertThat(vars).containsEntry("A", "1").containsEntry("B", "two words").containsEntry("C", "literal ${A} $$")
                .containsEntry("D", "line\nnext 1").containsEntry("E", "1-env").containsEntry("F", "multi\nline")
                .doesNotContainKey("G").hasSize(6);
        assertThat(notes).containsExactly(".env:9: not a KEY=VALUE line; skipped", ".env:10: G left out: MISSING is required and "
                + "must not be empty: \"needed\"; docker compose refuses the project for it (set MISSING to a value that is not "
                + "empty in the environment or the project's .env)");
    }

    @Test
    void imageHintsAreDataAndEveryRuntimeTheyNameExists() {
        ImageHints hints = ImageHints.bundled();
        assertThat(ImageHints.repository("docker.io/library/node:20-alpine@sha256:abc")).isEqualTo("node");
        assertThat(ImageHints.repository("localhost:5000/shop/api:1")).isEqualTo("localhost:5000/shop/api");
        assertThat(hints.runtime("node:20").orElseThrow().says()).isEqualTo("node");
        assertThat(hints.runtime("prom/node-exporter:v1.9.0").orElseThrow().says()).isEqualTo("node-exporter");
        assertThat(hints.runtime("ghcr.io/acme/orders-spring:1").orElseThrow().says()).isEqualTo("spring-boot");
        assertThat(hints.runtime("mcr.microsoft.com/dotnet/aspnet:8.0").orElseThrow().says()).isEqualTo("dotnet");
        assertThat(hints.runtime("postgres:16")).isEmpty();
        assertThat(hints.monitoring("prom/prometheus:v3.5.0").orElseThrow().says()).isEqualTo("Prometheus");
        assertThat(hints.monitoring("prom/node-exporter:v1.9.0")).isEmpty();
        assertThatThrownBy(() -> ImageHints.load(Map.of("monitoring",
                List.of(Map.of("image", "x", "what", "X")), "runtimes", List.of(Map.of("image", "y", "runtime", "cobol")))))
                .hasMessageContaining("names the runtime cobol, which templates/runtimes.yml does not have");
    }

    @Test
    void theLastStageOfADockerfileIsTheImageItRunsOn() {
        assertThat(DockerfileFrom.lastFrom("FROM maven:3 AS build\nRUN mvn package\nFROM eclipse-temurin:21-jre\n"))
                .isEqualTo("eclipse-temurin:21-jre");
        assertThat(DockerfileFrom.lastFrom("from --platform=linux/amd64 node:20 as base\nFROM base\n")).isEqualTo("node:20");
        assertThat(DockerfileFrom.lastFrom("ARG V=3.12\nFROM python:${V}-slim\n")).isEqualTo("python");
        assertThat(DockerfileFrom.lastFrom("FROM ${BASE}\n")).isNull();
        assertThat(DockerfileFrom.lastFrom("FROM golang:1.22 AS build\nFROM scratch\n")).isNull();
    }
}
