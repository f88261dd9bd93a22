package dev.strata.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The one table the benchmark command prints: scenario, the stock way, Strata, ratio. */
final class BenchTable {
    private final List<String[]> rows = new ArrayList<>();

    void add(String scenario, String stockWay, double stockMillis, double strataMillis) {
        rows.add(new String[] {scenario, stockWay + ": " + format(stockMillis), format(strataMillis),
                stockMillis >= strataMillis ? String.format("%.1f× faster", stockMillis / strataMillis)
                        : String.format("%.2f× the time", strataMillis / stockMillis)});
        System.out.println("[bench] " + String.join(" | ", rows.get(rows.size() - 1)));
    }

    /** A row for a peer that is not installed here: named, without figures. */
    void addMissing(String scenario, String peer) {
        rows.add(new String[] {scenario, peer + ": not installed", "—", "—"});
        System.out.println("[bench] " + String.join(" | ", rows.get(rows.size() - 1)));
    }

    /** A row where the stock way did not finish: its failure instead of a time, no ratio. */
    void addStockFailed(String scenario, String stockFailure, double strataMillis) {
        rows.add(new String[] {scenario, stockFailure, format(strataMillis), "—"});
        System.out.println("[bench] " + String.join(" | ", rows.get(rows.size() - 1)));
    }

    /** A row whose figures are not times (e.g. peak memory): shown as given, ratio stock / Strata. */
    void addAmount(String scenario, String stockWay, double stock, double strata, String unit) {
        rows.add(new String[] {scenario, stockWay + ": " + String.format("%.0f %s", stock, unit),
                String.format("%.0f %s", strata, unit), stock >= strata ? String.format("%.1f× less", stock / strata)
                : String.format("%.1f× more", strata / stock)});
        System.out.println("[bench] " + String.join(" | ", rows.get(rows.size() - 1)));
    }

    static String format(double millis) {
        if (millis >= 1000) {
            return String.format("%.2f s", millis / 1000);
        }
        if (millis >= 1) {
            return String.format("%.1f ms", millis);
        }
        return String.format("%.0f µs", millis * 1000);
    }

    String render() {
        StringBuilder out = new StringBuilder("| scenario | the stock way | Strata | ratio |\n|---|---|---|---|\n");
        for (String[] row : rows) {
            out.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        return out.toString();
    }

    /** Median of the samples, in milliseconds. */
    static double median(double[] samples) {
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
