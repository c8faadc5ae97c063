package io.monstack.check;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a PromQL expression reads, found without a full parser: the metric names of its selectors
 * (identifiers that are not functions, keywords or label lists) and the job matchers in them.
 * Enough to say which metric a panel lacks; the query itself is always run by Prometheus.
 */
final class PromqlNames {
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "bool", "and", "or", "unless", "offset", "atan2", "inf", "nan", "start", "end",
            // aggregations: "sum by (x) (...)" puts the label list between the name and its parenthesis
            "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk", "quantile",
            "limitk", "limit_ratio");
    private static final Set<String> LABEL_LIST_KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
    private static final Pattern JOB_MATCHER = Pattern.compile("\\bjob\\s*(=~|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** A job="x" or job=~"x|y" matcher. */
    record JobMatcher(boolean regex, String value) {
        boolean matches(String job) {
            return regex ? job.matches(unescape(value)) : job.equals(value);
        }
    }

    private PromqlNames() {
    }

    static Set<String> metricNames(String expr) {
        Set<String> names = new LinkedHashSet<>();
        int i = 0;
        int n = expr.length();
        boolean labelList = false;
        while (i < n) {
            char c = expr.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = skipString(expr, i);
            } else if (c == '{') {
                i = skipTo(expr, i, '}');
            } else if (c == '[') {
                i = skipTo(expr, i, ']');
            } else if (c == '(' && labelList) {
                i = skipTo(expr, i, ')');
                labelList = false;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(expr.charAt(i + 1)))) {
                while (i < n && (Character.isLetterOrDigit(expr.charAt(i)) || expr.charAt(i) == '.')) {
                    i++; // numbers and durations: 0.95, 1e3, 5m
                }
            } else if (Character.isLetter(c) || c == '_' || c == ':') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(expr.charAt(i)) || expr.charAt(i) == '_' || expr.charAt(i) == ':')) {
                    i++;
                }
                String word = expr.substring(start, i);
                int next = skipSpaces(expr, i);
                boolean call = next < n && expr.charAt(next) == '(';
                String lower = word.toLowerCase(java.util.Locale.ROOT);
                if (LABEL_LIST_KEYWORDS.contains(lower)) {
                    labelList = call; // group_left's list is optional: "group_left sum(x)" reads x
                    i = call ? next : i;
                } else if (!call && !KEYWORDS.contains(lower)) {
                    names.add(word);
                }
            } else {
                i++;
            }
        }
        return names;
    }

    static List<JobMatcher> jobMatchers(String expr) {
        List<JobMatcher> out = new ArrayList<>();
        Matcher m = JOB_MATCHER.matcher(expr);
        while (m.find()) {
            out.add(new JobMatcher(m.group(1).equals("=~"), m.group(2)));
        }
        return out;
    }

    /** Whether the expression reads a range (rate, increase, ..._over_time): it needs two scrapes in the window. */
    static boolean readsRange(String expr) {
        return expr.contains("[");
    }

    private static int skipString(String s, int i) {
        char quote = s.charAt(i);
        int j = i + 1;
        while (j < s.length() && s.charAt(j) != quote) {
            j += s.charAt(j) == '\\' && quote != '`' ? 2 : 1;
        }
        return j + 1;
    }

    private static int skipTo(String s, int i, char close) {
        int j = i + 1;
        while (j < s.length() && s.charAt(j) != close) {
            char c = s.charAt(j);
            j = c == '"' || c == '\'' || c == '`' ? skipString(s, j) : j + 1;
        }
        return j + 1;
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** A PromQL string's escapes (\\. for a regex dot) as the regex engine sees them. */
    private static String unescape(String value) {
        return value.replace("\\\\", "\\");
    }
}
