package io.monstack.compose;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The project's .env file as Compose reads it: KEY=VALUE lines (an optional {@code export }),
 * # comments, 'single quotes' taken literally, "double quotes" with \n, \t, \", \\ and
 * interpolation (also across lines), unquoted values trimmed, cut at " #", interpolated. A
 * value may use the variables above it and the environment.
 */
final class DotEnv {
    private DotEnv() {
    }

    /** The variables of text; environment: what values may refer to (it also wins over the file, as in Compose). */
    static Map<String, String> parse(String text, String fileName, Map<String, String> environment, List<String> notes) {
        Map<String, String> vars = new LinkedHashMap<>();
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            int lineNo = i + 1;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int eq = line.indexOf('=');
            String key = eq < 0 ? line : line.substring(0, eq).strip();
            if (eq < 0 || !key.matches("[A-Za-z_][A-Za-z0-9_.-]*")) {
                notes.add(fileName + ":" + lineNo + ": not a KEY=VALUE line; skipped");
                continue;
            }
            String raw = line.substring(eq + 1).stripLeading();
            Map<String, String> scope = new LinkedHashMap<>(vars);
            scope.putAll(environment);
            Interpolation interpolation = new Interpolation(scope);
            String value;
            if (raw.startsWith("'")) {
                int close = raw.indexOf('\'', 1);
                value = close < 0 ? raw.substring(1) : raw.substring(1, close);
            } else if (raw.startsWith("\"")) {
                StringBuilder quoted = new StringBuilder(raw.substring(1));
                while (closingQuote(quoted) < 0 && i + 1 < lines.length) {
                    quoted.append('\n').append(lines[++i]);
                }
                int close = closingQuote(quoted);
                String body = unescape(close < 0 ? quoted.toString() : quoted.substring(0, close));
                value = interpolated(interpolation, body, key, fileName, lineNo, notes);
            } else {
                int comment = raw.indexOf(" #");
                String body = (comment < 0 ? raw : raw.substring(0, comment)).strip();
                value = interpolated(interpolation, body, key, fileName, lineNo, notes);
            }
            if (value != null) {
                vars.put(key, value);
            }
        }
        return vars;
    }

    private static String interpolated(Interpolation interpolation, String body, String key, String fileName, int lineNo,
            List<String> notes) {
        Interpolation.Result r = interpolation.resolve(body);
        if (r.problem() != null) {
            notes.add(fileName + ":" + lineNo + ": " + Shown.name(key) + " left out: " + r.problem()
                    + (r.refusal() == null ? "" : "; docker compose refuses the project for it (" + r.refusal() + ")"));
        }
        return r.value();
    }

    /** The index of the first " not escaped by a backslash; -1 if none. */
    private static int closingQuote(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\\') {
                i++;
            } else if (s.charAt(i) == '"') {
                return i;
            }
        }
        return -1;
    }

    private static String unescape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                switch (n) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case '"', '\\' -> out.append(n);
                    default -> out.append('\\').append(n);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
