package io.monstack.compose;

import io.monstack.render.ShellQuote;
import io.monstack.spec.SpecValidator;
import java.util.regex.Pattern;

/**
 * Values of the user's compose file as messages show them: a name that is plain text as it is,
 * anything else quoted, escaped and shortened (as the spec's validator shows values), so that a
 * newline, an escape sequence or 10 kB in the file cannot break a one-line message.
 */
public final class Shown {
    private static final Pattern PLAIN = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._/:@-]{0,79}$");

    private Shown() {
    }

    /** web, shop_default, golang:1.22 as they are; "a\nb" quoted and escaped. */
    public static String name(String value) {
        return value != null && PLAIN.matcher(value).matches() ? value : SpecValidator.show(value);
    }

    /**
     * A word of a command a message shows (a file path): as a shell reads it back (/app/compose.yaml,
     * 'my app/compose.yaml'), or quoted and escaped when it holds a control character.
     */
    public static String arg(String value) {
        return value.codePoints().anyMatch(Character::isISOControl) ? SpecValidator.show(value) : ShellQuote.quote(value);
    }

    /** Always quoted and escaped: "8080", "\x1b[2J". */
    public static String value(String value) {
        return SpecValidator.show(value);
    }
}
