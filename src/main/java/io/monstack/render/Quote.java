package io.monstack.render;

/**
 * Quoting of user values for each output format. Every user value that lands in a generated file
 * goes through one of these, so it stays one value and can never add structure.
 */
public final class Quote {
    private Quote() {
    }

    /** A YAML double-quoted scalar: only \ and " are special, other non-printables are escaped. */
    public static String yaml(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                case '\u0085' -> sb.append("\\N");
                case '\u2028' -> sb.append("\\L");
                case '\u2029' -> sb.append("\\P");
                case '\ufeff' -> sb.append("\\uFEFF");
                default -> {
                    if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                        sb.append(String.format("\\x%02X", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** A YAML value for a Compose file: Compose also interpolates ${...}, so $ is doubled first. */
    public static String compose(String value) {
        return yaml(value.replace("$", "$$"));
    }

    /** A JSON string literal. */
    public static String json(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /**
     * A double-quoted Dockerfile word (LABEL/ENV value): the builder expands $ and honours \ inside
     * quotes, and a newline would start a new instruction, so all three are escaped or refused.
     */
    public static String dockerfile(String value) {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a Dockerfile value cannot hold a line break");
        }
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$") + '"';
    }

    /** Text inside a Markdown inline code span: backticks and line breaks cannot be escaped there. */
    public static String markdownCode(String value) {
        String flat = value.replaceAll("[\\r\\n\\u2028\\u2029]+", " ");
        int longest = 0;
        int run = 0;
        for (char c : flat.toCharArray()) {
            run = c == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(longest + 1);
        String pad = flat.startsWith("`") || flat.endsWith("`") ? " " : "";
        return fence + pad + flat + pad + fence;
    }

    /** Plain Markdown text in a table cell: HTML and Markdown punctuation escaped, one line. */
    public static String markdownText(String value) {
        StringBuilder sb = new StringBuilder();
        for (char c : value.replaceAll("[\\r\\n\\u2028\\u2029\\t]+", " ").toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '\\', '`', '*', '_', '[', ']', '|', '#', '{', '}', '!', '$' -> sb.append('\\').append(c);
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
