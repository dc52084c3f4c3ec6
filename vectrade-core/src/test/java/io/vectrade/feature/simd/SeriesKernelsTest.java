package io.vectrade.feature.simd;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one-series kernels against plain scalar recurrences written out here (TA-Lib's definitions:
 * EMA seeded with the SMA of the first n, Wilder's RSI seeded with the mean gain and loss of the
 * first n changes; volatility as two passes over each window of Math.log returns), at every length
 * around the vector width and around volatility's chunk edges so that each tail is exercised; the
 * vector validity check against its scalar definition; and every kernel's own check of the closes
 * it reads (an invalid close at every position makes it return false).
 */
class SeriesKernelsTest {

    private static double[] walk(long seed, int len) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] c = new double[len];
        double x = 50 + 100 * r.nextDouble();
        for (int t = 0; t < len; t++) {
            x *= Math.exp(0.02 * (r.nextDouble() - 0.5));
            // some flat bars: zero changes, the RSI's 0/0 guard
            c[t] = r.nextInt(8) == 0 && t > 0 ? c[t - 1] : x;
        }
        return c;
    }

    private static void assertClose(double[] got, double[] want, int len, double relative) {
        double scale = 0;
        for (int t = 0; t < len; t++) {
            if (!Double.isNaN(want[t])) {
                scale = Math.max(scale, Math.abs(want[t]));
            }
        }
        for (int t = 0; t < len; t++) {
            if (Double.isNaN(want[t])) {
                assertThat(got[t]).as("t=%d", t).isNaN();
            } else {
                assertThat(Math.abs(got[t] - want[t])).as("t=%d got=%s want=%s", t, got[t], want[t])
                        .isLessThanOrEqualTo(relative * scale);
            }
        }
    }

    @ParameterizedTest(name = "n={0}")
    @CsvSource({"2", "3", "14", "20"})
    void emaEqualsTheScalarRecurrenceAtEveryLength(int n) {
        for (int len = 0; len < n + 4 * SeriesKernelsTestLanes.L + 3; len++) {
            double[] c = walk(len * 31L + n, len + 5);
            int off = 5;
            double[] want = new double[len];
            Arrays.fill(want, Double.NaN);
            if (len >= n) {
                double s = 0;
                for (int t = 0; t < n; t++) {
                    s += c[off + t];
                }
                double e = s / n;
                want[n - 1] = e;
                double k = 2.0 / (n + 1);
                for (int t = n; t < len; t++) {
                    e = (c[off + t] - e) * k + e;
                    want[t] = e;
                }
            }
            double[] got = new double[len];
            assertThat(SeriesKernels.ema(c, off, len, n, got)).isTrue();
            assertClose(got, want, len, 1e-13);
        }
    }

    @ParameterizedTest(name = "n={0}")
    @CsvSource({"2", "3", "14", "20"})
    void rsiEqualsTheScalarRecurrenceAtEveryLength(int n) {
        for (int len = 0; len < n + 4 * SeriesKernelsTestLanes.L + 3; len++) {
            double[] c = walk(len * 17L + n, len + 3);
            int off = 3;
            double[] want = new double[len];
            Arrays.fill(want, Double.NaN);
            if (len > n) {
                double gain = 0;
                double loss = 0;
                for (int t = 1; t <= n; t++) {
                    double d = c[off + t] - c[off + t - 1];
                    gain += Math.max(d, 0);
                    loss += Math.max(-d, 0);
                }
                gain /= n;
                loss /= n;
                want[n] = gain + loss < 1e-8 ? 0 : 100 * gain / (gain + loss);
                for (int t = n + 1; t < len; t++) {
                    double d = c[off + t] - c[off + t - 1];
                    gain = (gain * (n - 1) + Math.max(d, 0)) / n;
                    loss = (loss * (n - 1) + Math.max(-d, 0)) / n;
                    want[t] = gain + loss < 1e-8 ? 0 : 100 * gain / (gain + loss);
                }
            }
            double[] got = new double[len];
            assertThat(SeriesKernels.rsi(c, off, len, n, got, new double[len])).isTrue();
            assertClose(got, want, len, 1e-12);
        }
    }

    /**
     * Lengths that exercise volatility's vector tails and chunk edges: every length up to a few
     * vectors past n, and around the first two chunk boundaries (the windows of bars [n, n + CHUNK)
     * form the first chunk).
     */
    private static int[] volatilityLengths(int n) {
        java.util.List<Integer> lens = new java.util.ArrayList<>();
        for (int len = 0; len < n + 3 * SeriesKernelsTestLanes.L + 3; len++) {
            lens.add(len);
        }
        for (int edge : new int[] {n + SeriesKernels.CHUNK, n + 2 * SeriesKernels.CHUNK}) {
            for (int d = -SeriesKernelsTestLanes.L - 1; d <= SeriesKernelsTestLanes.L + 1; d += 3) {
                lens.add(edge + d);
            }
        }
        return lens.stream().mapToInt(Integer::intValue).toArray();
    }

    @ParameterizedTest(name = "n={0}")
    @CsvSource({"2", "3", "20", "45"})
    void volatilityEqualsTwoPassWindowsAtEveryLengthAndChunkEdge(int n) {
        for (int len : volatilityLengths(n)) {
            int off = 4;
            double[] c = walk(len * 13L + n, len + off);
            // across the first chunk edge: a flat stretch (returns exactly 0), then closes doubling
            // (returns exactly ln 2): windows of n identical returns, which must be exactly 0
            int edge = off + n + SeriesKernels.CHUNK;
            for (int t = edge - n - 3; t < Math.min(len + off, edge + 2 * n + 6); t++) {
                if (t > off) {
                    c[t] = t < edge + 2 ? c[t - 1] : 2.0 * c[t - 1];
                }
            }
            double[] r = new double[len];
            for (int t = 1; t < len; t++) {
                r[t] = Math.log(c[off + t] / c[off + t - 1]);
            }
            double[] got = new double[len];
            assertThat(SeriesKernels.volatility(c, off, len, n, got, new double[len])).isTrue();
            for (int t = 0; t < len; t++) {
                if (t < n) {
                    assertThat(got[t]).as("len=%d t=%d", len, t).isNaN();
                    continue;
                }
                double sum = 0;
                double largest = 0;
                boolean flat = true;
                for (int j = t - n + 1; j <= t; j++) {
                    sum += r[j];
                    largest = Math.max(largest, Math.abs(r[j]));
                    flat &= r[j] == r[t];
                }
                double mean = sum / n;
                double squares = 0;
                for (int j = t - n + 1; j <= t; j++) {
                    squares += (r[j] - mean) * (r[j] - mean);
                }
                double want = flat ? 0.0 : Math.sqrt(squares / (n - 1));
                if (flat) {
                    assertThat(Double.doubleToRawLongBits(got[t])).as("len=%d t=%d flat window", len, t).isZero();
                } else {
                    // the vector LOG and Math.log differ by an ulp of a return at most
                    assertThat(Math.abs(got[t] - want)).as("len=%d t=%d got=%s want=%s", len, t, got[t], want)
                            .isLessThanOrEqualTo(1e-12 * want + 1e-14 * largest);
                }
            }
        }
    }

    /** One kernel over {@code c[off, off + len)}, returning its own check of the closes. */
    private interface Kernel {
        boolean run(double[] c, int off, int len, double[] o, double[] scratch);
    }

    private static Kernel kernel(String name, int n) {
        return switch (name) {
            case "ema" -> (c, off, len, o, r) -> SeriesKernels.ema(c, off, len, n, o);
            case "rsi" -> (c, off, len, o, r) -> SeriesKernels.rsi(c, off, len, n, o, r);
            case "volatility" -> (c, off, len, o, r) -> SeriesKernels.volatility(c, off, len, n, o, r);
            case "momentum" -> (c, off, len, o, r) -> SeriesKernels.momentum(c, off, len, n, o);
            default -> (c, off, len, o, r) -> SeriesKernels.logReturns(c, off, len, n, o);
        };
    }

    /**
     * Each kernel checks every close of {@code c[off, off + len)} in its own pass: true on a valid
     * series, false with one NaN, zero, -0.0, negative or infinite close at any position (every
     * position for short series; the ends, the chunk edges and the middle of long ones), whatever
     * the values just outside the range.
     */
    @ParameterizedTest(name = "{0}({1})")
    @CsvSource({"ema, 2", "ema, 20", "rsi, 2", "rsi, 14", "volatility, 2", "volatility, 20", "momentum, 1",
        "momentum, 10", "logret, 1", "logret, 5"})
    void everyKernelChecksEveryClose(String name, int n) {
        Kernel k = kernel(name, n);
        double[] bad = {Double.NaN, 0.0, -0.0, -1.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        java.util.List<Integer> lens = new java.util.ArrayList<>();
        for (int len = 0; len < 2 * n + 3 * SeriesKernelsTestLanes.L + 3; len++) {
            lens.add(len);
        }
        lens.add(n + 2 * SeriesKernels.CHUNK + 5);
        int off = 3;
        for (int len : lens) {
            double[] c = walk(len * 7L + n, len + off + 2);
            // invalid values just outside the range: never read as closes of the series
            c[off - 1] = Double.NaN;
            c[off + len] = -1.0;
            double[] o = new double[len];
            double[] scratch = new double[len];
            assertThat(k.run(c, off, len, o, scratch)).as("len=%d valid", len).isTrue();
            java.util.SortedSet<Integer> at = new java.util.TreeSet<>();
            if (len < 100) {
                for (int p = 0; p < len; p++) {
                    at.add(p);
                }
            } else {
                for (int p : new int[] {0, 1, n - 1, n, n + 1, len / 2, n + SeriesKernels.CHUNK - 1, n + SeriesKernels.CHUNK,
                    len - SeriesKernelsTestLanes.L - 1, len - 2, len - 1}) {
                    at.add(p);
                }
            }
            for (int p : at) {
                for (double b : bad) {
                    double keep = c[off + p];
                    c[off + p] = b;
                    assertThat(k.run(c, off, len, o, scratch)).as("len=%d at=%d value=%s", len, p, b).isFalse();
                    c[off + p] = keep;
                }
            }
        }
    }

    @Test
    void validClosesMeansPositiveAndFiniteEverywhere() {
        double[] bad = {Double.NaN, 0.0, -0.0, -1.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int len = 0; len <= 3 * SeriesKernelsTestLanes.L + 2; len++) {
            for (int stride : new int[] {1, 3}) {
                int off = 2;
                double[] c = new double[off + Math.max(1, len) * stride];
                Arrays.fill(c, -7.0);  // between the strided values: never read
                for (int t = 0; t < len; t++) {
                    c[off + t * stride] = t == 0 ? Double.MIN_VALUE : Double.MAX_VALUE / (t + 1);
                }
                assertThat(SeriesKernels.validCloses(c, off, stride, len)).as("len=%d stride=%d", len, stride).isTrue();
                for (int at = 0; at < len; at++) {
                    for (double b : bad) {
                        double keep = c[off + at * stride];
                        c[off + at * stride] = b;
                        assertThat(SeriesKernels.validCloses(c, off, stride, len))
                                .as("len=%d stride=%d at=%d value=%s", len, stride, at, b).isFalse();
                        c[off + at * stride] = keep;
                    }
                }
            }
        }
    }
}

/** The lane count the kernels run with. */
final class SeriesKernelsTestLanes {
    static final int L = jdk.incubator.vector.DoubleVector.SPECIES_PREFERRED.length();

    private SeriesKernelsTestLanes() {
    }
}
