package io.vectrade.cli;

import io.vectrade.data.DataFormatException;
import io.vectrade.data.Panel;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a signals CSV written by {@code run} or {@code walkforward} ({@code timestamp,symbol,side,strength,weight}
 * and optionally {@code score}) onto a panel's bars and instruments: target weights (0 where the file has no row)
 * and scores (NaN where it has none or the column is absent).
 */
final class SignalsFile {
    private SignalsFile() {
    }

    /**
     * The weights and scores, time-major T × N.
     *
     * @param scores null when the file has no score column
     */
    record Read(double[] weights, double[] scores, int rows) {
    }

    static Read read(Path file, Panel panel) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new UsageException("signals file not found, file=" + file);
        }
        if (!file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv")) {
            throw new UsageException("--signals reads CSV (write it with run --out FILE.csv), file=" + file);
        }
        int n = panel.instruments();
        Map<Long, Integer> bar = new HashMap<>();
        long[] ts = panel.timestampsMillis();
        for (int t = 0; t < ts.length; t++) {
            bar.put(ts[t], t);
        }
        Map<String, Integer> inst = new HashMap<>();
        List<String> symbols = panel.symbols();
        for (int i = 0; i < n; i++) {
            inst.put(symbols.get(i), i);
        }
        double[] weights = new double[ts.length * n];
        double[] scores = new double[ts.length * n];
        Arrays.fill(scores, Double.NaN);
        int rows = 0;
        boolean hasScore;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null) {
                throw new DataFormatException(file, 1, "header", "empty file");
            }
            List<String> cols = List.of(header.strip().split(",", -1));
            int cTs = cols.indexOf("timestamp");
            int cSym = cols.indexOf("symbol");
            int cW = cols.indexOf("weight");
            int cScore = cols.indexOf("score");
            hasScore = cScore >= 0;
            if (cTs < 0 || cSym < 0 || cW < 0) {
                throw new DataFormatException(file, 1, "header", "needs timestamp, symbol and weight columns, header=" + header);
            }
            String line;
            long no = 1;
            while ((line = r.readLine()) != null) {
                no++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length != cols.size()) {
                    throw new DataFormatException(file, no, "row", "expected " + cols.size() + " fields, found " + f.length);
                }
                long millis;
                try {
                    // a date (what the writers give daily bars) or an ISO date-time, as the bar readers take them
                    millis = io.vectrade.data.Timestamps.parseMillis(f[cTs]);
                } catch (IllegalArgumentException e) {
                    throw new DataFormatException(file, no, "timestamp", e.getMessage());
                }
                Integer t = bar.get(millis);
                if (t == null) {
                    throw new DataFormatException(file, no, "timestamp", "no bar of the data at " + f[cTs]);
                }
                Integer i = inst.get(f[cSym].strip());
                if (i == null) {
                    throw new DataFormatException(file, no, "symbol", "not an instrument of the data: " + f[cSym]);
                }
                weights[t * n + i] = number(file, no, "weight", f[cW], false);
                if (cScore >= 0) {
                    scores[t * n + i] = number(file, no, "score", f[cScore], true);
                }
                rows++;
            }
        }
        return new Read(weights, hasScore ? scores : null, rows);
    }

    private static double number(Path file, long line, String field, String text, boolean emptyIsNaN) {
        String s = text.strip();
        if (s.isEmpty() && emptyIsNaN) {
            return Double.NaN;
        }
        try {
            double v = Double.parseDouble(s);
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new DataFormatException(file, line, field, "not a finite number: " + text);
        }
    }
}
