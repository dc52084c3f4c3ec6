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
 * first n changes), at every length around the vector width so that each tail is exercised; and
 * the vector validity check against its scalar definition.
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
            SeriesKernels.ema(c, off, len, n, got);
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
            SeriesKernels.rsi(c, off, len, n, got, new double[len]);
            assertClose(got, want, len, 1e-12);
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
