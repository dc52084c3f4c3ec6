package io.vectrade.signal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SignalPolicyTest {

    @Test
    void hysteresisMatchesAHandWorkedSequence() {
        SignalChain c = SignalChain.parse("threshold(long=0.6,exit=0.5,short=0.4,cover=0.45)");
        double[] s = {0.55, 0.61, 0.55, 0.49, 0.42, 0.39, 0.44, 0.46, Double.NaN, 0.7, 0.3, 0.65};
        // flat(0.55 below long) long(>0.6) long(0.55 ≥ exit) flat(<0.5) flat(0.42 ≥ short) short(<0.4)
        // short(0.44 ≤ cover) flat(>0.45) flat(NaN holds flat) long short(direct, <0.4) long(direct, >0.6)
        byte[] want = {0, 1, 1, 0, 0, -1, -1, 0, 0, 1, -1, 1};
        SignalFrame f = SignalFrame.allocate(s.length, 1);
        c.apply(s, null, f);
        assertThat(f.side()).containsExactly(want);
        // strength: (0.61-0.5)/(0.6-0.5) = 1.1 → 1; (0.55-0.5)/0.1 = 0.5; short at 0.44: (0.45-0.44)/(0.45-0.4) = 0.2
        assertThat(f.strength(1, 0)).isEqualTo(1.0);
        assertThat(f.strength(2, 0)).isCloseTo(0.5, within(1e-12));
        assertThat(f.strength(6, 0)).isCloseTo(0.2, within(1e-12));
        assertThat(f.weight(5, 0)).isEqualTo(-1.0);
        assertThat(f.weight(3, 0)).isEqualTo(0.0);
        // a held position across a NaN bar
        SignalFrame g = SignalFrame.allocate(3, 1);
        c.reset();
        c.apply(new double[] {0.7, Double.NaN, 0.55}, null, g);
        assertThat(g.side()).containsExactly(1, 1, 1);
        assertThat(g.strength(1, 0)).isZero();
    }

    @Test
    void barByBarEqualsBatch() {
        SplittableRandom rnd = new SplittableRandom(3);
        int bars = 200;
        int n = 7;
        double[] s = new double[bars * n];
        for (int k = 0; k < s.length; k++) {
            s[k] = rnd.nextDouble() < 0.05 ? Double.NaN : rnd.nextDouble();
        }
        SignalFrame batch = SignalFrame.allocate(bars, n);
        SignalChain.parse("threshold | caps(gross=2)").apply(s, null, batch);
        SignalFrame live = SignalFrame.allocate(bars, n);
        SignalChain c = SignalChain.parse("threshold | caps(gross=2)");
        for (int t = 0; t < bars; t++) {
            c.apply(s, null, t, t + 1, live);
        }
        assertThat(live.side()).isEqualTo(batch.side());
        assertThat(live.weight()).isEqualTo(batch.weight());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void rankPicksExactlyKPerSideAmongFiniteScores(int seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 5 + rnd.nextInt(60);
        int bars = 30;
        int top = 1 + rnd.nextInt(5);
        int bottom = rnd.nextInt(5);
        double[] s = new double[bars * n];
        for (int k = 0; k < s.length; k++) {
            double u = rnd.nextDouble();
            // coarse values so ties are common; some NaN / inf
            s[k] = u < 0.1 ? Double.NaN : u < 0.12 ? Double.POSITIVE_INFINITY : Math.floor(rnd.nextDouble() * 8);
        }
        SignalFrame f = SignalFrame.allocate(bars, n);
        SignalChain.parse("rank(top=" + top + ",bottom=" + bottom + ")").apply(s, null, f);
        for (int t = 0; t < bars; t++) {
            List<Integer> finite = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (Double.isFinite(s[t * n + i])) {
                    finite.add(i);
                }
            }
            int row = t * n;
            // independent order: best first = score descending, then lower index first
            List<Integer> best = new ArrayList<>(finite);
            best.sort(Comparator.comparingDouble((Integer i) -> -s[row + i]).thenComparingInt(i -> i));
            int m = finite.size();
            int kl = top;
            int ks = bottom;
            if (m < top + bottom) {
                ks = Math.min(bottom, m / 2);
                kl = Math.min(top, m - ks);
            }
            List<Integer> longs = new ArrayList<>();
            List<Integer> shorts = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (f.side(t, i) == SignalFrame.LONG) {
                    longs.add(i);
                    assertThat(f.weight(t, i)).isCloseTo(1.0 / kl, within(1e-15));
                } else if (f.side(t, i) == SignalFrame.SHORT) {
                    shorts.add(i);
                    assertThat(f.weight(t, i)).isCloseTo(-1.0 / ks, within(1e-15));
                } else {
                    assertThat(f.weight(t, i)).isZero();
                }
            }
            if (m >= top + bottom) {
                assertThat(longs).hasSize(top);
                assertThat(shorts).hasSize(bottom);
            }
            assertThat(longs).containsExactlyInAnyOrderElementsOf(best.subList(0, kl));
            assertThat(shorts).containsExactlyInAnyOrderElementsOf(best.subList(m - ks, m));
            assertStrengthsFollowTheOrder(f, t, best);
        }
    }

    /** Strength = rank / (m − 1) for a long (1 = the best), 1 − rank / (m − 1) for a short, rank ascending. */
    private static void assertStrengthsFollowTheOrder(SignalFrame f, int t, List<Integer> best) {
        int m = best.size();
        for (int pos = 0; pos < m; pos++) {
            int i = best.get(pos);
            int rank = m - 1 - pos;
            double expected = f.side(t, i) == SignalFrame.LONG ? (m > 1 ? rank / (double) (m - 1) : 1)
                    : f.side(t, i) == SignalFrame.SHORT ? (m > 1 ? 1 - rank / (double) (m - 1) : 1) : Double.NaN;
            if (!Double.isNaN(expected)) {
                assertThat(f.strength(t, i)).as("t=%d i=%d", t, i).isEqualTo(expected);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {11, 12, 13})
    void rankQuantileOnWideBarsMatchesAnIndependentSort(int seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 800 + rnd.nextInt(700);
        int bars = 6;
        double[] s = new double[bars * n];
        for (int k = 0; k < s.length; k++) {
            double u = rnd.nextDouble();
            // every third bar coarse (many ties), the others continuous; a few NaN
            s[k] = u < 0.05 ? Double.NaN : (k / n) % 3 == 0 ? Math.floor(rnd.nextDouble() * 20) : rnd.nextGaussian();
        }
        SignalFrame f = SignalFrame.allocate(bars, n);
        SignalChain.parse("rank(quantile=0.1)").apply(s, null, f);
        for (int t = 0; t < bars; t++) {
            int row = t * n;
            List<Integer> best = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (Double.isFinite(s[row + i])) {
                    best.add(i);
                }
            }
            best.sort(Comparator.comparingDouble((Integer i) -> -s[row + i]).thenComparingInt(i -> i));
            int m = best.size();
            int k = (int) Math.floor(0.1 * m);
            for (int pos = 0; pos < m; pos++) {
                byte expected = pos < k ? SignalFrame.LONG : pos >= m - k ? SignalFrame.SHORT : SignalFrame.FLAT;
                assertThat(f.side(t, best.get(pos))).as("t=%d pos=%d", t, pos).isEqualTo(expected);
            }
            assertStrengthsFollowTheOrder(f, t, best);
        }
    }

    @Test
    void rankTiesAndStrengthAreHandWorked() {
        // scores of 5 instruments; 2 and 4 tie at 3.0: the lower index (2) ranks higher
        double[] s = {1.0, 5.0, 3.0, Double.NaN, 3.0};
        SignalFrame f = SignalFrame.allocate(1, 5);
        SignalChain.parse("rank(top=2,bottom=1)").apply(s, null, f);
        assertThat(f.side()).containsExactly(-1, 1, 1, 0, 0);
        // ascending order: 0 (1.0), 4 (3.0), 2 (3.0), 1 (5.0): ranks 0..3, m = 4
        assertThat(f.strength(0, 1)).isEqualTo(1.0);
        assertThat(f.strength(0, 2)).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(f.strength(0, 0)).isEqualTo(1.0);
        assertThat(f.weight(0, 1)).isEqualTo(0.5);
        assertThat(f.weight(0, 0)).isEqualTo(-1.0);
        // quantile: floor(0.25 * 4) = 1 per side
        SignalChain.parse("rank(quantile=0.25)").apply(s, null, f);
        assertThat(f.side()).containsExactly(-1, 1, 0, 0, 0);
    }

    @Test
    void volTargetingIsHandWorked() {
        // weights from threshold: size 0.5; vol per bar 0.01 and 0.02 daily; target 0.2 annual over 252 periods
        double[] s = {0.9, 0.1, 0.9, 0.9};
        double[] vol = {0.01, 0.02, Double.NaN, 0.0};
        SignalFrame f = SignalFrame.allocate(1, 4);
        SignalChain.parse("threshold(size=0.5) | voltarget(target=0.2,periods=252)").apply(s, vol, f);
        double ann1 = 0.01 * Math.sqrt(252);
        assertThat(f.weight(0, 0)).isCloseTo(0.5 * 0.2 / ann1, within(1e-12));
        assertThat(f.weight(0, 1)).isCloseTo(-0.5 * 0.2 / (0.02 * Math.sqrt(252)), within(1e-12));
        assertThat(f.side(0, 2)).isEqualTo(SignalFrame.FLAT);
        assertThat(f.weight(0, 3)).isZero();
        // periods=1: weight * target / vol directly
        SignalChain.parse("threshold(size=1) | voltarget(target=0.02,periods=1)").apply(s, vol, f);
        assertThat(f.weight(0, 0)).isCloseTo(2.0, within(1e-12));
        assertThat(f.weight(0, 1)).isCloseTo(-1.0, within(1e-12));
        assertThatThrownBy(() -> SignalChain.parse("rank(top=1) | voltarget").apply(s, null, f))
                .hasMessageContaining("needs the volatility feature");
    }

    @Test
    void capsAreHandWorked() {
        // weights 0.5, 0.3, 0.1, -0.2 → max 0.4: 0.4, 0.3, 0.1, -0.2 (gross 1.0, net 0.6)
        // gross 0.5: × 0.5 → 0.2, 0.15, 0.05, -0.1 (net 0.3); net 0.1: longs × (0.1 + 0.1)/0.4 = 0.5
        double[] w = {0.5, 0.3, 0.1, -0.2};
        SignalFrame f = SignalFrame.allocate(1, 4);
        System.arraycopy(w, 0, f.weight(), 0, 4);
        new CapsPolicy(0.4, 0.5, 0.1).apply(new double[4], null, 0, 1, f);
        assertThat(f.weight()[0]).isCloseTo(0.1, within(1e-15));
        assertThat(f.weight()[1]).isCloseTo(0.075, within(1e-15));
        assertThat(f.weight()[2]).isCloseTo(0.025, within(1e-15));
        assertThat(f.weight()[3]).isCloseTo(-0.1, within(1e-15));
        // net 0 with only longs: everything flat
        SignalFrame g = SignalFrame.allocate(1, 2);
        SignalChain.parse("rank(top=2) | caps(net=0)").apply(new double[] {1, 2}, null, g);
        assertThat(g.side()).containsExactly(0, 0);
        assertThat(g.weight()).containsExactly(0.0, 0.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "rank(top=10,bottom=10) | voltarget(target=0.1) | caps(max=0.05,gross=1,net=0.2)",
            "rank(top=30,bottom=3) | voltarget(target=0.4) | caps(max=0.2,gross=1.5,net=0)",
            "threshold(long=0.6,exit=0.5,short=0.4,cover=0.5,size=0.3) | caps(max=0.1,gross=0.8,net=0.3)",
            "threshold(short=none) | voltarget(target=0.15) | caps(gross=2,net=0.5)",
            "rank(quantile=0.2) | caps(max=0.04)"})
    void capsHoldOnEveryBar(String policy) {
        for (int seed = 0; seed < 10; seed++) {
            SplittableRandom rnd = new SplittableRandom(seed);
            int n = 10 + rnd.nextInt(100);
            int bars = 40;
            double[] s = new double[bars * n];
            double[] vol = new double[bars * n];
            for (int k = 0; k < s.length; k++) {
                s[k] = rnd.nextDouble() < 0.05 ? Double.NaN : rnd.nextDouble();
                vol[k] = rnd.nextDouble() < 0.02 ? Double.NaN : rnd.nextDouble(0.002, 0.05);
            }
            SignalChain c = SignalChain.parse(policy);
            SignalFrame f = SignalFrame.allocate(bars, n);
            c.apply(s, vol, f);
            double max = cap(policy, "max");
            double gross = cap(policy, "gross");
            double net = cap(policy, "net");
            for (int t = 0; t < bars; t++) {
                double g = 0;
                double nt = 0;
                for (int i = 0; i < n; i++) {
                    double w = f.weight(t, i);
                    assertThat(Math.abs(w)).isLessThanOrEqualTo(max + 1e-12);
                    assertThat(Math.signum(w)).isEqualTo((double) f.side(t, i));
                    g += Math.abs(w);
                    nt += w;
                }
                assertThat(g).as("gross at bar %d", t).isLessThanOrEqualTo(gross + 1e-12);
                assertThat(Math.abs(nt)).as("net at bar %d", t).isLessThanOrEqualTo(net + 1e-12);
            }
        }
    }

    private static double cap(String policy, String key) {
        int c = policy.indexOf("caps(");
        for (String kv : policy.substring(c + 5, policy.indexOf(')', c)).split(",")) {
            String[] p = kv.split("=");
            if (p[0].strip().equals(key)) {
                return Double.parseDouble(p[1]);
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    @Test
    void parserIsStrictAndRoundTrips() {
        SignalChain c = SignalChain.parse(" RANK(top=10, bottom=10) |voltarget(target=0.1)| caps(max=0.05,gross=1,net=0.2) ");
        assertThat(c.spec()).isEqualTo("rank(top=10,bottom=10) | voltarget(target=0.1,periods=252) | caps(max=0.05,gross=1,net=0.2)");
        assertThat(SignalChain.parse(c.spec()).spec()).isEqualTo(c.spec());
        assertThat(c.needsVolatility()).isTrue();
        assertThat(SignalChain.parse("threshold(short=none)").spec()).isEqualTo("threshold(long=0.55,exit=0.5,short=-inf,cover=0.5,size=1)");
        assertThat(SignalChain.parse("rank").spec()).isEqualTo("rank(quantile=0.1)");
        assertThatThrownBy(() -> SignalChain.parse("momentum(3)")).hasMessageContaining("unknown signal stage, stage=momentum; valid stages:");
        assertThatThrownBy(() -> SignalChain.parse("rank(top=3,k=2)")).hasMessageContaining("unknown signal parameter, stage=rank parameter=k; valid: [bottom, quantile, top]");
        assertThatThrownBy(() -> SignalChain.parse("rank(top=2.5)")).hasMessageContaining("whole number >= 0, stage=rank parameter=top value=2.5");
        assertThatThrownBy(() -> SignalChain.parse("rank(top=x)")).hasMessageContaining("not a number, stage=rank parameter=top value='x'");
        assertThatThrownBy(() -> SignalChain.parse("caps(max=1) | rank")).hasMessageContaining("must start with threshold or rank");
        assertThatThrownBy(() -> SignalChain.parse("rank | threshold")).hasMessageContaining("only the first stage");
        assertThatThrownBy(() -> SignalChain.parse("rank || caps")).hasMessageContaining("empty stage");
        assertThatThrownBy(() -> SignalChain.parse("rank(top=1,top=2)")).hasMessageContaining("duplicate signal parameter");
        assertThatThrownBy(() -> SignalChain.parse("threshold(long=0.4,exit=0.5)")).hasMessageContaining("exit <= long");
        // nothing is dropped: unbalanced parentheses and trailing text are refused with their position
        assertThatThrownBy(() -> SignalChain.parse("rank(top=1 | caps(max=0.1)")).hasMessageContaining("unclosed '(' at position 5");
        assertThatThrownBy(() -> SignalChain.parse("rank(top=1)) | caps")).hasMessageContaining("unexpected ')' without a matching '(' at position 12");
        assertThatThrownBy(() -> SignalChain.parse("rank(top=1) x")).hasMessageContaining("unexpected text 'x' after the stage's ')' at position 13");
        assertThatThrownBy(() -> SignalChain.parse("rank((top=1))")).hasMessageContaining("unexpected '(' (one parameter list per stage) at position 6");
        assertThatThrownBy(() -> SignalChain.parse("rank x(top=1)")).hasMessageContaining("unexpected ' ' in the stage name 'rank x' at position 5");
        assertThatThrownBy(() -> SignalChain.parse("threshold(0.6)")).hasMessageContaining("signal parameter must be key=value");
        assertThatThrownBy(() -> SignalChain.parse("rank(top=1,quantile=0.1)")).hasMessageContaining("either top/bottom or quantile");
        assertThatThrownBy(() -> SignalChain.parse("caps(gross=0)")).hasMessageContaining("caps must be > 0");
        assertThatThrownBy(() -> SignalChain.parse("rank(top=1")).hasMessageContaining("unclosed '('");
        assertThatThrownBy(() -> SignalChain.parse("rank(top=1)").apply(new double[3], null, SignalFrame.allocate(1, 2)))
                .hasMessageContaining("scores length must be bars*instruments, length=3 expected=2");
    }
}
