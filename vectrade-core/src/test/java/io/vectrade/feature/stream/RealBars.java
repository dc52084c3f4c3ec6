package io.vectrade.feature.stream;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Real market data from the ta4j-examples 0.15 jar (test classpath), as single-instrument
 * {@link Bars}: AAPL daily bars, and Bitstamp BTC/USD trades aggregated into bars (a bar interval
 * without trades is a missing bar).
 */
final class RealBars {
    private RealBars() {
    }

    /** {@code appleinc_bars_from_20130101_usd.csv}: date,open,high,low,close,volume. */
    static Bars appleDaily() {
        List<String[]> rows = read("appleinc_bars_from_20130101_usd.csv");
        int m = rows.size();
        double[][] cols = new double[5][m];
        for (int t = 0; t < m; t++) {
            for (int f = 0; f < 5; f++) {
                cols[f][t] = Double.parseDouble(rows.get(t)[f + 1]);
            }
        }
        return new Bars(m, 1, cols[0], cols[1], cols[2], cols[3], cols[4]);
    }

    /** {@code bitstamp_trades_from_20131125_usd.csv} (timestamp seconds, price, amount) in bars of {@code seconds}. */
    static Bars bitstamp(int seconds) {
        List<String[]> rows = read("bitstamp_trades_from_20131125_usd.csv");
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (String[] r : rows) {
            long ts = Long.parseLong(r[0]);
            first = Math.min(first, ts);
            last = Math.max(last, ts);
        }
        int m = (int) ((last - first) / seconds) + 1;
        double[] o = new double[m];
        double[] h = new double[m];
        double[] l = new double[m];
        double[] c = new double[m];
        double[] v = new double[m];
        for (double[] col : new double[][] {o, h, l, c, v}) {
            Arrays.fill(col, Double.NaN);
        }
        for (String[] r : rows) {
            int t = (int) ((Long.parseLong(r[0]) - first) / seconds);
            double price = Double.parseDouble(r[1]);
            double amount = Double.parseDouble(r[2]);
            if (Double.isNaN(c[t])) {
                o[t] = price;
                h[t] = price;
                l[t] = price;
                v[t] = 0;
            }
            h[t] = Math.max(h[t], price);
            l[t] = Math.min(l[t], price);
            c[t] = price;
            v[t] += amount;
        }
        return new Bars(m, 1, o, h, l, c, v);
    }

    /** The same trades one bar each (open = high = low = close = price, volume = amount). */
    static Bars bitstampTrades() {
        List<String[]> rows = read("bitstamp_trades_from_20131125_usd.csv");
        int m = rows.size();
        double[] p = new double[m];
        double[] v = new double[m];
        for (int t = 0; t < m; t++) {
            p[t] = Double.parseDouble(rows.get(t)[1]);
            v[t] = Double.parseDouble(rows.get(t)[2]);
        }
        return new Bars(m, 1, p, p.clone(), p.clone(), p.clone(), v);
    }

    private static List<String[]> read(String resource) {
        InputStream in = RealBars.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("resource not on the test classpath, resource=" + resource);
        }
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line = r.readLine();
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    rows.add(line.split(","));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
