// vectrade live kernels: streaming feature state resident on the device, one tick (one bar per
// instrument) per launch. Included by vectrade.cu; same conventions as the feature kernels.
//
// The device form of io.vectrade.feature.stream.StreamingFeatures (the Java streaming kernels are
// the reference: every update below is a line-by-line port, same arithmetic in the same order, so
// double results equal the Java ones bit for bit up to log()'s last-ulp differences).
//
// Driven by io.vectrade.cuda.CudaStreamingFeatures:
//  - one launch per tick: vt_live_tick_<f32|f64>, grid (ceil(N / block), F): blockIdx.y picks the
//    feature (descriptor row), the thread index picks the instrument. Every thread of a block runs
//    the same feature (no divergence on the type), and the F features of a tick run side by side
//    instead of one after another in a thread.
//  - vt_live_reset_<f32|f64>, same grid: puts every feature's state back to a fresh start.
//
// Descriptor table (double, VT_LIVE_DESC values per feature, uploaded once): type code, up to three
// parameters (integers, or bbands' k as a double), first output column, output parts, first double
// state slot, double slots, first int slot, int slots. Integers are exact in a double.
//
// State: slot-major arrays over instruments, slot s of instrument i at [s * N + i], so the threads
// of a warp (neighbouring instruments) touch neighbouring memory.
//  - ds: double [dslots][N]; every value, ring buffer and running sum, in double whatever the I/O
//    precision (float I/O only rounds the inputs and outputs; long-running sums stay exact).
//  - is: long long [islots][N]; slot 0 of each feature is its own count of bars seen (missing bars
//    not counted), the other int slots are bar indices and deque heads/sizes.
//  Rings of length n hold bar b at slot (b mod n) (b counted from the ring's first push).
//  The per-feature layouts are listed at each update function; CudaStreamingFeatures.slots() must
//  give the same counts.
//
// Inputs: open, high, low, close, volume of length N; a NaN close means no bar this tick: the
// feature's outputs are NaN and its state is untouched. Output column c of instrument i goes to
// out[c * N + i]. No shared memory, no __syncthreads: the host shim runs one thread after another.
#pragma once

#define VT_LIVE_MOMENTUM 1
#define VT_LIVE_ROC 2
#define VT_LIVE_LOGRET 3
#define VT_LIVE_RSI 4
#define VT_LIVE_EMA 5
#define VT_LIVE_SMA 6
#define VT_LIVE_MACD 7
#define VT_LIVE_BBANDS 8
#define VT_LIVE_ATR 9
#define VT_LIVE_STOCH 10
#define VT_LIVE_WILLR 11
#define VT_LIVE_CCI 12
#define VT_LIVE_ADX 13
#define VT_LIVE_OBV 14
#define VT_LIVE_VOLATILITY 15
#define VT_LIVE_ZSCORE 16
#define VT_LIVE_VWAP 17

#define VT_LIVE_DESC 10
#define VT_LIVE_D_TYPE 0
#define VT_LIVE_D_P0 1
#define VT_LIVE_D_P1 2
#define VT_LIVE_D_P2 3
#define VT_LIVE_D_COLUMN 4
#define VT_LIVE_D_PARTS 5
#define VT_LIVE_D_DBASE 6
#define VT_LIVE_D_DSLOTS 7
#define VT_LIVE_D_IBASE 8
#define VT_LIVE_D_ISLOTS 9

// Java's Integer.MIN_VALUE / 2: "no non-finite input seen yet" (RollingStatsStream, VwapStream)
#define VT_LIVE_NO_BAD_BAR (-1073741824LL)

// slot j of the calling instrument in a feature's state (d, s point at slot 0 of instrument i)
#define VT_D(j) d[(vt_index) (j) * N]
#define VT_S(j) s[(vt_index) (j) * N]

VT_DEV double vt_live_nan() { return (double) NAN; }

// finite (not NaN, not infinite), without <cmath> classification functions (the host shim's C++
// library may not put them in the global namespace): |x| <= DBL_MAX is false for both
VT_DEV bool vt_live_finite(double x) { return fabs(x) <= 1.7976931348623157e308; }

// TA-Lib's TA_IS_ZERO with Java's literal
VT_DEV bool vt_live_zero(double v) { return -0.00000001 < v && v < 0.00000001; }

