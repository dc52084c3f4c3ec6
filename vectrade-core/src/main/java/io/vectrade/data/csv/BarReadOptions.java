package io.vectrade.data.csv;

import io.vectrade.data.Timestamps;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How bar files are read: the column layout ({@link ColumnPreset} and explicit {@code columns}
 * renames), whether a Yahoo-style adjusted close adjusts the prices, the symbol of a
 * single-instrument file, the epoch unit and zone of timestamps, what to do with a bad row, and
 * where one-line notices go (ignored columns, skipped rows). Immutable.
 *
 * @param preset    the layout; {@link ColumnPreset#AUTO} recognises the common ones by their header
 * @param columns   logical column ({@code timestamp symbol open high low close volume adjclose})
 *                  to the header name that holds it, case-insensitive; empty for none
 * @param adjust    scale open, high, low by adjclose/close and use adjclose as the close (volume kept)
 * @param symbol    the symbol of a single-instrument file, or null for its file name
 * @param epochUnit unit of integer timestamps
 * @param zone      zone of naive date-times
 * @param badRows   fail on the first bad row, or skip bad rows (each a missing bar)
 * @param notices   receives one-line notices; never null
 */
public record BarReadOptions(ColumnPreset preset, Map<String, String> columns, boolean adjust, String symbol,
                             Timestamps.EpochUnit epochUnit, ZoneId zone, BadRowPolicy badRows, Consumer<String> notices) {
    /** What to do with a row that cannot be read or fails validation. */
    public enum BadRowPolicy {
        /** The file is refused at the first bad row, naming file, line and field. */
        FAIL,
        /** The row is left out (a missing bar, never a zero) and counted per file. */
        SKIP
    }

    /** The defaults: auto layout, no renames, unadjusted, file-name symbol, auto epoch unit, UTC, fail, notices dropped. */
    public static final BarReadOptions DEFAULTS = new BarReadOptions(ColumnPreset.AUTO, Map.of(), false, null,
            Timestamps.EpochUnit.AUTO, ZoneOffset.UTC, BadRowPolicy.FAIL, s -> { });

    public BarReadOptions {
        columns = Map.copyOf(columns);
        if (preset == null || epochUnit == null || zone == null || badRows == null || notices == null) {
            throw new IllegalArgumentException("bar read options must not be null");
        }
    }

    /** These options with notices sent to {@code sink}. */
    public BarReadOptions withNotices(Consumer<String> sink) {
        return new BarReadOptions(preset, columns, adjust, symbol, epochUnit, zone, badRows, sink);
    }

    /** These options with the symbol of a single-instrument file set. */
    public BarReadOptions withSymbol(String s) {
        return new BarReadOptions(preset, columns, adjust, s, epochUnit, zone, badRows, notices);
    }
}
