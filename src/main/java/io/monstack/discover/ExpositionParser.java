package io.monstack.discover;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A lenient parser of the Prometheus text format 0.0.4 and OpenMetrics 1.0: enough to tell what a
 * page serves (families, their types and help, samples with labels), not a validating one.
 * Lines it cannot read are reported as problems and skipped; the caller decides what that means.
 */
public final class ExpositionParser {
    /** Suffixes a sample may carry beyond its family name, per family type. */
    private static final Map<String, Set<String>> SUFFIXES = Map.of(
            "counter", Set.of("_total", "_created"),
            "histogram", Set.of("_bucket", "_sum", "_count", "_created"),
            "summary", Set.of("_sum", "_count", "_created"),
            "gaugehistogram", Set.of("_bucket", "_gsum", "_gcount"),
            "info", Set.of("_info"));
    private static final List<String> ALL_SUFFIXES = List.of("_total", "_created", "_bucket", "_sum", "_count",
            "_gsum", "_gcount", "_info");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped",
            "unknown", "info", "stateset", "gaugehistogram");

    private ExpositionParser() {
    }

    /** A line that could not be read: its 1-based number and what is wrong with it. */
    public record Problem(int line, String message) {
        @Override
        public String toString() {
            return "line " + line + ": " + message;
        }
    }

    /** The parsed page. openMetrics is true when the input was OpenMetrics (by content type or # EOF). */
    public record Page(List<MetricFamily> families, int sampleCount, List<Problem> problems, boolean openMetrics,
            boolean sawEof) {
        public Page {
            families = List.copyOf(families);
            problems = List.copyOf(problems);
        }

        public MetricFamily family(String name) {
            return families.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
        }
    }

    /** Parses text; openMetrics says how counters are named (family without _total) and whether # EOF is expected. */
    public static Page parse(String text, boolean openMetrics) {
        return new Run(text, openMetrics || hasEofLine(text)).parse();
    }

    /** Parses text, telling OpenMetrics from the Content-Type (may be null) or a {@code # EOF} line. */
    public static Page parse(String text, String contentType) {
        boolean om = contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/openmetrics-text");
        return parse(text, om);
    }

    private static boolean hasEofLine(String text) {
        String trimmed = text.stripTrailing();
        return trimmed.equals("# EOF") || trimmed.endsWith("\n# EOF");
    }

    private static final class Builder {
        final String name;
        String type;
        String help;
        final List<MetricFamily.Sample> samples = new ArrayList<>();

        Builder(String name, String type) {
            this.name = name;
            this.type = type;
        }
    }

    private static final class Run {
        private final String text;
        private final boolean openMetrics;
        private final Map<String, Builder> families = new LinkedHashMap<>();
        private final List<Problem> problems = new ArrayList<>();
        private int samples;
        private boolean eof;

        Run(String text, boolean openMetrics) {
            this.text = text;
            this.openMetrics = openMetrics;
        }

        Page parse() {
            String[] lines = text.split("\r?\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                int number = i + 1;
                if (eof) {
                    if (!line.isEmpty() || i < lines.length - 1) {
                        problems.add(new Problem(number, "text after # EOF"));
                    }
                    continue;
                }
                if (line.isBlank()) {
                    continue;
                }
                try {
                    if (line.startsWith("#")) {
                        comment(line);
                    } else {
                        sample(line.strip());
                    }
                } catch (BadLine e) {
                    problems.add(new Problem(number, e.getMessage()));
                }
            }
            List<MetricFamily> out = new ArrayList<>();
            for (Builder b : families.values()) {
                if (!b.samples.isEmpty() || b.type != null) {
                    out.add(new MetricFamily(b.name, b.type == null ? "untyped" : b.type, b.help, b.samples));
                }
            }
            return new Page(out, samples, problems, openMetrics, eof);
        }

        private void comment(String line) {
            if (openMetrics && line.equals("# EOF")) {
                eof = true;
                return;
            }
            String[] parts = line.substring(1).strip().split("[ \t]+", 3);
            if (parts.length < 2 || !(parts[0].equals("HELP") || parts[0].equals("TYPE") || parts[0].equals("UNIT"))) {
                if (line.equals("# EOF")) {
                    eof = true;
                }
                return; // an ordinary comment
            }
            String name = parts[1];
            if (!validName(name)) {
                throw new BadLine("# " + parts[0] + " names \"" + name + "\", which is not a metric name");
            }
            String rest = parts.length > 2 ? parts[2] : "";
            switch (parts[0]) {
                case "HELP" -> family(name).help = unescapeHelp(rest);
                case "TYPE" -> {
                    String type = rest.strip().toLowerCase(Locale.ROOT);
                    if (!TYPES.contains(type)) {
                        throw new BadLine("unknown type \"" + rest.strip() + "\" for " + name);
                    }
                    Builder b = family(name);
                    if (b.type != null && !b.type.equals(type)) {
                        throw new BadLine("second # TYPE for " + name + " (" + b.type + ", then " + type + ")");
                    }
                    b.type = type;
                }
                default -> {
                    // # UNIT: nothing to keep
                }
            }
        }

        private Builder family(String name) {
            return families.computeIfAbsent(name, n -> new Builder(n, null));
        }

        private void sample(String line) {
            Cursor c = new Cursor(line);
            String name = null;
            Map<String, String> labels = new LinkedHashMap<>();
            if (c.peek() != '{') {
                name = c.name();
                if (name.isEmpty()) {
                    throw new BadLine("does not start with a metric name");
                }
                c.skipBlanks();
            }
            if (c.peek() == '{') {
                name = labels(c, labels, name);
            }
            if (!c.skipBlanks()) {
                throw new BadLine("no value after " + name);
            }
            String valueText = c.token();
            double value = parseValue(valueText);
            if (c.skipBlanks()) {
                String next = c.token();
                if (!next.equals("#")) {
                    if (!next.matches("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?")) {
                        throw new BadLine("\"" + next + "\" after the value is not a timestamp");
                    }
                    if (c.skipBlanks() && !c.token().equals("#")) {
                        throw new BadLine("unexpected text after the timestamp");
                    }
                }
                // an OpenMetrics exemplar follows " # "; it does not matter here
            }
            assign(new MetricFamily.Sample(name, labels, value));
            samples++;
        }

        /** Reads {a="b",...}; a quoted string without "=" inside is the metric name (UTF-8 names). */
        private String labels(Cursor c, Map<String, String> labels, String name) {
            c.expect('{');
            while (true) {
                c.skipBlanks();
                if (c.peek() == '}') {
                    c.next();
                    break;
                }
                String label;
                if (c.peek() == '"') {
                    label = c.quoted();
                    c.skipBlanks();
                    if (c.peek() != '=') {
                        if (name != null) {
                            throw new BadLine("two metric names in one sample");
                        }
                        name = label;
                        if (!separator(c)) {
                            break;
                        }
                        continue;
                    }
                } else {
                    label = c.name();
                    if (label.isEmpty()) {
                        throw new BadLine("expected a label name at column " + (c.pos + 1));
                    }
                    c.skipBlanks();
                }
                c.expect('=');
                c.skipBlanks();
                if (c.peek() != '"') {
                    throw new BadLine("value of label " + label + " must be in double quotes");
                }
                String value = c.quoted();
                if (labels.put(label, value) != null) {
                    throw new BadLine("label " + label + " appears twice");
                }
                if (!separator(c)) {
                    break;
                }
            }
            if (name == null) {
                throw new BadLine("sample without a metric name");
            }
            return name;
        }

        /** After a label: true for ",", false for "}" (consumed); anything else is an error. */
        private static boolean separator(Cursor c) {
            c.skipBlanks();
            char ch = c.next();
            if (ch == ',') {
                return true;
            }
            if (ch == '}') {
                return false;
            }
            throw new BadLine(ch == 0 ? "label set is not closed with }" : "expected , or } at column " + c.pos);
        }

        /** Puts a sample into its family: declared by name, or by name minus a suffix its type allows. */
        private void assign(MetricFamily.Sample s) {
            String name = s.name();
            Builder exact = families.get(name);
            if (exact != null && exact.type != null) {
                exact.samples.add(s);
                return;
            }
            for (String suffix : ALL_SUFFIXES) {
                if (name.endsWith(suffix) && name.length() > suffix.length()) {
                    Builder base = families.get(name.substring(0, name.length() - suffix.length()));
                    if (base != null && base.type != null && SUFFIXES.getOrDefault(base.type, Set.of()).contains(suffix)) {
                        base.samples.add(s);
                        return;
                    }
                }
            }
            family(name).samples.add(s);
        }
    }

    static double parseValue(String text) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "nan" -> {
                return Double.NaN;
            }
            case "+inf", "inf" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> {
            }
        }
        if (!text.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            throw new BadLine("\"" + text + "\" is not a number");
        }
        return Double.parseDouble(text);
    }

    static boolean validName(String name) {
        return name.matches("[a-zA-Z_:][a-zA-Z0-9_:]*");
    }

    /** The escapes of the text format, in help and label values alike: backslash-n, two backslashes, backslash-quote. */
    private static void appendEscaped(StringBuilder out, char escaped) {
        switch (escaped) {
            case 'n' -> out.append('\n');
            case '\\' -> out.append('\\');
            case '"' -> out.append('"');
            default -> out.append('\\').append(escaped);
        }
    }

    private static String unescapeHelp(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '\\' && i + 1 < text.length()) {
                char n = text.charAt(++i);
                appendEscaped(out, n);
            } else {
                out.append(ch);
            }
        }
        return out.toString().strip();
    }

    /** A malformed line. */
    private static final class BadLine extends RuntimeException {
        BadLine(String message) {
            super(message, null, false, false);
        }
    }

    /** Reads one sample line left to right. */
    private static final class Cursor {
        private final String s;
        private int pos;

        Cursor(String s) {
            this.s = s;
        }

        char peek() {
            return pos < s.length() ? s.charAt(pos) : 0;
        }

        char next() {
            return pos < s.length() ? s.charAt(pos++) : 0;
        }

        void expect(char ch) {
            if (next() != ch) {
                throw new BadLine("expected " + ch + " at column " + pos);
            }
        }

        /** Skips spaces and tabs; false when the line ends. */
        boolean skipBlanks() {
            while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
                pos++;
            }
            return pos < s.length();
        }

        String name() {
            int start = pos;
            while (pos < s.length()) {
                char ch = s.charAt(pos);
                boolean ok = ch == '_' || ch == ':' || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')
                        || (pos > start && ch >= '0' && ch <= '9');
                if (!ok) {
                    break;
                }
                pos++;
            }
            return s.substring(start, pos);
        }

        String token() {
            int start = pos;
            while (pos < s.length() && s.charAt(pos) != ' ' && s.charAt(pos) != '\t') {
                pos++;
            }
            return s.substring(start, pos);
        }

        /** A double-quoted string with \\, \" and \n escapes. */
        String quoted() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                if (pos >= s.length()) {
                    throw new BadLine("quoted label value is not closed");
                }
                char ch = s.charAt(pos++);
                if (ch == '"') {
                    return out.toString();
                }
                if (ch == '\\') {
                    if (pos >= s.length()) {
                        throw new BadLine("quoted label value is not closed");
                    }
                    char n = s.charAt(pos++);
                    appendEscaped(out, n);
                } else {
                    out.append(ch);
                }
            }
        }
    }
}
