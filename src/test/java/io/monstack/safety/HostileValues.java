package io.monstack.safety;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Hostile strings for every user field: a fixed list of known troublemakers (YAML, Markdown,
 * shell, template and Compose syntax, unicode tricks, control characters, huge values) plus
 * deterministic random combinations and mutations of valid values.
 */
final class HostileValues {
    static final long SEED = 0x6d6f6e737461636bL;

    /** Pieces the random values are built from. */
    private static final String[] FRAGMENTS = {
        "\"", "'", "\n", "\r\n", "\t", "#", ": ", ":", "{{", "}}", "${", "}", "$(", ")", "$", "$$", "`", "\\", "\\n",
        "\u202E", "\u200B", "\u200D", "\u2066", "\uFEFF", "\uD83D\uDE00", "\uD83D\uDC69\u200D\uD83D\uDCBB", "\u0000", "\u0007",
        "\u001B[2J", "\u007F", "\u0085", "\u2028", "\u00A0", "../", "/", ".", "-", "*", "&", "!", "%", "@", "|", ">", "<", "?",
        "[", "]", "{", ",", "---", "...", "yes", "null", "~", " ", "<script>", "&amp;", "# H", "- ", "_", "é", "日本", "Ω", "a",
        "web", "9090", "0.0.0.0", "le", "job", "__", "=", ";", "\uFFFE", "\uFFFF", "\uD800", "\uFFFD",
    };

    /** Valid values of the restricted fields, mutated to probe the edges of each rule. */
    private static final String[] VALID = {
        "web", "image-gallery", "a.b", "api_v2", "/metrics", "/actuator/prometheus", "web:8080", "10.0.0.1",
        "0.0.0.0:9323", "registry.example.com:5000/team", "v1.2.3", "prom/prometheus:v3.5.0", "http_requests_total",
        "team", "production",
    };

    private HostileValues() {
    }

    static List<String> fixed() {
        List<String> v = new ArrayList<>(List.of(
                "", " ", "  leading", "trailing  ", "a b", "\"", "'", "\"quoted\"", "it's", "a\"b", "a'b", "''", "\"\"",
                "\n", "a\nb", "a\n- job_name: evil", "x\"\n  - job_name: \"evil", "a\r\nb", "\r", "\t", "a\tb", "a\u000Bb", "a\fb",
                "#", "# comment", "a #b", "a#b", "#!/bin/sh", ": ", "a: b", "key: value", "a:b", "a:", ":a",
                "{{", "{{ .Values }}", "{{instance}}", "}}", "${}", "${HOME}", "${GRAFANA_ADMIN_PASSWORD}",
                "${GRAFANA_ADMIN_PASSWORD:-x}", "$HOME", "$$", "$", "$1", "$$1", "${1}", "$(id)", "$(rm -rf /)", "`id`",
                "<#if true>x</#if>", "${spec.name}", "#{1}", "[#list x as y]",
                "\\", "\\\\", "a\\nb", "\\u0000", "\\x41", "\\\"", "C:\\Windows",
                "\u202Eevil", "\u200B", "a\u200Db", "\u2066iso\u2069", "\uFEFF", "\uFEFFbom", "\uD83D\uDE00",
                "\uD83D\uDC69\u200D\uD83D\uDCBB", "日本語", "Ünïcødé", "Ωmega", "\u00A0", "\u3000",
                "\u0000", "a\u0000b", "\u0001", "\u001B[31mred", "\u007F", "\u0085", "a\u0085b", "\u009B", "\u2028", "\u2029",
                "\uFFFE", "a\uFFFFb", "\uFFFD", "\uD800", "\uDC00x", "\uDBFF\uDFFF",
                "../", "../../etc/passwd", "..", ".", "/", "/etc/passwd", "a/b", "./a", "~/x",
                "x".repeat(10 * 1024), "é".repeat(5000), "\uD83D\uDE00".repeat(3000), "a\n".repeat(3000),
                "yes", "no", "on", "off", "true", "false", "True", "null", "Null", "NULL", "~", "y", "n", "Y",
                "0", "007", "0x1F", "1e3", "0o17", ".inf", "-.inf", ".nan", "12:30", "1:2:3", "2024-01-01", "3.14",
                "-", "-a", "- a", "--", "--force", "*", "*a", "&a", "& a", "!", "!!python/object/apply:os.system [id]",
                "!tag x", "%", "%YAML 1.2", "@", "@a", "`", "`a`", "``", "|", "| a", "|-", ">", "> a", ">-", "?", "? a",
                "[", "]", "[a]", "{", "}", "{a: b}", "{}", "[]", ",", "a, b", "=", "a=b",
                "---", "...", "--- a", "... a", "---\nname: evil", "<script>alert(1)</script>", "<!-- x -->", "<b>", "</td>",
                "&amp;", "&#60;", "[link](http://x)", "![img](http://x/a.png)", "**bold**", "_em_", "# Heading",
                "## h", "\n# Heading", "a\n\n# H", "| a | b |", "a|b", "a\\|b", "\\`", "<<: *a",
                "prometheus", "docker", "job", "instance", "__name__", "__address__", "le",
                "0.0.0.0", "127.0.0.1", "0.0.0.0:9323", "[::]:9323", "[::1]:9323", "1.2.3.4:0", "1.2.3.4:65536",
                "1.2.3.4:99999999999999999999", ":9323", "::", "[::]", "256.1.1.1", "1.2.3", "01.2.3.4", "1.2.3.4 ",
                "172.17.0.1:9323", "0.0.0.0:09323", "localhost", "host:80", "host:", ":80", "a..b", "-host", "host-",
                "_host", "a.b.", "xn--bcher-kva.example", "[fe80::1%eth0]:80", "[::1]:80", "host:80:90",
                "latest", "v1.0", "-tag", ".tag", "_tag", "UPPER", "registry.example.com:5000/team",
                "registry.example.com/", "reg:99999", "-", "a-", "-/", "../", "a..b/c",
                "prom/prometheus:v2.45.0", "prom/prometheus:v3.5.0@sha256:" + "a".repeat(64), "prom/prometheus\nRUN id",
                "prom/prometheus RUN id", "grafana/grafana:12.2.1", "Prom/Prometheus", "../prom:v1", "-/prom:v1",
                "prom/prometheus:v3.5.0\n", "prom/prometheus:-x",
                "/metrics", "/metrics?x=1", "/metrics#frag", "/a b", "/%2e%2e/", "/../../", "/$(id)", "/${x}", "/$1", "/'",
                "/a'b", "//", "/~user", "/@", "metrics", "/metrics\n", "/:", "/a:b",
                "http_requests_total", "a:b:c", "1abc", "_", ":", "a-b", "a.b", "a b", "x_bucket", "x_seconds",
                "by", "without", "and", "or", "unless", "bool", "ignoring", "group_left", "group_right", "offset", "sum",
                "count", "topk", "inf", "nan", "Inf", "NaN", "atan2", "start", "end", "step", "limitk", "smoothed", "anchored"));
        return v;
    }

