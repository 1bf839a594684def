package org.trapline.discovery;

import java.util.ArrayList;
import java.util.List;

/**
 * Two reports side by side, line by line: the longest common subsequence kept as context
 * ({@code "  "}), what only the expected side has marked {@code "- "} and what only the actual
 * side has marked {@code "+ "}, a changed block shown pair by pair. The reports are a board's worth of lines, so the quadratic table
 * is small; past {@link #MAX_CELLS} the lines are paired in order instead.
 */
public final class LineDiff {
    static final long MAX_CELLS = 4_000_000;

    private LineDiff() {
    }

    /** True when the reports are the same. */
    public static boolean same(List<String> expected, List<String> actual) {
        return expected.equals(actual);
    }

    public static List<String> of(List<String> expected, List<String> actual) {
        int n = expected.size();
        int m = actual.size();
        if ((long) (n + 1) * (m + 1) > MAX_CELLS) {
            return paired(expected, actual);
        }
        int[][] common = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                common[i][j] = expected.get(i).equals(actual.get(j)) ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<String> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        List<String> removed = new ArrayList<>();
        List<String> added = new ArrayList<>();
        while (i < n || j < m) {
            if (i < n && j < m && expected.get(i).equals(actual.get(j))) {
                interleave(out, removed, added);
                out.add("  " + expected.get(i++));
                j++;
            } else if (j == m || (i < n && common[i + 1][j] >= common[i][j + 1])) {
                removed.add(expected.get(i++));
            } else {
                added.add(actual.get(j++));
            }
        }
        interleave(out, removed, added);
        return out;
    }

    /** A changed block as pairs, each expected line over the actual line that took its place. */
    private static void interleave(List<String> out, List<String> removed, List<String> added) {
        for (int k = 0; k < Math.max(removed.size(), added.size()); k++) {
            if (k < removed.size()) {
                out.add("- " + removed.get(k));
            }
            if (k < added.size()) {
                out.add("+ " + added.get(k));
            }
        }
        removed.clear();
        added.clear();
    }

    private static List<String> paired(List<String> expected, List<String> actual) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
            String e = i < expected.size() ? expected.get(i) : null;
            String a = i < actual.size() ? actual.get(i) : null;
            if (e != null && e.equals(a)) {
                out.add("  " + e);
                continue;
            }
            if (e != null) {
                out.add("- " + e);
            }
            if (a != null) {
                out.add("+ " + a);
            }
        }
        return out;
    }
}
