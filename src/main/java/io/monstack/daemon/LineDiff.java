package io.monstack.daemon;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A unified-style line diff (---/+++ headers, @@ hunks with three lines of context), from a
 * longest-common-subsequence of lines. daemon.json files are small; past a few thousand lines
 * it falls back to "remove everything, add everything", still correct, just longer.
 */
public final class LineDiff {
    private static final int CONTEXT = 3;
    private static final int MAX_LINES = 4000;

    private LineDiff() {
    }

    private record Edit(char op, String line, int oldLine, int newLine) {
    }

    public static String unified(String oldName, String oldText, String newName, String newText) {
        return unified(oldName, oldText, newName, newText, UnaryOperator.identity());
    }

    /** As {@link #unified(String, String, String, String)}, with every shown line passed through {@code show}. */
    public static String unified(String oldName, String oldText, String newName, String newText, UnaryOperator<String> show) {
        List<String> a = lines(oldText);
        List<String> b = lines(newText);
        List<Edit> edits = edits(a, b);
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(oldName).append('\n');
        out.append("+++ ").append(newName).append('\n');
        int i = 0;
        while (i < edits.size()) {
            if (edits.get(i).op() == ' ') {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            // One hunk holds every change that is at most 2*CONTEXT unchanged lines from the previous one.
            int lastChange = i;
            for (int j = i + 1; j < edits.size() && j - lastChange <= 2 * CONTEXT + 1; j++) {
                if (edits.get(j).op() != ' ') {
                    lastChange = j;
                }
            }
            int end = Math.min(edits.size() - 1, lastChange + CONTEXT);
            int oldStart = edits.get(start).oldLine();
            int newStart = edits.get(start).newLine();
            int oldCount = 0;
            int newCount = 0;
            for (int j = start; j <= end; j++) {
                char op = edits.get(j).op();
                oldCount += op != '+' ? 1 : 0;
                newCount += op != '-' ? 1 : 0;
            }
            out.append("@@ -").append(range(oldStart, oldCount)).append(" +").append(range(newStart, newCount)).append(" @@\n");
            for (int j = start; j <= end; j++) {
                Edit e = edits.get(j);
                out.append(e.op()).append(show.apply(e.line())).append('\n');
            }
            i = end + 1;
        }
        return out.toString();
    }

    private static String range(int start, int count) {
        // Unified diff: lines count from 1; an empty range names the line before it.
        int shown = count == 0 ? start : start + 1;
        return count == 1 ? String.valueOf(shown) : shown + "," + count;
    }

    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        if (text.isEmpty()) {
            return out;
        }
        for (String line : text.split("\r?\n", -1)) {
            out.add(line);
        }
        if (out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    private static List<Edit> edits(List<String> a, List<String> b) {
        List<Edit> edits = new ArrayList<>();
        if (a.size() > MAX_LINES || b.size() > MAX_LINES) {
            for (int i = 0; i < a.size(); i++) {
                edits.add(new Edit('-', a.get(i), i, 0));
            }
            for (int j = 0; j < b.size(); j++) {
                edits.add(new Edit('+', b.get(j), a.size(), j));
            }
            return edits;
        }
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                edits.add(new Edit(' ', a.get(i), i++, j++));
            } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
                edits.add(new Edit('-', a.get(i), i++, j));
            } else {
                edits.add(new Edit('+', b.get(j), i, j++));
            }
        }
        return edits;
    }
}
