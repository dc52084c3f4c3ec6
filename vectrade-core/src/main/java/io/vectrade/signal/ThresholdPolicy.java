package io.vectrade.signal;

/**
 * Threshold with hysteresis, a recurrence over time per instrument:
 * flat → long when {@code score > long}; long → flat when {@code score < exit};
 * flat → short when {@code score < short}; short → flat when {@code score > cover};
 * long → short directly when {@code score < short} (and short → long when {@code score > long}).
 * Shorts are off when {@code short} is {@code -inf} (written {@code short=none}).
 *
 * <p>Weight = side × {@code size}. Strength = how far the score sits beyond the held side's exit level, in
 * units of the entry–exit gap, clamped to [0, 1] (1 at entry, falling to 0 at the exit level); 0 when flat.
 * A NaN score holds the previous state (a missing bar does not trade) with strength 0. Every instrument
 * starts flat; state carries across calls until {@link #reset()}.
 */
final class ThresholdPolicy implements SignalPolicy {
    private final double longEntry;
    private final double exit;
    private final double shortEntry;
    private final double cover;
    private final double size;
    private byte[] state = new byte[0];

    ThresholdPolicy(double longEntry, double exit, double shortEntry, double cover, double size) {
        if (!(exit <= longEntry) || !(shortEntry <= cover)) {
            throw new IllegalArgumentException("threshold needs exit <= long and short <= cover, long=" + longEntry
                    + " exit=" + exit + " short=" + shortEntry + " cover=" + cover);
        }
        if (!(shortEntry < longEntry)) {
            throw new IllegalArgumentException("threshold needs short < long, short=" + shortEntry + " long=" + longEntry);
        }
        if (!(size > 0) || !Double.isFinite(size)) {
            throw new IllegalArgumentException("threshold size must be finite and > 0, size=" + size);
        }
        this.longEntry = longEntry;
        this.exit = exit;
        this.shortEntry = shortEntry;
        this.cover = cover;
        this.size = size;
    }

    @Override
    public void apply(double[] scores, double[] volatility, int fromBar, int toBar, SignalFrame frame) {
        SignalPolicy.check(scores, volatility, false, fromBar, toBar, frame);
        int n = frame.instruments();
        if (state.length != n) {
            state = new byte[n];
        }
        byte[] side = frame.side();
        double[] strength = frame.strength();
        double[] weight = frame.weight();
        for (int t = fromBar; t < toBar; t++) {
            int row = t * n;
            for (int i = 0; i < n; i++) {
                int r = row + i;
                double s = scores[r];
                byte st = state[i];
                double str = 0;
                if (s == s) {
                    st = next(st, s);
                    state[i] = st;
                    str = strength(st, s);
                }
                side[r] = st;
                strength[r] = str;
                weight[r] = st * size;
            }
        }
    }

    void writeState(java.io.DataOutput out) throws java.io.IOException {
        out.writeInt(state.length);
        out.write(state);
    }

    void readState(java.io.DataInput in) throws java.io.IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IllegalArgumentException("bad threshold state length, length=" + n);
        }
        byte[] s = new byte[n];
        in.readFully(s);
        state = s;
    }

    private byte next(byte st, double s) {
        if (st == SignalFrame.LONG) {
            if (s < shortEntry) {
                return SignalFrame.SHORT;
            }
            return s < exit ? SignalFrame.FLAT : SignalFrame.LONG;
        }
        if (st == SignalFrame.SHORT) {
            if (s > longEntry) {
                return SignalFrame.LONG;
            }
            return s > cover ? SignalFrame.FLAT : SignalFrame.SHORT;
        }
        if (s > longEntry) {
            return SignalFrame.LONG;
        }
        return s < shortEntry ? SignalFrame.SHORT : SignalFrame.FLAT;
    }

    private double strength(byte st, double s) {
        double x;
        if (st == SignalFrame.LONG) {
            x = longEntry > exit ? (s - exit) / (longEntry - exit) : 1;
        } else if (st == SignalFrame.SHORT) {
            x = cover > shortEntry ? (cover - s) / (cover - shortEntry) : 1;
        } else {
            return 0;
        }
        return Math.min(1, Math.max(0, x));
    }

    @Override
    public boolean generator() {
        return true;
    }

    @Override
    public void reset() {
        java.util.Arrays.fill(state, SignalFrame.FLAT);
    }

    /** This stage's parameters. */
    SignalStage describe() {
        return new SignalStage.Threshold(longEntry, exit, shortEntry, cover, size);
    }

    @Override
    public String spec() {
        return "threshold(long=" + PolicyParser.num(longEntry) + ",exit=" + PolicyParser.num(exit) + ",short="
                + PolicyParser.num(shortEntry) + ",cover=" + PolicyParser.num(cover) + ",size=" + PolicyParser.num(size) + ")";
    }
}