// Neumaier-compensated running sum (CompensatedSums.add): selects, not branches
VT_DEV void vt_live_cadd(double* sum, double* comp, double x) {
    double s = *sum;
    double t = s + x;
    bool sumLarger = fabs(s) >= fabs(x);
    double larger = sumLarger ? s : x;
    double smaller = sumLarger ? x : s;
    *comp += (larger - t) + smaller;
    *sum = t;
}

// TA-Lib's true range (AtrStream.trueRange)
VT_DEV double vt_live_true_range(double high, double low, double prevClose) {
    double greatest = high - low;
    double toHigh = fabs(prevClose - high);
    if (toHigh > greatest) greatest = toHigh;
    double toLow = fabs(prevClose - low);
    if (toLow > greatest) greatest = toLow;
    return greatest;
}

// ring capacity of a monotonic deque over `window` bars (MonotonicWindow): a power of two >= window
VT_DEV int vt_live_deque_capacity(int window) {
    int cap = 2;
    while (cap < window) cap <<= 1;
    return cap;
}

// MonotonicWindow.push: highest (or lowest) of the last `window` values, amortised O(1).
// vals/bars: the deque's ring ([cap][N], instrument offset applied), head/size: its int slots.
VT_DEV double vt_live_extreme(double* vals, long long* bars, long long* head, long long* size, int N, int window,
                              int cap, bool highest, long long k, double x) {
    long long mask = cap - 1;
    long long h = *head;
    long long sz = *size;
    if (sz > 0 && bars[(vt_index) h * N] <= k - window) {
        h = (h + 1) & mask;
        sz--;
    }
    while (sz > 0) {
        double back = vals[(vt_index) ((h + sz - 1) & mask) * N];
        if (highest ? back <= x : back >= x) {
            sz--;
        } else {
            break;
        }
    }
    vt_index at = (vt_index) ((h + sz) & mask) * N;
    vals[at] = x;
    bars[at] = k;
    *head = h;
    *size = sz + 1;
    return vals[(vt_index) h * N];
}

// ---------------------------------------------------------------- feature updates
// Each advances one instrument by one bar (k = bars it has seen before this one) and writes its
// parts to r[]; NaN during the warm-up.

// momentum / roc / logret (LagStream). d: ring[n]
VT_DEV void vt_live_lag(double* d, int N, long long k, double close, int kind, int n, double* r) {
    double* slot = d + (vt_index) (k % n) * N;
    double p = *slot;
    *slot = close;
    if (k < n) {
        r[0] = vt_live_nan();
        return;
    }
    if (kind == VT_LIVE_MOMENTUM) {
        r[0] = close - p;
    } else if (kind == VT_LIVE_ROC) {
        r[0] = p != 0.0 ? ((close / p) - 1.0) * 100.0 : 0.0;
    } else {
        r[0] = log(close / p);
    }
}

// rsi(n) (RsiStream). d: prevClose, gain, loss
VT_DEV void vt_live_rsi(double* d, int N, long long k, double close, int n, double* r) {
    if (k == 0) {
        VT_D(0) = close;
        r[0] = vt_live_nan();
        return;
    }
    double change = close - VT_D(0);
    VT_D(0) = close;
    double g = VT_D(1);
    double l = VT_D(2);
    if (k > n) {
        l *= (double) (n - 1);
        g *= (double) (n - 1);
    }
    if (change < 0) {
        l -= change;
    } else {
        g += change;
    }
    if (k < n) {
        VT_D(1) = g;
        VT_D(2) = l;
        r[0] = vt_live_nan();
        return;
    }
    l /= (double) n;
    g /= (double) n;
    VT_D(1) = g;
    VT_D(2) = l;
    double sum = g + l;
    r[0] = (-0.00000001 < sum && sum < 0.00000001) ? 0.0 : 100.0 * (g / sum);
}

// ema(n) (EmaStream). d: ema (the running sum of the first n - 1 closes before the seed)
VT_DEV void vt_live_ema(double* d, int N, long long k, double close, int n, double* r) {
    double e = VT_D(0);
    if (k < n - 1) {
        VT_D(0) = e + close;
        r[0] = vt_live_nan();
        return;
    }
    double a = 2.0 / (double) (n + 1);
    e = k == n - 1 ? (e + close) / (double) n : ((close - e) * a) + e;
    VT_D(0) = e;
    r[0] = e;
}

