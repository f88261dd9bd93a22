package dev.strata.engine;

import java.util.ArrayList;
import java.util.List;

/** A line diff (longest common subsequence) printed as unified-diff lines with one line of context. */
final class LineDiff {
    private static final int CONTEXT = 1;

    private LineDiff() {
    }

    /** Lines prefixed ' ', '-' or '+'; runs of unchanged lines beyond the context shown as one "…" line. */
    static List<String> of(List<String> a, List<String> b) {
        int[][] common = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                common[i][j] = a.get(i).equals(b.get(j)) ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<String> all = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                all.add(" " + a.get(i++));
                j++;
            } else if (j < b.size() && (i == a.size() || common[i][j + 1] >= common[i + 1][j])) {
                all.add("+" + b.get(j++));
            } else {
                all.add("-" + a.get(i++));
            }
        }
        List<String> shown = new ArrayList<>();
        boolean elided = false;
        for (int k = 0; k < all.size(); k++) {
            if (all.get(k).charAt(0) != ' ' || nearChange(all, k)) {
                shown.add(all.get(k));
                elided = false;
            } else if (!elided) {
                shown.add(" …");
                elided = true;
            }
        }
        return shown;
    }

    private static boolean nearChange(List<String> lines, int k) {
        for (int d = -CONTEXT; d <= CONTEXT; d++) {
            int n = k + d;
            if (n >= 0 && n < lines.size() && lines.get(n).charAt(0) != ' ') {
                return true;
            }
        }
        return false;
    }
}
