package io.monstack.spec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SpecValidator.show: what a user value looks like in a message on the terminal. */
class ShowTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "plain                | web:8080               | \"web:8080\"",
        "quote and backslash  | a\"b\\c                | \"a\\\"b\\\\c\"",
        "ESC (C0)             | a\u001b[2Jb            | \"a\\x1b[2Jb\"",
        "CSI (C1)             | a\u009b31mb            | \"a\\x9b31mb\"",
        "line separator       | a\u2028b               | \"a\\u2028b\"",
        "bidi override        | a\u202eb               | \"a\\u202eb\"",
        "zero-width joiner    | a\u200db               | \"a\\u200db\"",
        "letters stay         | caf\u00e9 \u65e5\u672c | \"caf\u00e9 \u65e5\u672c\"",
    })
    void escapesWhatCouldMoveTheCursorOrReorderTheLine(String what, String value, String shown) {
        assertThat(SpecValidator.show(value)).as(what).isEqualTo(shown);
    }

    @org.junit.jupiter.api.Test
    void aLongValueIsCutBetweenCodePointsNeverInsideAPair() {
        String emoji = "\uD83D\uDE00"; // one code point, two chars
        String value = "a".repeat(56) + emoji + "tail".repeat(10);
        String shown = SpecValidator.show(value);
        assertThat(shown).isEqualTo("\"" + "a".repeat(56) + emoji + "...\"");
        assertThat(shown.codePoints().noneMatch(c -> Character.getType(c) == Character.SURROGATE)).isTrue();
        assertThat(SpecValidator.show("x".repeat(60))).isEqualTo("\"" + "x".repeat(60) + "\"");
    }
}