// sma(n) (SmaStream). d: sum, ring[n]
VT_DEV void vt_live_sma(double* d, int N, long long k, double close, int n, double* r) {
    double* slot = d + (vt_index) (1 + k % n) * N;
    double old = *slot;
    *slot = close;
    double s = VT_D(0);
    if (k >= n) s -= old;
    s += close;
    VT_D(0) = s;
    r[0] = k < n - 1 ? vt_live_nan() : s / (double) n;
}

// macd(fast, slow, signal) (MacdStream), fast <= slow. d: fastEma, slowEma, signalEma
VT_DEV void vt_live_macd(double* d, int N, long long k, double close, int fast, int slow, int signal, double* r) {
    long long seed = slow - 1;
    double s = VT_D(1);
    double f = VT_D(0);
    if (k < seed) {
        VT_D(1) = s + close;
        if (k >= slow - fast) VT_D(0) = f + close;
        r[0] = r[1] = r[2] = vt_live_nan();
        return;
    }
    if (k == seed) {
        s = (s + close) / (double) slow;
        f = (f + close) / (double) fast;
    } else {
        double kSlow = 2.0 / (double) (slow + 1);
        double kFast = 2.0 / (double) (fast + 1);
        s = ((close - s) * kSlow) + s;
        f = ((close - f) * kFast) + f;
    }
    VT_D(1) = s;
    VT_D(0) = f;
    double line = f - s;
    long long j = k - seed;
    double g = VT_D(2);
    if (j < signal - 1) {
        VT_D(2) = g + line;
        r[0] = r[1] = r[2] = vt_live_nan();
        return;
    }
    double kSignal = 2.0 / (double) (signal + 1);
    g = j == signal - 1 ? (g + line) / (double) signal : ((line - g) * kSignal) + g;
    VT_D(2) = g;
    r[0] = line;
    r[1] = g;
    r[2] = line - g;
}

// bbands(n, k) (BbandsStream): upper, middle, lower. d: sum, sumSquares, ring[n]
VT_DEV void vt_live_bbands(double* d, int N, long long k, double close, int n, double deviations, double* r) {
    double* slot = d + (vt_index) (2 + k % n) * N;
    double old = *slot;
    *slot = close;
    double s = VT_D(0);
    double q = VT_D(1);
    if (k >= n) {
        s -= old;
        q -= old * old;
    }
    s += close;
    q += close * close;
    VT_D(0) = s;
    VT_D(1) = q;
    if (k < n - 1) {
        r[0] = r[1] = r[2] = vt_live_nan();
        return;
    }
    double middle = s / (double) n;
    double variance = q / (double) n;
    variance -= middle * middle;
    double deviation = variance < 0.00000001 ? 0.0 : sqrt(variance);
    double width = deviation * deviations;
    r[0] = middle + width;
    r[1] = middle;
    r[2] = middle - width;
}

// atr(n) (AtrStream). d: prevClose, atr
VT_DEV void vt_live_atr(double* d, int N, long long k, double high, double low, double close, int n, double* r) {
    if (k == 0) {
        VT_D(0) = close;
        r[0] = vt_live_nan();
        return;
    }
    double tr = vt_live_true_range(high, low, VT_D(0));
    VT_D(0) = close;
    if (n == 1) {
        r[0] = tr;
        return;
    }
    double a = VT_D(1);
    if (k < n) {
        VT_D(1) = a + tr;
        r[0] = vt_live_nan();
        return;
    }
    if (k == n) {
        a = (a + tr) / (double) n;
    } else {
        a *= (double) (n - 1);
        a += tr;
        a /= (double) n;
    }
    VT_D(1) = a;
    r[0] = a;
}

// highest high and lowest low of the last `window` bars, two monotonic deques.
// d: hiVals[cap], loVals[cap] from dslot d0; s: hiHead, hiSize, loHead, loSize, hiBars[cap], loBars[cap] from s0
VT_DEV void vt_live_high_low(double* d, long long* s, int N, int d0, int s0, int window, long long k, double high,
                             double low, double* hh, double* ll) {
    int cap = vt_live_deque_capacity(window);
    *hh = vt_live_extreme(d + (vt_index) d0 * N, s + (vt_index) (s0 + 4) * N, s + (vt_index) s0 * N,
                          s + (vt_index) (s0 + 1) * N, N, window, cap, true, k, high);
    *ll = vt_live_extreme(d + (vt_index) (d0 + cap) * N, s + (vt_index) (s0 + 4 + cap) * N,
                          s + (vt_index) (s0 + 2) * N, s + (vt_index) (s0 + 3) * N, N, window, cap, false, k, low);
}