    static List<String> random(int count) {
        Random r = new Random(SEED);
        Set<String> out = new LinkedHashSet<>();
        while (out.size() < count) {
            out.add(switch (r.nextInt(5)) {
                case 0 -> fragments(r, 1 + r.nextInt(5));
                case 1 -> mutate(r, VALID[r.nextInt(VALID.length)]);
                case 2 -> codePoints(r, 1 + r.nextInt(30));
                case 3 -> fragments(r, 200 + r.nextInt(3000));
                default -> mutate(r, mutate(r, VALID[r.nextInt(VALID.length)]));
            });
        }
        return new ArrayList<>(out);
    }

    static List<String> all() {
        List<String> all = new ArrayList<>(new LinkedHashSet<>(fixed()));
        all.addAll(random(320));
        return List.copyOf(new LinkedHashSet<>(all));
    }

    private static String fragments(Random r, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(FRAGMENTS[r.nextInt(FRAGMENTS.length)]);
        }
        return sb.toString();
    }

    private static String mutate(Random r, String valid) {
        int at = r.nextInt(valid.length() + 1);
        String piece = r.nextBoolean() ? FRAGMENTS[r.nextInt(FRAGMENTS.length)] : String.valueOf("-._:/@~0aZ".charAt(r.nextInt(10)));
        return switch (r.nextInt(3)) {
            case 0 -> valid.substring(0, at) + piece + valid.substring(at);
            case 1 -> at < valid.length() ? valid.substring(0, at) + piece + valid.substring(at + 1) : valid + piece;
            default -> at < valid.length() ? valid.substring(0, at) + valid.substring(at + 1) : piece + valid;
        };
    }

    private static String codePoints(Random r, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int cp = switch (r.nextInt(6)) {
                case 0 -> r.nextInt(0x20);
                case 1 -> 0x20 + r.nextInt(0x5f);
                case 2 -> 0x7f + r.nextInt(0x30);
                case 3 -> 0xA0 + r.nextInt(0xD800 - 0xA0);
                case 4 -> 0xE000 + r.nextInt(0x10000 - 0xE000);
                default -> 0x10000 + r.nextInt(0x10FFFF - 0x10000);
            };
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }

    /** A value as Java source, shortened: for failure messages. */
    static String show(String value) {
        StringBuilder sb = new StringBuilder("\"");
        String v = value.length() > 60 ? value.substring(0, 60) : value;
        for (char c : v.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c >= 0x7f) {
                sb.append(String.format("\\u%04X", (int) c));
            } else {
                sb.append(c);
            }
        }
        sb.append('"');
        if (value.length() > 60) {
            sb.append("...(").append(value.length()).append(" chars)");
        }
        return sb.toString();
    }
}
