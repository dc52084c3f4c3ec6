package io.vectrade.testdata;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * Real market data from the ta4j-examples test jar, parsed with simple test-side code (not the
 * production readers): AAPL daily bars (252 bars of 2013) and Bitstamp BTC/USD trades (100,000
 * trades from 2013-11-25) aggregated to 1-minute bars. Loaded once, then shared (callers must
 * not write the arrays; use {@link OhlcvSeries#toPanel()} for copies).
 */
public final class RealData {
    private static final long MINUTE_MILLIS = 60_000;
    private static OhlcvSeries aapl;
    private static OhlcvSeries bitstamp;

    private RealData() {
    }

    /** AAPL daily bars: date,open,high,low,close,volume. */
    public static synchronized OhlcvSeries aaplDaily() {
        if (aapl == null) {
            aapl = loadBars("appleinc_bars_from_20130101_usd.csv");
        }
        return aapl;
    }

    /**
     * Bitstamp trades (timestamp seconds, price, amount) bucketed by minute: open = first price,
     * high/low = extreme prices, close = last price, volume = sum of amounts; minutes without a
     * trade are skipped (no bar).
     */
    public static synchronized OhlcvSeries bitstampMinutes() {
        if (bitstamp == null) {
            bitstamp = loadTradesAsMinuteBars("bitstamp_trades_from_20131125_usd.csv");
        }
        return bitstamp;
    }

    /**
     * The Bitstamp minute bars on a calendar of every minute from the first trade's to the last's:
     * a minute without trades is a missing bar (NaN in all five columns).
     */
    public static OhlcvSeries bitstampMinuteCalendar() {
        OhlcvSeries s = bitstampMinutes();
        long first = s.timestampsMillis()[0];
        int m = (int) ((s.timestampsMillis()[s.length() - 1] - first) / MINUTE_MILLIS) + 1;
        long[] ts = new long[m];
        double[][] cols = new double[5][m];
        for (double[] col : cols) {
            java.util.Arrays.fill(col, Double.NaN);
        }
        for (int t = 0; t < m; t++) {
            ts[t] = first + t * MINUTE_MILLIS;
        }
        double[][] src = {s.open(), s.high(), s.low(), s.close(), s.volume()};
        for (int k = 0; k < s.length(); k++) {
            int t = (int) ((s.timestampsMillis()[k] - first) / MINUTE_MILLIS);
            for (int c = 0; c < 5; c++) {
                cols[c][t] = src[c][k];
            }
        }
        return new OhlcvSeries(s.symbol(), ts, cols[0], cols[1], cols[2], cols[3], cols[4]);
    }

    /** Every Bitstamp trade as its own bar: open = high = low = close = price, volume = amount. */
    public static synchronized OhlcvSeries bitstampTrades() {
        Columns c = new Columns();
        try (BufferedReader r = open("bitstamp_trades_from_20131125_usd.csv")) {
            String line = r.readLine();
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    String[] f = line.split(",");
                    double price = d(f[1]);
                    c.add(Long.parseLong(f[0].strip()) * 1000, price, price, price, price, d(f[2]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return c.toSeries("BTCUSD");
    }

    private static OhlcvSeries loadBars(String resource) {
        Columns c = new Columns();
        try (BufferedReader r = open(resource)) {
            String line = r.readLine();
            int lineNo = 1;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",");
                if (f.length != 6) {
                    throw new IllegalStateException("expected 6 fields, file=" + resource + " line=" + lineNo);
                }
                long ts = LocalDate.parse(f[0].strip()).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
                c.add(ts, d(f[1]), d(f[2]), d(f[3]), d(f[4]), d(f[5]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return c.toSeries("AAPL");
    }

    private static OhlcvSeries loadTradesAsMinuteBars(String resource) {
        Columns c = new Columns();
        try (BufferedReader r = open(resource)) {
            String line = r.readLine();
            long minute = Long.MIN_VALUE;
            double o = 0;
            double h = 0;
            double l = 0;
            double cl = 0;
            double v = 0;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",");
                long m = Long.parseLong(f[0].strip()) * 1000 / MINUTE_MILLIS;
                double price = d(f[1]);
                double amount = d(f[2]);
                if (m != minute) {
                    if (minute != Long.MIN_VALUE) {
                        c.add(minute * MINUTE_MILLIS, o, h, l, cl, v);
                    }
                    minute = m;
                    o = price;
                    h = price;
                    l = price;
                    v = 0;
                }
                h = Math.max(h, price);
                l = Math.min(l, price);
                cl = price;
                v += amount;
            }
            if (minute != Long.MIN_VALUE) {
                c.add(minute * MINUTE_MILLIS, o, h, l, cl, v);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return c.toSeries("BTCUSD");
    }

    private static BufferedReader open(String resource) {
        InputStream in = RealData.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("resource not on the test classpath, name=" + resource);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    private static double d(String s) {
        return Double.parseDouble(s.strip());
    }

    /** Growable columns. */
    private static final class Columns {
        long[] ts = new long[1024];
        double[][] v = new double[5][1024];
        int size;

        void add(long t, double o, double h, double l, double c, double vol) {
            if (size == ts.length) {
                ts = Arrays.copyOf(ts, size * 2);
                for (int k = 0; k < 5; k++) {
                    v[k] = Arrays.copyOf(v[k], size * 2);
                }
            }
            ts[size] = t;
            v[0][size] = o;
            v[1][size] = h;
            v[2][size] = l;
            v[3][size] = c;
            v[4][size] = vol;
            size++;
        }

        OhlcvSeries toSeries(String symbol) {
            return new OhlcvSeries(symbol, Arrays.copyOf(ts, size), Arrays.copyOf(v[0], size),
                    Arrays.copyOf(v[1], size), Arrays.copyOf(v[2], size), Arrays.copyOf(v[3], size),
                    Arrays.copyOf(v[4], size));
        }
    }
}