// stoch(period, slowK, slowD) (StochStream): .k, .d.
// d: fastKSum, slowKSum, fastKs[slowK], slowKs[slowD], deques (above) from 2 + slowK + slowD;
// s: k, deques from 1
VT_DEV void vt_live_stoch(double* d, long long* s, int N, long long k, double high, double low, double close,
                          int period, int slowK, int slowD, double* r) {
    double hh, ll;
    vt_live_high_low(d, s, N, 2 + slowK + slowD, 1, period, k, high, low, &hh, &ll);
    long long j = k - (period - 1);
    if (j < 0) {
        r[0] = r[1] = vt_live_nan();
        return;
    }
    double diff = (hh - ll) / 100.0;
    double fastK = diff != 0.0 ? (close - ll) / diff : 0.0;
    double* fslot = d + (vt_index) (2 + j % slowK) * N;
    double old = *fslot;
    *fslot = fastK;
    double sum = VT_D(0);
    if (j >= slowK) sum -= old;
    sum += fastK;
    VT_D(0) = sum;
    long long m = j - (slowK - 1);
    if (m < 0) {
        r[0] = r[1] = vt_live_nan();
        return;
    }
    double kValue = sum / (double) slowK;
    double* kslot = d + (vt_index) (2 + slowK + m % slowD) * N;
    double oldK = *kslot;
    *kslot = kValue;
    double sd = VT_D(1);
    if (m >= slowD) sd -= oldK;
    sd += kValue;
    VT_D(1) = sd;
    if (m < slowD - 1) {
        r[0] = r[1] = vt_live_nan();
        return;
    }
    r[0] = kValue;
    r[1] = sd / (double) slowD;
}

// willr(n) (WillrStream). d: deques from 0; s: k, deques from 1
VT_DEV void vt_live_willr(double* d, long long* s, int N, long long k, double high, double low, double close, int n,
                          double* r) {
    double hh, ll;
    vt_live_high_low(d, s, N, 0, 1, n, k, high, low, &hh, &ll);
    if (k < n - 1) {
        r[0] = vt_live_nan();
        return;
    }
    double diff = (hh - ll) / -100.0;
    r[0] = diff != 0.0 ? (hh - close) / diff : 0.0;
}

// cci(n) (CciStream): O(n), sums in TA-Lib's ring-slot order. d: ring[n] of typical prices
VT_DEV void vt_live_cci(double* d, int N, long long k, double high, double low, double close, int n, double* r) {
    double tp = (high + low + close) / 3.0;
    d[(vt_index) (k % n) * N] = tp;
    if (k < n - 1) {
        r[0] = vt_live_nan();
        return;
    }
    double average = 0;
    for (int j = 0; j < n; j++) average += VT_D(j);
    average /= (double) n;
    double deviation = 0;
    for (int j = 0; j < n; j++) deviation += fabs(VT_D(j) - average);
    double distance = tp - average;
    r[0] = (distance != 0.0 && deviation != 0.0) ? distance / (0.015 * (deviation / (double) n)) : 0.0;
}

// adx(n) (AdxStream). d: prevHigh, prevLow, prevClose, plusDm, minusDm, trueRange, adx
VT_DEV void vt_live_adx_advance(double* d, int N, double high, double low, double close, int n, bool smooth) {
    double diffP = high - VT_D(0);
    double diffM = VT_D(1) - low;
    VT_D(0) = high;
    VT_D(1) = low;
    double tr = vt_live_true_range(high, low, VT_D(2));
    VT_D(2) = close;
    double pdm = VT_D(3);
    double mdm = VT_D(4);
    double str = VT_D(5);
    if (smooth) {
        mdm -= mdm / (double) n;
        pdm -= pdm / (double) n;
    }
    if ((diffM > 0) && (diffP < diffM)) {
        mdm += diffM;
    } else if ((diffP > 0) && (diffP > diffM)) {
        pdm += diffP;
    }
    VT_D(5) = smooth ? str - (str / (double) n) + tr : str + tr;
    VT_D(3) = pdm;
    VT_D(4) = mdm;
}

