package io.vectrade.data.csv;

import io.vectrade.data.BarSeriesBuilder;
import io.vectrade.data.DataFormatException;
import io.vectrade.data.Panel;
import io.vectrade.data.Timestamps;
import io.vectrade.data.TradeBarAggregator;
import io.vectrade.data.UnionCalendar;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Reads trades ({@code timestamp,price,amount}, header case-insensitive, any order; timestamps
 * in any form of {@link Timestamps}, e.g. the epoch seconds of Bitstamp's export) and aggregates
 * them into bars of a fixed interval ({@link TradeBarAggregator}: aligned to interval boundaries
 * in UTC, stamped with the interval's start, no bar for an interval without trades). The result
 * is a one-instrument {@link Panel} whose symbol is the file name without extension.
 *
 * <p>Validation, each a {@link DataFormatException} naming file, line and field: empty or
 * header-only file, unknown/duplicate/missing header column, wrong column count, unparsable
 * number or timestamp, a timestamp before the previous trade's (equal ones are normal), a price
 * not finite and positive, an amount negative or not finite.
 *
 * <p>Memory: line by line; only the bars are kept (48 bytes per bar), not the trades.
 * Stateless and thread-safe.
 */
public final class TradeCsvReader {
    private static final int TIME = 0;
    private static final int PRICE = 1;
    private static final int AMOUNT = 2;
    private static final String[][] ACCEPTED = {{"timestamp"}, {"price"}, {"amount"}};
    private static final boolean[] REQUIRED = {true, true, true};

    private TradeCsvReader() {
    }

    /** Reads a UTF-8 trades file and aggregates it into bars of {@code interval}. */
    public static Panel readBars(Path file, Duration interval) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return readBars(in, file, interval);
        }
    }

    /**
     * Reads trades from {@code in} (not closed); {@code name} is the file named in errors and
     * gives the symbol.
     *
     * @throws IllegalArgumentException for an unusable interval (see {@link TradeBarAggregator})
     */
    public static Panel readBars(Reader in, Path name, Duration interval) throws IOException {
        BarSeriesBuilder bars = new BarSeriesBuilder();
        TradeBarAggregator agg = new TradeBarAggregator(interval, bars);
        BufferedReader r = in instanceof BufferedReader b ? b : new BufferedReader(in, 1 << 16);
        String headerLine = CsvLine.readLine(r, name, 1);
        if (headerLine == null || CsvLine.stripBom(headerLine).isBlank()) {
            throw new DataFormatException(name, 0, null, "empty file, expected a header line");
        }
        CsvHeader header = CsvHeader.parse(name, headerLine, ACCEPTED, REQUIRED);
        int[] col = header.indexOf();
        CsvLine row = new CsvLine(name, header.names());
        long lineNumber = 1;
        long trades = 0;
        long last = Long.MIN_VALUE;
        String line;
        while ((line = CsvLine.readLine(r, name, lineNumber + 1)) != null) {
            lineNumber++;
            if (CsvLine.isBlank(line)) {
                continue;
            }
            row.reset(line, lineNumber);
            long ts = row.timestamp(col[TIME]);
            double price = row.number(col[PRICE]);
            double amount = row.number(col[AMOUNT]);
            if (!(price > 0) || price == Double.POSITIVE_INFINITY) {
                throw row.error(col[PRICE], "price must be finite and positive, value=" + price);
            }
            if (!(amount >= 0) || amount == Double.POSITIVE_INFINITY) {
                throw row.error(col[AMOUNT], "amount must be finite and non-negative, value=" + amount);
            }
            if (ts < last) {
                throw row.error(col[TIME], "timestamps not in order, timestamp=" + Timestamps.formatIso(ts)
                        + " previous=" + Timestamps.formatIso(last));
            }
            last = ts;
            agg.add(ts, price, amount);
            trades++;
        }
        if (trades == 0) {
            throw new DataFormatException(name, 0, null, "no trades after the header line");
        }
        agg.finish();
        return UnionCalendar.align(List.of(BarCsvReader.symbolOf(name)), List.of(bars));
    }
}
