package io.vectrade.signal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The frame's sparse form (per bar, the non-flat cells) against its dense form, both ways. */
class SignalFrameSparseTest {

    /**
     * The sparse form of every bar against a scan of a dense frame (raw bits): the non-flat cells in
     * instrument order.
     */
    static void assertSparseMatchesDense(SignalFrame sparse, SignalFrame dense) {
        int n = dense.instruments();
        byte[] side = dense.side();
        double[] strength = dense.strength();
        double[] weight = dense.weight();
        for (int t = 0; t < dense.bars(); t++) {
            int c = sparse.nonFlat(t);
            int e = sparse.entryStart(t);
            int k = 0;
            for (int i = 0; i < n; i++) {
                int r = t * n + i;
                if (side[r] == SignalFrame.FLAT) {
                    continue;
                }
                assertThat(k).as("bar %d has more non-flat cells than entries", t).isLessThan(c);
                assertThat(sparse.entryInstruments()[e + k]).as("bar %d entry %d", t, k).isEqualTo(i);
                assertThat(sparse.entrySides()[e + k]).isEqualTo(side[r]);
                assertThat(Double.doubleToRawLongBits(sparse.entryStrengths()[e + k]))
                        .isEqualTo(Double.doubleToRawLongBits(strength[r]));
                assertThat(Double.doubleToRawLongBits(sparse.entryWeights()[e + k]))
                        .isEqualTo(Double.doubleToRawLongBits(weight[r]));
                k++;
            }
            assertThat(k).as("non-flat cells of bar %d", t).isEqualTo(c);
        }
    }

    /** rank(top=1,bottom=1) on 2 bars × 3 instruments, the entries worked out by hand. */
    @Test
    void handWorkedEntries() {
        double[] scores = {
                0.5, 0.9, 0.1,               // long 1, short 2: m = 3, strengths (3-1-0)/2 = 1 and 1 - 0/2 = 1
                Double.NaN, 0.3, 0.3};       // m = 2, a tie: the lower instrument ranks higher, so long 1, short 2
        SignalFrame f = SignalFrame.allocate(2, 3);
        BarwiseChain.of(SignalChain.parse("rank(top=1,bottom=1)")).apply(scores, null, 0, 2, f);
        for (int t = 0; t < 2; t++) {
            assertThat(f.nonFlat(t)).isEqualTo(2);
            int e = f.entryStart(t);
            assertThat(f.entryInstruments()[e]).isEqualTo(1);
            assertThat(f.entrySides()[e]).isEqualTo(SignalFrame.LONG);
            assertThat(f.entryStrengths()[e]).isEqualTo(1.0);
            assertThat(f.entryWeights()[e]).isEqualTo(1.0);
            assertThat(f.entryInstruments()[e + 1]).isEqualTo(2);
            assertThat(f.entrySides()[e + 1]).isEqualTo(SignalFrame.SHORT);
            assertThat(f.entryStrengths()[e + 1]).isEqualTo(1.0);
            assertThat(f.entryWeights()[e + 1]).isEqualTo(-1.0);
            assertThat(f.side(t, 0)).isEqualTo(SignalFrame.FLAT);
            assertThat(f.weight(t, 0)).isEqualTo(0.0);
        }
        assertThat(f.nonFlat(0, 2)).isEqualTo(4);
        assertThat(f.side()).containsExactly(0, 1, -1, 0, 1, -1);
        assertThat(f.weight()).containsExactly(0, 1, -1, 0, 1, -1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "rank(quantile=0.1) | voltarget(target=0.1) | caps(max=0.05,gross=1); 120; 400",
            "rank(quantile=0.25) | caps(gross=0.5) | voltarget(target=0.2); 80; 97",
            "rank(top=5,bottom=3) | caps(gross=1,net=0.05); 60; 33",
    })
    void theFusedChainsSparseFormIsTheReferencesNonFlatCells(String policy, int bars, int n) {
        double[][] in = BarwiseChainTest.inputs(policy.hashCode(), bars, n, 0.05);
        SignalFrame want = SignalFrame.allocate(bars, n);
        SignalChain.parse(policy).apply(in[0], in[1], want);
        SignalFrame got = SignalFrame.allocate(bars, n);
        BarwiseChain.of(SignalChain.parse(policy)).apply(in[0], in[1], 0, bars, got);
        // the one-cell getters read the sparse form and change nothing
        for (int t = 0; t < bars; t += 7) {
            for (int i = 0; i < n; i++) {
                assertThat(got.side(t, i)).isEqualTo(want.side(t, i));
                assertThat(Double.doubleToRawLongBits(got.weight(t, i))).isEqualTo(Double.doubleToRawLongBits(want.weight(t, i)));
                assertThat(Double.doubleToRawLongBits(got.strength(t, i)))
                        .isEqualTo(Double.doubleToRawLongBits(want.strength(t, i)));
            }
        }
        assertSparseMatchesDense(got, want);  // the sparse form as written
        assertSparseMatchesDense(want, want); // the reference's sparse form, rebuilt from its dense rows
        BarwiseChainTest.assertSameBits(got, want); // the dense view made from the sparse form
        assertSparseMatchesDense(got, want);  // and the sparse form again, now rebuilt from that view
    }