// DX of the smoothed sums, or -1 (a real DX is never negative) where TA-Lib skips it
VT_DEV double vt_live_adx_dx(double* d, int N) {
    double str = VT_D(5);
    if (vt_live_zero(str)) return -1.0;
    double minusDi = 100.0 * (VT_D(4) / str);
    double plusDi = 100.0 * (VT_D(3) / str);
    double sum = minusDi + plusDi;
    if (vt_live_zero(sum)) return -1.0;
    return 100.0 * (fabs(minusDi - plusDi) / sum);
}

VT_DEV void vt_live_adx(double* d, int N, long long k, double high, double low, double close, int n, double* r) {
    if (k < 2LL * n) {
        if (k == 0) {
            VT_D(0) = high;
            VT_D(1) = low;
            VT_D(2) = close;
            r[0] = vt_live_nan();
            return;
        }
        vt_live_adx_advance(d, N, high, low, close, n, k >= n);
        if (k < n) {
            r[0] = vt_live_nan();
            return;
        }
        double dx = vt_live_adx_dx(d, N);
        double a = VT_D(6);
        if (dx != -1.0) a += dx;
        if (k == 2LL * n - 1) {
            a /= (double) n;
            VT_D(6) = a;
            r[0] = a;
            return;
        }
        VT_D(6) = a;
        r[0] = vt_live_nan();
        return;
    }
    vt_live_adx_advance(d, N, high, low, close, n, true);
    double dx = vt_live_adx_dx(d, N);
    double a = VT_D(6);
    if (dx != -1.0) a = ((a * (double) (n - 1)) + dx) / (double) n;
    VT_D(6) = a;
    r[0] = a;
}

// obv (ObvStream). d: prevClose, obv
VT_DEV void vt_live_obv(double* d, int N, long long k, double close, double volume, double* r) {
    double v;
    if (k == 0) {
        v = volume;
    } else {
        v = VT_D(1);
        double p = VT_D(0);
        if (close > p) {
            v += volume;
        } else if (close < p) {
            v -= volume;
        }
    }
    VT_D(0) = close;
    VT_D(1) = v;
    r[0] = v;
}

// volatility(n) / zscore(n) (RollingStatsStream): compensated sliding sums of x - anchor and
// (x - anchor)^2. Every n bars they are replaced by the shadow sums (of x - shadowAnchor, every bar
// adds its input; shadowAnchor = the window mean n bars earlier): O(1). Re-summed from the ring
// (anchored at the window mean) at the first window, after a non-finite input left, and on drift.
// d: prevInput, prevClose, anchor, s1 sum, s1 comp, s2 sum, s2 comp,
//    shadow1 sum, shadow1 comp, shadow2 sum, shadow2 comp, shadowAnchor, shadowSum, ring[n];
// s: k, lastBad, equalRun, nextReset, lastReset
#define VT_RS_RING 13

VT_DEV double vt_live_rs_sqdev(double* d, int N, int n) {
    double d1 = VT_D(3) + VT_D(4);
    double m2 = (VT_D(5) + VT_D(6)) - d1 * d1 / (double) n;
    return m2 > 0 ? m2 : 0.0;
}

// the next window's sums start at bar t, anchored at `mean`
VT_DEV void vt_live_rs_start_shadow(double* d, long long* s, int N, int n, double mean, long long t) {
    VT_D(11) = mean;
    VT_D(7) = 0;
    VT_D(8) = 0;
    VT_D(9) = 0;
    VT_D(10) = 0;
    VT_D(12) = 0;
    VT_S(4) = t;
    VT_S(3) = t + n;
}

// enters v into the next window's sums
VT_DEV void vt_live_rs_shadow(double* d, int N, double v) {
    double s1 = VT_D(7), c1 = VT_D(8), s2 = VT_D(9), c2 = VT_D(10);
    double dv = v - VT_D(11);
    vt_live_cadd(&s1, &c1, dv);
    vt_live_cadd(&s2, &c2, dv * dv);
    VT_D(7) = s1;
    VT_D(8) = c1;
    VT_D(9) = s2;
    VT_D(10) = c2;
    VT_D(12) += v;
}

