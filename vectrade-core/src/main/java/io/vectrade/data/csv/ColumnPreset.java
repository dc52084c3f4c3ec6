package io.vectrade.data.csv;

import java.util.List;
import java.util.Locale;

/**
 * The column layouts of bar files as vendors write them. Every preset knows the header names of
 * the common sources (case-insensitive): the time column {@code timestamp date datetime time
 * open_time "open time"}, the symbol {@code symbol ticker}, the prices, {@code volume vol}, and
 * the adjusted close {@code "adj close" adj_close adjclose adjusted_close}. Presets differ in what
 * they require:
 * <ul>
 *   <li>{@link #AUTO}: any of these; a first line of numbers is a headerless Binance kline file;</li>
 *   <li>{@link #YAHOO}: Yahoo Finance daily, {@code Date,Open,High,Low,Close,Adj Close,Volume};</li>
 *   <li>{@link #BINANCE}: Binance klines, 12 columns {@code open_time,open,high,low,close,volume,
 *       close_time,...} with or without the header line, times in epoch ms (or us);</li>
 *   <li>{@link #YFINANCE}: yfinance's stacked download, {@code Date,Ticker,Open,...} (one row per
 *       ticker and day): the long form with {@code Ticker} as the symbol; or its multi-level
 *       download ({@code Price,Close,Close,...} / {@code Ticker,AAPL,MSFT,...} / {@code Date,,,...},
 *       either level first, 2 or 3 header lines; one bar per ticker per row, see
 *       {@link MultiLevelHeader}), which {@link #AUTO} recognises too;</li>
 *   <li>{@link #LONG}: vectrade's long form {@code symbol,timestamp,open,high,low,close,volume}.</li>
 * </ul>
 */
public enum ColumnPreset {
    AUTO, YAHOO, BINANCE, YFINANCE, LONG;

    /** Binance's kline columns, in file order, for files without a header line. */
    public static final List<String> BINANCE_KLINE_COLUMNS = List.of("open_time", "open", "high", "low", "close",
            "volume", "close_time", "quote_volume", "count", "taker_buy_volume", "taker_buy_quote_volume", "ignore");

    /** From {@code auto|yahoo|binance|yfinance|long} (case-insensitive). */
    public static ColumnPreset parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown data format, format=" + text + "; valid: auto, yahoo, binance, yfinance, long");
        }
    }

    /** Whether the layout has a symbol column (several instruments in one file). */
    boolean requiresSymbol() {
        return this == YFINANCE || this == LONG;
    }

    /** Whether a file may start with data instead of a header line. */
    boolean allowsHeaderless() {
        return this == AUTO || this == BINANCE;
    }

    /** Lower-case name, as on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