    /** Dense writes after a sparse write show in the sparse form, and the next sparse write shows in the dense view. */
    @Test
    void formsFollowTheLastWrite() {
        int bars = 30;
        int n = 50;
        String policy = "rank(quantile=0.1) | voltarget(target=0.1) | caps(max=0.05,gross=1)";
        double[][] in = BarwiseChainTest.inputs(3, bars, n, 0.0);
        BarwiseChain fused = BarwiseChain.of(SignalChain.parse(policy));
        SignalFrame f = SignalFrame.allocate(bars, n);
        fused.apply(in[0], in[1], 0, bars, f);
        int before = f.nonFlat(4);
        byte[] side = f.side();
        double[] weight = f.weight();
        side[4 * n + 49] = SignalFrame.LONG;  // instrument 49 at bar 4, after whatever was there
        weight[4 * n + 49] = 0.25;
        side[4 * n] = SignalFrame.FLAT;
        weight[4 * n] = 0;
        f.strength()[4 * n] = 0;
        SignalFrame copy = denseCopy(f);
        assertSparseMatchesDense(f, copy);
        assertThat(f.weight(4, 49)).isEqualTo(0.25);
        assertThat(f.nonFlat(4)).isBetween(before - 1, before + 1);
        // a sparse read of bar 5, then a dense write to it: the next sparse read sees the write
        int five = f.nonFlat(5);
        int firstFlat = 0;
        while (f.side(5, firstFlat) != SignalFrame.FLAT) {
            firstFlat++;
        }
        f.side()[5 * n + firstFlat] = SignalFrame.SHORT;
        f.weight()[5 * n + firstFlat] = -0.125;
        assertThat(f.nonFlat(5)).isEqualTo(five + 1);
        assertThat(f.weight(5, firstFlat)).isEqualTo(-0.125);
        assertSparseMatchesDense(f, denseCopy(f));
        // the next fused run overwrites bar 4 in the sparse form; the dense view follows when fetched again
        fused.apply(in[0], in[1], 0, bars, f);
        SignalFrame want = SignalFrame.allocate(bars, n);
        SignalChain.parse(policy).apply(in[0], in[1], want);
        BarwiseChainTest.assertSameBits(f, want);
    }

    @Test
    void reservingMoreRoomKeepsTheEntries() {
        SignalFrame f = SignalFrame.allocate(3, 10);
        double[] scores = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5};
        BarwiseChain.of(SignalChain.parse("rank(top=1,bottom=1)")).apply(scores, null, 0, 3, f);
        SignalFrame want = denseCopy(f);
        f.reserveEntries(10);
        assertSparseMatchesDense(f, want);
        assertThat(f.nonFlat(0)).isEqualTo(2);
        assertThat(f.entryInstruments()[f.entryStart(2)]).as("the tie's long: the lowest instrument").isEqualTo(0);
        assertThat(f.entryInstruments()[f.entryStart(2) + 1]).as("and its short: the highest").isEqualTo(9);
        assertThatExceptionOfType(IndexOutOfBoundsException.class).isThrownBy(() -> f.nonFlat(3));
        assertThatExceptionOfType(IndexOutOfBoundsException.class).isThrownBy(() -> f.side(0, 10));
    }

    /** A dense-only copy of f's cells (made through f's dense view). */
    private static SignalFrame denseCopy(SignalFrame f) {
        SignalFrame c = SignalFrame.allocate(f.bars(), f.instruments());
        System.arraycopy(f.side(), 0, c.side(), 0, f.side().length);
        System.arraycopy(f.strength(), 0, c.strength(), 0, f.strength().length);
        System.arraycopy(f.weight(), 0, c.weight(), 0, f.weight().length);
        return c;
    }
}