// sums over the window, oldest first (`first` = the slot the next push overwrites), anchored at its plain mean;
// the shadow starts again at bar t
VT_DEV void vt_live_rs_recompute(double* d, long long* s, int N, int n, int first, long long t) {
    double sum = 0;
    for (int j = 0, sl = first; j < n; j++, sl = sl + 1 == n ? 0 : sl + 1) sum += VT_D(VT_RS_RING + sl);
    double a = sum / (double) n;
    VT_D(2) = a;
    double s1 = 0, c1 = 0, s2 = 0, c2 = 0;
    for (int j = 0, sl = first; j < n; j++, sl = sl + 1 == n ? 0 : sl + 1) {
        double dv = VT_D(VT_RS_RING + sl) - a;
        vt_live_cadd(&s1, &c1, dv);
        vt_live_cadd(&s2, &c2, dv * dv);
    }
    VT_D(3) = s1;
    VT_D(4) = c1;
    VT_D(5) = s2;
    VT_D(6) = c2;
    vt_live_rs_start_shadow(d, s, N, n, a, t);
}

VT_DEV bool vt_live_rs_drifted(double* d, int N, int n) {
    double d1 = VT_D(3) + VT_D(4);
    return d1 * d1 > 1e4 * n * vt_live_rs_sqdev(d, N, n);
}

VT_DEV double vt_live_rs_value(double* d, int N, int n, bool zscore, double v, long long run) {
    if (run >= n - 1) return 0.0;
    if (zscore) {
        double sd = sqrt(vt_live_rs_sqdev(d, N, n) / (double) n);
        return sd > 0 ? ((v - VT_D(2)) - (VT_D(3) + VT_D(4)) / (double) n) / sd : 0.0;
    }
    return sqrt(vt_live_rs_sqdev(d, N, n) / (double) (n - 1));
}

VT_DEV void vt_live_rolling_stats(double* d, long long* s, int N, long long t, double close, int n, bool zscore,
                                  double* r) {
    int from = zscore ? 0 : 1;
    double v;
    if (zscore) {
        v = close;
    } else {
        double p = VT_D(1);
        VT_D(1) = close;
        if (t == 0) {
            r[0] = vt_live_nan();
            return;
        }
        v = log(close / p);
    }
    long long pushes = t - from;  // pushes before this one
    int slot = (int) (pushes % n);
    double leaving = VT_D(VT_RS_RING + slot);
    VT_D(VT_RS_RING + slot) = v;
    int next = slot + 1 == n ? 0 : slot + 1;
    if (!vt_live_finite(v)) VT_S(1) = t;
    long long run = t > from && v == VT_D(0) ? VT_S(2) + 1 : 0;
    VT_S(2) = run;
    VT_D(0) = v;
    if (t < from + n - 1 || t - VT_S(1) < n || t >= VT_S(3)) {
        // warm-up, a non-finite input in the window, or the scheduled re-sum
        if (t < from + n - 1) {
            r[0] = vt_live_nan();
            return;
        }
        if (t - VT_S(1) < n) {
            VT_S(3) = t + 1;
            r[0] = vt_live_nan();
            return;
        }
        if (t == VT_S(4) + n) {
            // the scheduled re-sum, n bars after the last: the shadow sums hold exactly this window
            vt_live_rs_shadow(d, N, v);
            VT_D(2) = VT_D(11);
            VT_D(3) = VT_D(7);
            VT_D(4) = VT_D(8);
            VT_D(5) = VT_D(9);
            VT_D(6) = VT_D(10);
            vt_live_rs_start_shadow(d, s, N, n, VT_D(12) / (double) n, t);
            if (run < n - 1 && vt_live_rs_drifted(d, N, n)) vt_live_rs_recompute(d, s, N, n, next, t);
        } else {
            vt_live_rs_recompute(d, s, N, n, next, t);
        }
        r[0] = vt_live_rs_value(d, N, n, zscore, v, run);
        return;
    }
    double a = VT_D(2);
    double s1 = VT_D(3), c1 = VT_D(4), s2 = VT_D(5), c2 = VT_D(6);
    double dv = v - a;
    vt_live_cadd(&s1, &c1, dv);
    vt_live_cadd(&s2, &c2, dv * dv);
    double e = leaving - a;
    vt_live_cadd(&s1, &c1, -e);
    vt_live_cadd(&s2, &c2, -(e * e));
    VT_D(3) = s1;
    VT_D(4) = c1;
    VT_D(5) = s2;
    VT_D(6) = c2;
    vt_live_rs_shadow(d, N, v);
    if (run < n - 1 && vt_live_rs_drifted(d, N, n)) {  // the mean drifted far from the anchor
        vt_live_rs_recompute(d, s, N, n, next, t);
    }
    r[0] = vt_live_rs_value(d, N, n, zscore, v, run);
}

