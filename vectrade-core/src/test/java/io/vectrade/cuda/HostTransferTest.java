package io.vectrade.cuda;

import io.vectrade.data.Panel;
import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link HostTransfer} against straightforward element loops written here: pack of dense panels and
 * of views (stride &gt; instruments), double and float, split over 1 to 5 tasks (small minimum task
 * sizes so that small panels are split), NaN detection limited to the view; unpack likewise. Host
 * buffers are shared-arena segments: the tasks run on pool threads, as with the driver's pinned memory
 * (a global-scope segment).
 */
class HostTransferTest {
    private static Panel randomPanel(long seed, int bars, int n, int nanAt) {
        Random r = new Random(seed);
        double[][] cols = new double[5][bars * n];
        for (double[] c : cols) {
            for (int k = 0; k < c.length; k++) {
                c[k] = 1 + r.nextDouble() * 1000;  // most doubles are not exact floats: conversion shows
            }
        }
        if (nanAt >= 0) {
            cols[3][nanAt] = Double.NaN;
        }
        long[] ts = new long[bars];
        for (int t = 0; t < bars; t++) {
            ts[t] = 1000L * (t + 1);
        }
        List<String> symbols = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            symbols.add("S" + i);
        }
        return Panel.of(symbols, ts, cols[0], cols[1], cols[2], cols[3], cols[4]);
    }

    @ParameterizedTest(name = "threads={0} minCells={1} float={2} view={3}")
    @CsvSource({
            "1, 1, false, false",
            "3, 7, false, false",
            "4, 1, true, false",
            "5, 16, true, true",
            "3, 1, false, true",
            "2, 100000, true, true",
    })
    void packsEveryCellOfTheViewInTimeMajorOrder(int threads, int minCells, boolean toFloat, boolean view) {
        Panel wide = randomPanel(threads * 31L + minCells, 53, 11, -1);
        Panel p = view ? wide.instruments(2, 6).bars(5, 40) : wide;
        int cells = p.bars() * p.instruments();
        int width = toFloat ? 4 : 8;
        try (Arena arena = Arena.ofShared(); HostTransfer tr = new HostTransfer(threads, minCells)) {
            MemorySegment host = arena.allocate((long) (cells + 3) * width, 8);
            host.fill((byte) 0x55);
            long offset = 3L * width;  // packs at an offset, as the engine packs column slots
            boolean nan = tr.pack(p, p.highColumn(), host, offset, toFloat, true);
            assertThat(nan).isFalse();
            for (int t = 0; t < p.bars(); t++) {
                for (int i = 0; i < p.instruments(); i++) {
                    long k = 3 + (long) t * p.instruments() + i;
                    double got = toFloat ? host.getAtIndex(JAVA_FLOAT, k) : host.getAtIndex(JAVA_DOUBLE, k);
                    double want = toFloat ? (float) p.high(t, i) : p.high(t, i);
                    assertThat(got).as("t=%d i=%d", t, i).isEqualTo(want);
                }
            }
            // the bytes before the offset are untouched
            assertThat(host.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 0)).isEqualTo((byte) 0x55);
        }
    }

    @ParameterizedTest(name = "threads={0} float={1}")
    @CsvSource({"1, false", "4, false", "4, true", "3, true"})
    void findsANaNCloseOnlyInsideTheViewAndOnlyWhenAsked(int threads, boolean toFloat) {
        int bars = 40;
        int n = 9;
        // NaN at bar 30, instrument 7: inside the whole panel, outside a view of instruments 0..4
        Panel wide = randomPanel(5, bars, n, 30 * n + 7);
        try (Arena arena = Arena.ofShared(); HostTransfer tr = new HostTransfer(threads, 1)) {
            MemorySegment host = arena.allocate((long) bars * n * 8, 8);
            assertThat(tr.pack(wide, wide.closeColumn(), host, 0, toFloat, true)).isTrue();
            assertThat(tr.pack(wide, wide.closeColumn(), host, 0, toFloat, false)).isFalse();
            assertThat(tr.pack(wide, wide.highColumn(), host, 0, toFloat, true)).isFalse();
            Panel view = wide.instruments(0, 5);
            assertThat(tr.pack(view, view.closeColumn(), host, 0, toFloat, true)).isFalse();
            Panel view2 = wide.instruments(6, 3).bars(29, 5);
            assertThat(tr.pack(view2, view2.closeColumn(), host, 0, toFloat, true)).isTrue();
            double got = toFloat ? host.getAtIndex(JAVA_FLOAT, 1 * 3 + 1) : host.getAtIndex(JAVA_DOUBLE, 1 * 3 + 1);
            assertThat(got).isNaN();
        }
    }

    @ParameterizedTest(name = "threads={0} minCells={1} float={2}")
    @CsvSource({"1, 1, false", "4, 5, false", "4, 1, true", "5, 64, true", "3, 1000000, false"})
    void unpacksEveryColumnIntoTheTable(int threads, int minCells, boolean fromFloat) {
        FeatureSet fs = FeatureSet.parse("rsi(14),macd(12,26,9),obv");
        int bars = 37;
        int n = 13;
        long cells = (long) bars * n;
        int width = fromFloat ? 4 : 8;
        Random r = new Random(threads * 7L + minCells);
        try (Arena arena = Arena.ofShared(); HostTransfer tr = new HostTransfer(threads, minCells)) {
            MemorySegment host = arena.allocate(fs.columns() * cells * width, 8);
            double[][] want = new double[fs.columns()][(int) cells];
            for (int c = 0; c < fs.columns(); c++) {
                for (int k = 0; k < cells; k++) {
                    double v = k % 17 == 0 ? Double.NaN : r.nextGaussian() * 100;
                    long at = c * cells + k;
                    if (fromFloat) {
                        host.setAtIndex(JAVA_FLOAT, at, (float) v);
                        want[c][k] = (float) v;
                    } else {
                        host.setAtIndex(JAVA_DOUBLE, at, v);
                        want[c][k] = v;
                    }
                }
            }
            FeatureTable out = FeatureTable.allocate(fs, bars, n);
            for (int run = 0; run < 2; run++) {  // the second call reuses tasks and scratch
                for (int c = 0; c < fs.columns(); c++) {
                    java.util.Arrays.fill(out.column(c), -1);
                }
                tr.unpack(host, out, cells, fromFloat);
                for (int c = 0; c < fs.columns(); c++) {
                    assertThat(out.column(c)).as("column %d run %d", c, run).isEqualTo(want[c]);
                }
            }
        }
    }

    @ParameterizedTest(name = "float={0}")
    @CsvSource({"false", "true"})
    void unpacksAColumnRangeAsynchronouslyThenTheRest(boolean fromFloat) {
        FeatureSet fs = FeatureSet.parse("rsi(14),macd(12,26,9),obv,ema(5)");
        int bars = 41;
        int n = 7;
        long cells = (long) bars * n;
        int width = fromFloat ? 4 : 8;
        try (Arena arena = Arena.ofShared(); HostTransfer tr = new HostTransfer(4, 8)) {
            MemorySegment host = arena.allocate(fs.columns() * cells * width, 8);
            for (long k = 0; k < fs.columns() * cells; k++) {
                if (fromFloat) {
                    host.setAtIndex(JAVA_FLOAT, k, k * 0.5f);
                } else {
                    host.setAtIndex(JAVA_DOUBLE, k, k * 0.25);
                }
            }
            FeatureTable out = FeatureTable.allocate(fs, bars, n);
            tr.unpackAsync(host, out, cells, fromFloat, 0, 2);
            assertThatThrownBy(() -> tr.unpack(host, out, cells, fromFloat, 2, 4))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("await");
            tr.await();
            assertThat(out.column(2)).containsOnly(0.0);  // the second range is not copied yet
            tr.unpack(host, out, cells, fromFloat, 2, fs.columns());
            for (int c = 0; c < fs.columns(); c++) {
                for (int k = 0; k < cells; k++) {
                    long at = c * cells + k;
                    double want = fromFloat ? at * 0.5f : at * 0.25;
                    assertThat(out.column(c)[k]).as("column %d cell %d", c, k).isEqualTo(want);
                }
            }
        }
    }

    @Test
    void largeColumnsSplitWithTheDefaultTaskSize() {
        // > MIN_CELLS_PER_TASK cells per task with 3 threads: the pool runs; chunks of CHUNK floats
        int bars = 1000;
        int n = 3 * HostTransfer.MIN_CELLS_PER_TASK / bars + 7;
        Panel p = randomPanel(99, bars, n, 777 * n + 3);
        long cells = (long) bars * n;
        try (Arena arena = Arena.ofShared(); HostTransfer tr = new HostTransfer(3)) {
            MemorySegment host = arena.allocate(cells * 4, 8);
            assertThat(tr.pack(p, p.closeColumn(), host, 0, true, true)).isTrue();
            float[] got = new float[(int) cells];
            float[] want = new float[(int) cells];
            for (int k = 0; k < cells; k++) {
                got[k] = host.getAtIndex(JAVA_FLOAT, k);
                want[k] = (float) p.closeColumn()[k];
            }
            assertThat(got).isEqualTo(want);  // Float.equals: NaN at the same cell
            assertThat(got[777 * n + 3]).isNaN();
        }
    }

    @Test
    void rejectsNoThreads() {
        assertThatIllegalArgumentException().isThrownBy(() -> new HostTransfer(0)).withMessageContaining("threads=0");
    }

    /** Plain columns (the pipeline's strength and weight): every value lands, split over 3 tasks. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void unpacksPlainColumns(boolean floats) {
        int cells = 1001;
        int width = floats ? 4 : 8;
        try (Arena arena = Arena.ofShared(); HostTransfer tr = new HostTransfer(3, 16)) {
            MemorySegment host = arena.allocate(2L * cells * width, 8);
            for (int k = 0; k < 2 * cells; k++) {
                double v = k * 0.5 - 300.25;
                if (floats) {
                    host.setAtIndex(java.lang.foreign.ValueLayout.JAVA_FLOAT, k, (float) v);
                } else {
                    host.setAtIndex(java.lang.foreign.ValueLayout.JAVA_DOUBLE, k, v);
                }
            }
            double[][] dst = {new double[cells], new double[cells]};
            tr.unpack(host, dst, 2, cells, floats);
            for (int c = 0; c < 2; c++) {
                for (int k = 0; k < cells; k++) {
                    org.assertj.core.api.Assertions.assertThat(dst[c][k]).as("column %d cell %d", c, k)
                            .isEqualTo((c * cells + k) * 0.5 - 300.25);
                }
            }
        }
    }
}
