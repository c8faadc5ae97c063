package io.monstack.render;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Renders a command line the way a POSIX shell would read it back (for --dry-run and messages). */
public final class ShellQuote {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

    private ShellQuote() {
    }

    public static String quote(String arg) {
        if (!arg.isEmpty() && SAFE.matcher(arg).matches()) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    public static String join(List<String> command) {
        return command.stream().map(ShellQuote::quote).collect(Collectors.joining(" "));
    }
}