// vwap(n) (VwapStream): compensated sliding sums of tp*v, v and tp, re-summed every n bars.
// d: pv sum, pv comp, v sum, v comp, tp sum, tp comp, tp ring[n], tp*v ring[n], v ring[n];
// s: k, lastBad, zeros, nextReset
VT_DEV void vt_live_vwap(double* d, long long* s, int N, long long t, double high, double low, double close,
                         double volume, int n, double* r) {
    double tp = (high + low + close) / 3.0;
    double tpv = tp * volume;
    int slot = (int) (t % n);
    int tpAt = 6 + slot, tpvAt = 6 + n + slot, vAt = 6 + 2 * n + slot;
    double oldTp = VT_D(tpAt);
    double oldTpv = VT_D(tpvAt);
    double oldV = VT_D(vAt);
    VT_D(tpAt) = tp;
    VT_D(tpvAt) = tpv;
    VT_D(vAt) = volume;
    if (!vt_live_finite(tpv)) VT_S(1) = t;
    long long z = VT_S(2);
    if (volume == 0.0) z++;
    if (t >= n && oldV == 0.0) z--;
    VT_S(2) = z;
    double pv = VT_D(0), pvc = VT_D(1), vs = VT_D(2), vc = VT_D(3), ps = VT_D(4), pc = VT_D(5);
    if (t < n - 1 || t - VT_S(1) < n || t >= VT_S(3)) {
        if (t < n - 1) {
            r[0] = vt_live_nan();
            return;
        }
        if (t - VT_S(1) < n) {
            VT_S(3) = t + 1;
            r[0] = vt_live_nan();
            return;
        }
        pv = pvc = vs = vc = ps = pc = 0;
        int first = slot + 1 == n ? 0 : slot + 1;
        for (int j = 0, sl = first; j < n; j++, sl = sl + 1 == n ? 0 : sl + 1) {
            vt_live_cadd(&pv, &pvc, VT_D(6 + n + sl));
            vt_live_cadd(&vs, &vc, VT_D(6 + 2 * n + sl));
            vt_live_cadd(&ps, &pc, VT_D(6 + sl));
        }
        VT_S(3) = t + n;
    } else {
        vt_live_cadd(&pv, &pvc, tpv);
        vt_live_cadd(&pv, &pvc, -oldTpv);
        vt_live_cadd(&vs, &vc, volume);
        vt_live_cadd(&vs, &vc, -oldV);
        vt_live_cadd(&ps, &pc, tp);
        vt_live_cadd(&ps, &pc, -oldTp);
    }
    VT_D(0) = pv;
    VT_D(1) = pvc;
    VT_D(2) = vs;
    VT_D(3) = vc;
    VT_D(4) = ps;
    VT_D(5) = pc;
    r[0] = z == n ? (ps + pc) / (double) n : (pv + pvc) / (vs + vc);
}

