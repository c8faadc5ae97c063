package io.monstack.compose;

import java.util.Map;

/**
 * Compose's variable interpolation: {@code $VAR}, {@code ${VAR}}, {@code ${VAR:-default}} (unset
 * or empty), {@code ${VAR-default}} (unset), {@code ${VAR:?message}} / {@code ${VAR?message}}
 * (required), {@code ${VAR:+other}} / {@code ${VAR+other}}, {@code $$} for a literal $, defaults
 * nested. Where Compose would put an empty string for an unset variable (and warn), or stop, the
 * value is unresolved and says why: monstack leaves such a value out rather than guess it. Where
 * Compose stops (a required variable unset, invalid syntax) the result also says the fix, since
 * Compose refuses the whole file for it.
 */
final class Interpolation {
    /**
     * The outcome for one value: the text, or (value null) why it has none; refusal is non-null
     * when Compose refuses the file for it, and says what makes Compose accept it.
     */
    record Result(String value, String problem, String refusal) {
        static Result of(String value) {
            return new Result(value, null, null);
        }

        static Result failed(String problem) {
            return new Result(null, problem, null);
        }

        static Result refused(String problem, String fix) {
            return new Result(null, problem, fix);
        }
    }

    private static final String ESCAPE_DOLLAR = "write a literal $ as $$";

    private static final int MAX_DEPTH = 10;

    private final Map<String, String> variables;

    /** variables: the environment over the project's .env, as Compose reads them. */
    Interpolation(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    Result resolve(String text) {
        return resolve(text, 0);
    }

    private Result resolve(String text, int depth) {
        if (text.indexOf('$') < 0) {
            return Result.of(text);
        }
        if (depth > MAX_DEPTH) {
            return Result.failed("defaults nested more than " + MAX_DEPTH + " deep");
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '$' || i + 1 == text.length()) {
                out.append(c);
                i++;
                continue;
            }
            char next = text.charAt(i + 1);
            if (next == '$') {
                out.append('$');
                i += 2;
            } else if (next == '{') {
                int close = closingBrace(text, i + 2);
                if (close < 0) {
                    return Result.refused("invalid interpolation: " + Shown.value(text.substring(i)) + " has no closing }",
                            ESCAPE_DOLLAR);
                }
                Result inner = braced(text.substring(i + 2, close), depth);
                if (inner.problem() != null) {
                    return inner;
                }
                out.append(inner.value());
                i = close + 1;
            } else if (isNameStart(next)) {
                int end = i + 1;
                while (end < text.length() && isNamePart(text.charAt(end))) {
                    end++;
                }
                String name = text.substring(i + 1, end);
                String value = variables.get(name);
                if (value == null) {
                    return Result.failed(name + " is not set (in the environment or .env)");
                }
                out.append(value);
                i = end;
            } else {
                out.append(c); // "$5", "$ ": Compose keeps them as they are
                i++;
            }
        }
        return Result.of(out.toString());
    }

    /** NAME, NAME:-x, NAME-x, NAME:?x, NAME?x, NAME:+x, NAME+x. */
    private Result braced(String expr, int depth) {
        int end = 0;
        while (end < expr.length() && isNamePart(expr.charAt(end))) {
            end++;
        }
        String name = expr.substring(0, end);
        if (name.isEmpty() || !isNameStart(name.charAt(0))) {
            return Result.refused("invalid interpolation: " + Shown.value("${" + expr + "}")
                    + " (a variable name is letters, digits and _)", ESCAPE_DOLLAR);
        }
        String value = variables.get(name);
        if (end == expr.length()) {
            return value != null ? Result.of(value) : Result.failed(name + " is not set (in the environment or .env)");
        }
        String rest = expr.substring(end);
        boolean colon = rest.startsWith(":");
        String op = colon ? rest.substring(1, Math.min(2, rest.length())) : rest.substring(0, 1);
        String arg = rest.substring(colon ? 2 : 1);
        if (colon && rest.length() < 2 || !(op.equals("-") || op.equals("?") || op.equals("+"))) {
            return Result.refused("invalid interpolation: " + Shown.value("${" + expr + "}"), ESCAPE_DOLLAR);
        }
        boolean missing = value == null || colon && value.isEmpty();
        return switch (op) {
            case "-" -> missing ? resolve(arg, depth + 1) : Result.of(value);
            case "+" -> missing ? Result.of("") : resolve(arg, depth + 1);
            default -> {
                if (!missing) {
                    yield Result.of(value);
                }
                Result message = resolve(arg, depth + 1);
                // the message is the file's text: shown escaped, like every value of the file
                String why = message.value() == null || message.value().isEmpty() ? "" : ": " + Shown.value(message.value());
                yield Result.refused(name + " is required" + (colon ? " and must not be empty" : "") + why,
                        "set " + name + (colon ? " to a value that is not empty" : "") + " in the environment or the project's .env");
            }
        };
    }

    /** The index of the } that closes a ${ whose body starts at from, counting nested ${...}; -1 if none. */
    private static int closingBrace(String text, int from) {
        int depth = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                depth++;
                i++;
            } else if (c == '}') {
                if (depth == 0) {
                    return i;
                }
                depth--;
            }
        }
        return -1;
    }

    private static boolean isNameStart(char c) {
        return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || c >= '0' && c <= '9';
    }
}