// ---------------------------------------------------------------- kernels
template <typename T>
VT_DEV void live_tick(const T* __restrict__ o, const T* __restrict__ h, const T* __restrict__ l,
                      const T* __restrict__ c, const T* __restrict__ v, T* __restrict__ out,
                      const double* __restrict__ desc, double* __restrict__ ds, long long* __restrict__ is, int N) {
    int i = vt_instrument();
    if (i >= N) return;
    const double* f = desc + (vt_index) blockIdx.y * VT_LIVE_DESC;
    int type = (int) f[VT_LIVE_D_TYPE];
    int p0 = (int) f[VT_LIVE_D_P0];
    int p1 = (int) f[VT_LIVE_D_P1];
    int p2 = (int) f[VT_LIVE_D_P2];
    int parts = (int) f[VT_LIVE_D_PARTS];
    T* dst = out + (vt_index) f[VT_LIVE_D_COLUMN] * N + i;
    double close = (double) c[i];
    double r[3];
    if (close != close) {  // no bar this tick: outputs NaN, state untouched
        for (int p = 0; p < parts; p++) dst[(vt_index) p * N] = vt_nan<T>();
        return;
    }
    (void) o;
    double* d = ds + (vt_index) f[VT_LIVE_D_DBASE] * N + i;
    long long* s = is + (vt_index) f[VT_LIVE_D_IBASE] * N + i;
    long long k = VT_S(0);
    switch (type) {
        case VT_LIVE_MOMENTUM:
        case VT_LIVE_ROC:
        case VT_LIVE_LOGRET: vt_live_lag(d, N, k, close, type, p0, r); break;
        case VT_LIVE_RSI: vt_live_rsi(d, N, k, close, p0, r); break;
        case VT_LIVE_EMA: vt_live_ema(d, N, k, close, p0, r); break;
        case VT_LIVE_SMA: vt_live_sma(d, N, k, close, p0, r); break;
        case VT_LIVE_MACD: vt_live_macd(d, N, k, close, p0, p1, p2, r); break;
        case VT_LIVE_BBANDS: vt_live_bbands(d, N, k, close, p0, f[VT_LIVE_D_P1], r); break;
        case VT_LIVE_ATR: vt_live_atr(d, N, k, (double) h[i], (double) l[i], close, p0, r); break;
        case VT_LIVE_STOCH: vt_live_stoch(d, s, N, k, (double) h[i], (double) l[i], close, p0, p1, p2, r); break;
        case VT_LIVE_WILLR: vt_live_willr(d, s, N, k, (double) h[i], (double) l[i], close, p0, r); break;
        case VT_LIVE_CCI: vt_live_cci(d, N, k, (double) h[i], (double) l[i], close, p0, r); break;
        case VT_LIVE_ADX: vt_live_adx(d, N, k, (double) h[i], (double) l[i], close, p0, r); break;
        case VT_LIVE_OBV: vt_live_obv(d, N, k, close, (double) v[i], r); break;
        case VT_LIVE_VOLATILITY: vt_live_rolling_stats(d, s, N, k, close, p0, false, r); break;
        case VT_LIVE_ZSCORE: vt_live_rolling_stats(d, s, N, k, close, p0, true, r); break;
        case VT_LIVE_VWAP: vt_live_vwap(d, s, N, k, (double) h[i], (double) l[i], close, (double) v[i], p0, r); break;
        default: r[0] = r[1] = r[2] = vt_live_nan(); break;  // unknown code: never sent by the host
    }
    VT_S(0) = k + 1;
    for (int p = 0; p < parts && p < 3; p++) dst[(vt_index) p * N] = (T) r[p];
}

// every feature's state back to a fresh start: zeros, plus the "no bad bar" and first re-sum bar of
// the rolling statistics and vwap
VT_DEV void live_reset(const double* __restrict__ desc, double* __restrict__ ds, long long* __restrict__ is, int N) {
    int i = vt_instrument();
    if (i >= N) return;
    const double* f = desc + (vt_index) blockIdx.y * VT_LIVE_DESC;
    int type = (int) f[VT_LIVE_D_TYPE];
    int n = (int) f[VT_LIVE_D_P0];
    double* d = ds + (vt_index) f[VT_LIVE_D_DBASE] * N + i;
    long long* s = is + (vt_index) f[VT_LIVE_D_IBASE] * N + i;
    long long dslots = (long long) f[VT_LIVE_D_DSLOTS];
    long long islots = (long long) f[VT_LIVE_D_ISLOTS];
    for (long long j = 0; j < dslots; j++) VT_D(j) = 0.0;
    for (long long j = 0; j < islots; j++) VT_S(j) = 0;
    if (type == VT_LIVE_VOLATILITY || type == VT_LIVE_ZSCORE || type == VT_LIVE_VWAP) {
        VT_S(1) = VT_LIVE_NO_BAD_BAR;
        VT_S(3) = (type == VT_LIVE_VOLATILITY ? 1 : 0) + n - 1;
    }
    if (type == VT_LIVE_VOLATILITY || type == VT_LIVE_ZSCORE) VT_S(4) = VT_LIVE_NO_BAD_BAR;  // no reset yet
}

#undef VT_D
#undef VT_S

#define VT_LIVE_ENTRIES(T, S)                                                                                    \
    extern "C" __global__ void vt_live_tick_##S(const T* __restrict__ o, const T* __restrict__ h,                \
            const T* __restrict__ l, const T* __restrict__ c, const T* __restrict__ v, T* __restrict__ out,      \
            const double* __restrict__ desc, double* __restrict__ ds, long long* __restrict__ is, int N) {       \
        live_tick<T>(o, h, l, c, v, out, desc, ds, is, N); }                                                     \
    extern "C" __global__ void vt_live_reset_##S(const double* __restrict__ desc, double* __restrict__ ds,       \
            long long* __restrict__ is, int N) { live_reset(desc, ds, is, N); }

VT_LIVE_ENTRIES(float, f32)
VT_LIVE_ENTRIES(double, f64)
