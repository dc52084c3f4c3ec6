// vectrade feature kernels: the standard feature set over a time-major panel.
//
// Layout: every array is time-major, value of instrument i at (compact) bar k at [k * N + i], so
// the threads of a warp (neighbouring instruments) read neighbouring memory. One thread follows
// one instrument. Inputs are the instrument's own bars, compacted by vt_gather when the panel has
// missing bars; len[i] is the number of bars instrument i has. Outputs are written for k < len[i]
// only; vt_scatter puts them back on the panel's calendar with NaN at missing bars.
//
// Two thread mappings:
//  - windowed kernels (no carried state): grid (ceil(N / block), chunks); thread (i, chunk)
//    computes bars [chunk * L, (chunk + 1) * L), so few instruments with long histories still
//    fill the GPU;
//  - recurrence kernels (EMA, Wilder smoothing, OBV): one thread per instrument walks all bars
//    (software-pipelined: vt_walk*), plus chunked scans of the linear recurrences (vt_*_scan_*) for
//    few instruments and long histories (see "time-parallel scans" below).
//
// Semantics follow TA-Lib (default unstable period 0) and docs/design.md: NaN during warm-up, EMA
// seeded by the SMA of its first n values, MACD's fast EMA seeded where the slow one starts,
// Wilder smoothing seeded by a simple average. Every kernel exists for float (_f32) and double
// (_f64); scalar parameters are passed as int or double whatever the precision.
//
// Pointer parameters are __restrict__: no kernel reads and writes the same buffer through two
// pointers, and it lets the compiler batch the loads of the one-thread-per-instrument recurrences.
//
// The same source compiles for the host (src/test/cuda/host_shim.h) in tests: keep to plain C++,
// the math functions below and threadIdx/blockIdx/blockDim.

#ifdef VT_HOST
#include "host_shim.h"
#else
#define VT_DEV __device__ __forceinline__
#endif

typedef long long vt_index;

template <typename T> VT_DEV T vt_nan() { return (T) NAN; }
VT_DEV bool vt_isnan(double x) { return x != x; }
VT_DEV double vt_sqrt(double x) { return sqrt(x); }
VT_DEV float vt_sqrt(float x) { return sqrtf(x); }
VT_DEV double vt_abs(double x) { return fabs(x); }
VT_DEV float vt_abs(float x) { return fabsf(x); }
VT_DEV double vt_log_ratio(double a, double b) { return log(a / b); }
// ln(a / b) through log1p of the difference: float keeps its relative precision for small moves
VT_DEV float vt_log_ratio(float a, float b) { return log1pf((a - b) / b); }
VT_DEV double vt_pow(double b, double e) { return pow(b, e); }
VT_DEV float vt_pow(float b, float e) { return powf(b, e); }

// TA-Lib's TA_IS_ZERO and TA_IS_ZERO_OR_NEG thresholds
template <typename T> VT_DEV bool vt_is_zero(T v) { return (T) -0.00000001 < v && v < (T) 0.00000001; }
template <typename T> VT_DEV bool vt_is_zero_or_neg(T v) { return v < (T) 0.00000001; }

VT_DEV int vt_instrument() { return (int) (blockIdx.x * blockDim.x + threadIdx.x); }

// [k0, k1): the bars of the calling thread's chunk, clipped to the instrument's length
VT_DEV void vt_chunk(int m, int chunk, int* k0, int* k1) {
    long long a = (long long) blockIdx.y * chunk;
    long long b = a + chunk;
    *k0 = (int) (a < m ? a : m);
    *k1 = (int) (b < m ? b : m);
}

#define AT(a, k) (a)[(vt_index) (k) * N + i]

#ifdef VT_HOST
#define VT_UNROLL
#else
#define VT_UNROLL _Pragma("unroll")
#endif

// Software pipelining of the one-thread-per-instrument loops: bars [k0, k1) are walked in groups of
// VT_G; the inputs of a whole group are loaded (VT_G independent global loads in flight) before
// step(...) runs on each bar in order. step sees the same values in the same order as a plain
// loop, so results are identical; only the loads are issued earlier. b / c are read at bar k - lag.
#define VT_G 8
template <typename T, typename F>
VT_DEV void vt_walk1(const T* __restrict__ a, int N, int i, int k0, int k1, F step) {
    int k = k0;
    for (; k + VT_G <= k1; k += VT_G) {
        T x[VT_G];
        VT_UNROLL for (int j = 0; j < VT_G; j++) x[j] = AT(a, k + j);
        VT_UNROLL for (int j = 0; j < VT_G; j++) step(x[j], k + j);
    }
    for (; k < k1; k++) step(AT(a, k), k);
}

template <typename T, typename F>
VT_DEV void vt_walk2(const T* __restrict__ a, const T* __restrict__ b, int lagB, int N, int i, int k0, int k1, F step) {
    int k = k0;
    for (; k + VT_G <= k1; k += VT_G) {
        T x[VT_G], y[VT_G];
        VT_UNROLL for (int j = 0; j < VT_G; j++) x[j] = AT(a, k + j);
        VT_UNROLL for (int j = 0; j < VT_G; j++) y[j] = AT(b, k + j - lagB);
        VT_UNROLL for (int j = 0; j < VT_G; j++) step(x[j], y[j], k + j);
    }
    for (; k < k1; k++) step(AT(a, k), AT(b, k - lagB), k);
}

template <typename T, typename F>
VT_DEV void vt_walk3(const T* __restrict__ a, const T* __restrict__ b, const T* __restrict__ c, int lagC, int N, int i, int k0, int k1,
                     F step) {
    int k = k0;
    for (; k + VT_G <= k1; k += VT_G) {
        T x[VT_G], y[VT_G], z[VT_G];
        VT_UNROLL for (int j = 0; j < VT_G; j++) x[j] = AT(a, k + j);
        VT_UNROLL for (int j = 0; j < VT_G; j++) y[j] = AT(b, k + j);
        VT_UNROLL for (int j = 0; j < VT_G; j++) z[j] = AT(c, k + j - lagC);
        VT_UNROLL for (int j = 0; j < VT_G; j++) step(x[j], y[j], z[j], k + j);
    }
    for (; k < k1; k++) step(AT(a, k), AT(b, k), AT(c, k - lagC), k);
}

// ---------------------------------------------------------------- missing bars
// Compacts each instrument's bars (those with a non-NaN close). A null input column (one the
// feature set does not read: the engine uploads only the columns it needs) is skipped, its
// compact output too. rank[t] (calendar layout) gets the compact index of bar t, or -1 where it is
// missing, for vt_scatter. Software-pipelined: the closes of VT_G bars are loaded before any is
// tested, so their global loads are in flight together instead of one bar's latency after another.
template <typename T>
VT_DEV void gather_bar(const T* __restrict__ o, const T* __restrict__ h, const T* __restrict__ l, const T* __restrict__ v,
                       T* __restrict__ co, T* __restrict__ ch, T* __restrict__ cl, T* __restrict__ cc, T* __restrict__ cv,
                       int* __restrict__ rank, int N, int i, int t, T x, int& m) {
    if (vt_isnan(x)) {
        AT(rank, t) = -1;
        return;
    }
    if (o) AT(co, m) = AT(o, t);
    if (h) AT(ch, m) = AT(h, t);
    if (l) AT(cl, m) = AT(l, t);
    AT(cc, m) = x;
    if (v) AT(cv, m) = AT(v, t);
    AT(rank, t) = m;
    m++;
}

template <typename T>
VT_DEV void gather(const T* __restrict__ o, const T* __restrict__ h, const T* __restrict__ l, const T* __restrict__ c, const T* __restrict__ v,
                   T* __restrict__ co, T* __restrict__ ch, T* __restrict__ cl, T* __restrict__ cc, T* __restrict__ cv, int* __restrict__ rank, int* __restrict__ len, int N, int bars) {
    int i = vt_instrument();
    if (i >= N) return;
    int m = 0;
    vt_walk1(c, N, i, 0, bars, [&](T x, int t) { gather_bar(o, h, l, v, co, ch, cl, cc, cv, rank, N, i, t, x, m); });
    len[i] = m;
}

// The same over time chunks (few instruments, long histories): count the bars of each chunk,
// prefix the counts over the chunks (one thread per instrument; also sets len), then compact each
// chunk from its first compact index. Integer counts: identical to gather.
template <typename T>
VT_DEV void gather_count(const T* __restrict__ c, int* __restrict__ counts, int N, int bars, int chunk) {
    int i = vt_instrument();
    if (i >= N) return;
    int k0, k1;
    vt_chunk(bars, chunk, &k0, &k1);
    int m = 0;
    vt_walk1(c, N, i, k0, k1, [&](T x, int) { m += vt_isnan(x) ? 0 : 1; });
    AT(counts, blockIdx.y) = m;
}

VT_DEV void gather_prefix(int* __restrict__ counts, int* __restrict__ len, int N, int chunks) {
    int i = vt_instrument();
    if (i >= N) return;
    int m = 0;
    for (int j = 0; j < chunks; j++) {
        int x = AT(counts, j);
        AT(counts, j) = m;
        m += x;
    }
    len[i] = m;
}

template <typename T>
VT_DEV void gather_apply(const T* __restrict__ o, const T* __restrict__ h, const T* __restrict__ l, const T* __restrict__ c, const T* __restrict__ v,
                         T* __restrict__ co, T* __restrict__ ch, T* __restrict__ cl, T* __restrict__ cc, T* __restrict__ cv, int* __restrict__ rank,
                         const int* __restrict__ counts, int N, int bars, int chunk) {
    int i = vt_instrument();
    if (i >= N) return;
    int k0, k1;
    vt_chunk(bars, chunk, &k0, &k1);
    int m = AT(counts, blockIdx.y);
    vt_walk1(c, N, i, k0, k1, [&](T x, int t) { gather_bar(o, h, l, v, co, ch, cl, cc, cv, rank, N, i, t, x, m); });
}

// Puts compact bars back on the calendar through rank, NaN at missing bars; chunked over time.
template <typename T>
VT_DEV void scatter(const T* __restrict__ compact, T* __restrict__ full, const int* __restrict__ rank, int N, int bars, int chunk) {
    int i = vt_instrument();
    if (i >= N) return;
    int k0, k1;
    vt_chunk(bars, chunk, &k0, &k1);
    for (int t = k0; t < k1; t++) {
        int r = AT(rank, t);
        AT(full, t) = r >= 0 ? AT(compact, r) : vt_nan<T>();
    }
}

// ---------------------------------------------------------------- windowed, chunked over time
template <typename T>
VT_DEV void momentum(const T* __restrict__ c, T* __restrict__ out, const int* __restrict__ len, int N, int chunk, int n) {
    int i = vt_instrument();
    if (i >= N) return;
    int k0, k1;
    vt_chunk(len[i], chunk, &k0, &k1);
    for (int k = k0; k < k1; k++) {
        AT(out, k) = k < n ? vt_nan<T>() : AT(c, k) - AT(c, k - n);
    }
}

template <typename T>
VT_DEV void roc(const T* __restrict__ c, T* __restrict__ out, const int* __restrict__ len, int N, int chunk, int n) {
    int i = vt_instrument();
    if (i >= N) return;
    int k0, k1;
    vt_chunk(len[i], chunk, &k0, &k1);
    for (int k = k0; k < k1; k++) {
        if (k < n) {
            AT(out, k) = vt_nan<T>();
            continue;
        }
        T prev = AT(c, k - n);
        AT(out, k) = prev != (T) 0 ? ((AT(c, k) / prev) - (T) 1) * (T) 100 : (T) 0;  // TA-Lib ROC
    }
}

template <typename T>
VT_DEV void logret(const T* __restrict__ c, T* __restrict__ out, const int* __restrict__ len, int N, int chunk, int n) {
    int i = vt_instrument();
    if (i >= N) return;
    int k0, k1;
    vt_chunk(len[i], chunk, &k0, &k1);
    for (int k = k0; k < k1; k++) {
        AT(out, k) = k < n ? vt_nan<T>() : vt_log_ratio(AT(c, k), AT(c, k - n));
    }
}

// sample standard deviation (n - 1) of the last n one-bar log returns; first value at k = n
template <typename T>
VT_DEV void volatility(const T* __restrict__ c, T* __restrict__ out, const int* __restrict__ len, int N, int chunk, int n) {
    int i = vt_instrument();
    if (i >= N) return;
    int k0, k1;
    vt_chunk(len[i], chunk, &k0, &k1);
    for (int k = k0; k < k1; k++) {
        if (k < n) {
            AT(out, k) = vt_nan<T>();
            continue;
        }
        T sum = 0;
        T r0 = vt_log_ratio(AT(c, k - n + 1), AT(c, k - n));
        bool equal = true;
        for (int j = k - n + 1; j <= k; j++) {
            T r = vt_log_ratio(AT(c, j), AT(c, j - 1));
            sum += r;
            equal = equal && r == r0;
        }
        if (equal) {  // n identical returns (a flat stretch): exactly 0, as the cpu reference
            AT(out, k) = (T) 0;
            continue;
        }
        T mean = sum / (T) n;
        T ss = 0;
        for (int j = k - n + 1; j <= k; j++) {
            T d = vt_log_ratio(AT(c, j), AT(c, j - 1)) - mean;
            ss += d * d;
        }
        AT(out, k) = vt_sqrt(ss / (T) (n - 1));
    }
}

// mean of in[k - n + 1 .. k]; NaN for k < first + n - 1 (in is valid from bar `first` on)
template <typename T>
VT_DEV void window_mean(const T* __restrict__ in, T* __restrict__ out, const int* __restrict__ len, int N, int chunk, int n, int first) {
    int i = vt_instrument();
    if (i >= N) return;
    int k0, k1;
    vt_chunk(len[i], chunk, &k0, &k1);
    for (int k = k0; k < k1; k++) {
        if (k < first + n - 1) {
            AT(out, k) = vt_nan<T>();
            continue;
        }
        T sum = 0;
        for (int j = k - n + 1; j <= k; j++) sum += AT(in, j);
        AT(out, k) = sum / (T) n;
    }
}

template <typename T>
VT_DEV void nan_prefix(T* __restrict__ out, const int* __restrict__ len, int N, int chunk, int count) {
    int i = vt_instrument();
    if (i >= N) return;
    int k0, k1;
    vt_chunk(len[i], chunk, &k0, &k1);
    for (int k = k0; k < k1 && k < count; k++) AT(out, k) = vt_nan<T>();
}

// TA-Lib BBANDS with an SMA middle band and population deviation (variance below 1e-8 counts as 0)
template <typename T>
VT_DEV void bbands(const T* __restrict__ c, T* __restrict__ upper, T* __restrict__ middle, T* __restrict__ lower, const int* __restrict__ len, int N, int chunk,
                   int n, double kdev) {
    int i = vt_instrument();
    if (i >= N) return;
    int k0, k1;
    vt_chunk(len[i], chunk, &k0, &k1);
    for (int k = k0; k < k1; k++) {
        if (k < n - 1) {
            AT(upper, k) = vt_nan<T>();
            AT(middle, k) = vt_nan<T>();
            AT(lower, k) = vt_nan<T>();
            continue;
        }
        T x0 = AT(c, k);
        T dsum = 0;
        for (int j = k - n + 1; j <= k; j++) dsum += AT(c, j) - x0;  // shifted: see zscore
        T dmean = dsum / (T) n;
        T mean = x0 + dmean;
        T ss = 0;
        for (int j = k - n + 1; j <= k; j++) {
            T d = (AT(c, j) - x0) - dmean;
            ss += d * d;
        }
        T var = ss / (T) n;
        T sd = vt_is_zero_or_neg(var) ? (T) 0 : vt_sqrt(var);
        T width = (T) kdev * sd;
        AT(upper, k) = mean + width;
        AT(middle, k) = mean;
        AT(lower, k) = mean - width;
    }
}

// TA-Lib BBANDS with TA-Lib's own arithmetic: running totals of x and x^2 (one thread walks all
// bars), variance = total2 / n - sma^2. Used for double, where it matches the reference to the last
// bits even on flat stretches; float uses the two-pass bbands above (running squares lose too much).
template <typename T>
VT_DEV void bbands_running(const T* __restrict__ c, T* __restrict__ upper, T* __restrict__ middle, T* __restrict__ lower, const int* __restrict__ len, int N, int n,
                           double kdev) {
    int i = vt_instrument();
    if (i >= N) return;
    int m = len[i];
    int first = n - 1;
    for (int k = 0; k < m && k < first; k++) {
        AT(upper, k) = vt_nan<T>();
        AT(middle, k) = vt_nan<T>();
        AT(lower, k) = vt_nan<T>();
    }
    if (first >= m) return;
    T total = 0;
    T total2 = 0;
    for (int k = 0; k < first; k++) {
        T x = AT(c, k);
        total += x;
        total2 += x * x;
    }
    vt_walk2(c, c, first, N, i, first, m, [&](T x, T y, int k) {
        total += x;
        T sum = total;
        total2 += x * x;
        T meanSquare = total2 / (T) n;
        total -= y;
        total2 -= y * y;
        T ma = sum / (T) n;
        meanSquare -= ma * ma;
        T sd = vt_is_zero_or_neg(meanSquare) ? (T) 0 : vt_sqrt(meanSquare);
        T width = sd * (T) kdev;
        AT(upper, k) = ma + width;
        AT(middle, k) = ma;
        AT(lower, k) = ma - width;
    });
}

// (close - sma(n)) / population stddev(n); 0 when the n closes are identical
template <typename T>
VT_DEV void zscore(const T* __restrict__ c, T* __restrict__ out, const int* __restrict__ len, int N, int chunk, int n) {
    int i = vt_instrument();
    if (i >= N) return;
    int k0, k1;
    vt_chunk(len[i], chunk, &k0, &k1);
    for (int k = k0; k < k1; k++) {
        if (k < n - 1) {
            AT(out, k) = vt_nan<T>();
            continue;
        }
        T sum = 0;
        T x0 = AT(c, k);
        bool equal = true;
        for (int j = k - n + 1; j <= k; j++) {
            T x = AT(c, j);
            sum += x;
            equal = equal && x == x0;
        }
        if (equal) {  // n identical closes: no deviation, 0 as the cpu reference
            AT(out, k) = (T) 0;
            continue;
        }
        // deviations from the current close: differences of nearby values are exact, so float keeps
        // its precision however large the price is relative to the deviation
        T dsum = 0;
        for (int j = k - n + 1; j <= k; j++) dsum += AT(c, j) - x0;
        T dmean = dsum / (T) n;
        T ss = 0;
        for (int j = k - n + 1; j <= k; j++) {
            T d = (AT(c, j) - x0) - dmean;
            ss += d * d;
        }
        T sd = vt_sqrt(ss / (T) n);
        AT(out, k) = sd > (T) 0 ? -dmean / sd : (T) 0;
    }
}

// sum(typical price * volume) / sum(volume) over n bars, typical = (h + l + c) / 3; the mean typical
// price when all n volumes are 0 (the limit of equal weights, as the cpu reference)
template <typename T>
VT_DEV void vwap(const T* __restrict__ h, const T* __restrict__ l, const T* __restrict__ c, const T* __restrict__ v, T* __restrict__ out, const int* __restrict__ len, int N,
                 int chunk, int n) {
    int i = vt_instrument();
    if (i >= N) return;
    int k0, k1;
    vt_chunk(len[i], chunk, &k0, &k1);
    for (int k = k0; k < k1; k++) {
        if (k < n - 1) {
            AT(out, k) = vt_nan<T>();
            continue;
        }
        T pv = 0;
        T vol = 0;
        T tps = 0;
        bool zero = true;
        for (int j = k - n + 1; j <= k; j++) {
            T tp = (AT(h, j) + AT(l, j) + AT(c, j)) / (T) 3;
            T x = AT(v, j);
            pv += tp * x;
            vol += x;
            tps += tp;
            zero = zero && x == (T) 0;
        }
        AT(out, k) = zero ? tps / (T) n : pv / vol;
    }
}

// TA-Lib WILLR: (highest - close) / ((highest - lowest) / -100), 0 when the range is 0
template <typename T>
VT_DEV void willr(const T* __restrict__ h, const T* __restrict__ l, const T* __restrict__ c, T* __restrict__ out, const int* __restrict__ len, int N, int chunk, int n) {
    int i = vt_instrument();
    if (i >= N) return;
    int k0, k1;
    vt_chunk(len[i], chunk, &k0, &k1);
    for (int k = k0; k < k1; k++) {
        if (k < n - 1) {
            AT(out, k) = vt_nan<T>();
            continue;
        }
        T hi = AT(h, k - n + 1);
        T lo = AT(l, k - n + 1);
        for (int j = k - n + 2; j <= k; j++) {
            T x = AT(h, j);
            if (x > hi) hi = x;
            x = AT(l, j);
            if (x < lo) lo = x;
        }
        T diff = (hi - lo) / (T) -100;
        AT(out, k) = diff != (T) 0 ? (hi - AT(c, k)) / diff : (T) 0;
    }
}

// TA-Lib STOCH fast %K: (close - lowest) / ((highest - lowest) / 100), 0 when the range is 0
template <typename T>
VT_DEV void stoch_fastk(const T* __restrict__ h, const T* __restrict__ l, const T* __restrict__ c, T* __restrict__ out, const int* __restrict__ len, int N, int chunk,
                        int n) {
    int i = vt_instrument();
    if (i >= N) return;
    int k0, k1;
    vt_chunk(len[i], chunk, &k0, &k1);
    for (int k = k0; k < k1; k++) {
        if (k < n - 1) {
            AT(out, k) = vt_nan<T>();
            continue;
        }
        T hi = AT(h, k - n + 1);
        T lo = AT(l, k - n + 1);
        for (int j = k - n + 2; j <= k; j++) {
            T x = AT(h, j);
            if (x > hi) hi = x;
            x = AT(l, j);
            if (x < lo) lo = x;
        }
        T diff = (hi - lo) / (T) 100;
        AT(out, k) = diff != (T) 0 ? (AT(c, k) - lo) / diff : (T) 0;
    }
}

// TA-Lib CCI: (tp - mean) / (0.015 * mean deviation), 0 when either is 0
template <typename T>
VT_DEV void cci(const T* __restrict__ h, const T* __restrict__ l, const T* __restrict__ c, T* __restrict__ out, const int* __restrict__ len, int N, int chunk, int n) {
    int i = vt_instrument();
    if (i >= N) return;
    int k0, k1;
    vt_chunk(len[i], chunk, &k0, &k1);
    for (int k = k0; k < k1; k++) {
        if (k < n - 1) {
            AT(out, k) = vt_nan<T>();
            continue;
        }
        // TA-Lib keeps the window in a ring buffer (bar b in slot b mod n) and sums it in slot
        // order; summing in the same order gives the same rounding
        if (sizeof(T) == 4) {
            // float: typical prices relative to the current bar's, from exact differences, so that
            // the deviation keeps float's precision whatever the price level
            T h0 = AT(h, k), l0 = AT(l, k), c0 = AT(c, k);
            T sum = 0;
            for (int j = k - n + 1; j <= k; j++) sum += ((AT(h, j) - h0) + (AT(l, j) - l0) + (AT(c, j) - c0)) / (T) 3;
            T mean = sum / (T) n;
            T dev = 0;
            for (int j = k - n + 1; j <= k; j++) {
                dev += vt_abs(((AT(h, j) - h0) + (AT(l, j) - l0) + (AT(c, j) - c0)) / (T) 3 - mean);
            }
            T last = -mean;
            AT(out, k) = (last != (T) 0 && dev != (T) 0) ? last / ((T) 0.015 * (dev / (T) n)) : (T) 0;
            continue;
        }
        T sum = 0;
        for (int j = 0; j < n; j++) {
            int b = k - (((k - j) % n) + n) % n;
            sum += (AT(h, b) + AT(l, b) + AT(c, b)) / (T) 3;
        }
        T mean = sum / (T) n;
        T dev = 0;
        for (int j = 0; j < n; j++) {
            int b = k - (((k - j) % n) + n) % n;
            dev += vt_abs((AT(h, b) + AT(l, b) + AT(c, b)) / (T) 3 - mean);
        }
        T last = (AT(h, k) + AT(l, k) + AT(c, k)) / (T) 3 - mean;
        AT(out, k) = (last != (T) 0 && dev != (T) 0) ? last / ((T) 0.015 * (dev / (T) n)) : (T) 0;
    }
}

// ---------------------------------------------------------------- recurrences, one thread per instrument
// TA-Lib EMA: seed = SMA of the first n values (at k = n - 1), then e += (x - e) * 2 / (n + 1)
template <typename T>
VT_DEV void ema(const T* __restrict__ c, T* __restrict__ out, const int* __restrict__ len, int N, int n) {
    int i = vt_instrument();
    if (i >= N) return;
    int m = len[i];
    for (int k = 0; k < m && k < n - 1; k++) AT(out, k) = vt_nan<T>();
    if (m < n) return;
    T a = (T) 2 / (T) (n + 1);
    T sum = 0;
    for (int k = 0; k < n; k++) sum += AT(c, k);
    T e = sum / (T) n;
    AT(out, n - 1) = e;
    vt_walk1(c, N, i, n, m, [&](T x, int k) {
        e = ((x - e) * a) + e;
        AT(out, k) = e;
    });
}

// Chunked scan of the EMA recurrence e[k] = b e[k-1] + a x[k] (b = 1 - a) for few instruments and
// long histories. Chunk j covers bars [j L, (j + 1) L). local: each chunk runs the recurrence from
// 0 and stores its end value; carry: one thread per instrument turns those into the true value
// just before each chunk (e_end = local_end + b^steps e_in); apply: each chunk reruns the
// recurrence from its carry-in, writing the output. ends has nChunks * N values (time-major).
template <typename T>
VT_DEV void ema_scan_local(const T* __restrict__ c, T* __restrict__ ends, const int* __restrict__ len, int N, int chunk, int n) {
    int i = vt_instrument();
    if (i >= N) return;
    int k0, k1;
    vt_chunk(len[i], chunk, &k0, &k1);
    if (k0 < n) k0 = n;
    T a = (T) 2 / (T) (n + 1);
    T e = 0;
    vt_walk1(c, N, i, k0, k1, [&](T x, int) { e = ((x - e) * a) + e; });
    AT(ends, blockIdx.y) = e;
}

template <typename T>
VT_DEV void ema_scan_carry(const T* __restrict__ c, T* __restrict__ ends, const int* __restrict__ len, int N, int chunk, int n, int chunks) {
    int i = vt_instrument();
    if (i >= N) return;
    int m = len[i];
    if (m < n) return;
    T a = (T) 2 / (T) (n + 1);
    T b = (T) 1 - a;
    T sum = 0;
    for (int k = 0; k < n; k++) sum += AT(c, k);
    T e = sum / (T) n;  // value at k = n - 1
    for (int j = 0; j < chunks; j++) {
        long long s0 = (long long) j * chunk;
        long long s1 = s0 + chunk;
        if (s0 < n) s0 = n;
        if (s1 > m) s1 = m;
        T local = AT(ends, j);
        AT(ends, j) = e;  // carry-in: the value at max(j L, n) - 1
        if (s1 > s0) e = local + vt_pow(b, (T) (s1 - s0)) * e;
    }
}

template <typename T>
VT_DEV void ema_scan_apply(const T* __restrict__ c, T* __restrict__ out, const T* __restrict__ ends, const int* __restrict__ len, int N, int chunk, int n) {
    int i = vt_instrument();
    if (i >= N) return;
    int m = len[i];
    int k0, k1;
    vt_chunk(m, chunk, &k0, &k1);
    T a = (T) 2 / (T) (n + 1);
    if (m < n) {
        for (int k = k0; k < k1; k++) AT(out, k) = vt_nan<T>();
        return;
    }
    T e = AT(ends, blockIdx.y);
    int k = k0;
    for (; k < k1 && k < n; k++) AT(out, k) = k == n - 1 ? e : vt_nan<T>();  // warm-up, then the seed
    vt_walk1(c, N, i, k, k1, [&](T x, int kk) {
        e = ((x - e) * a) + e;
        AT(out, kk) = e;
    });
}

// TA-Lib RSI (Wilder): average gain and loss seeded by the mean of the first n changes
template <typename T>
VT_DEV void rsi(const T* __restrict__ c, T* __restrict__ out, const int* __restrict__ len, int N, int n) {
    int i = vt_instrument();
    if (i >= N) return;
    int m = len[i];
    for (int k = 0; k < m && k < n; k++) AT(out, k) = vt_nan<T>();
    if (m <= n) return;
    T gain = 0;
    T loss = 0;
    T prev = AT(c, 0);
    for (int k = 1; k <= n; k++) {
        T x = AT(c, k);
        T d = x - prev;
        prev = x;
        if (d < (T) 0) loss -= d; else gain += d;
    }
    loss /= (T) n;
    gain /= (T) n;
    T s = gain + loss;
    AT(out, n) = vt_is_zero(s) ? (T) 0 : (T) 100 * (gain / s);
    vt_walk1(c, N, i, n + 1, m, [&](T x, int k) {
        T d = x - prev;
        prev = x;
        loss *= (T) (n - 1);
        gain *= (T) (n - 1);
        if (d < (T) 0) loss -= d; else gain += d;
        loss /= (T) n;
        gain /= (T) n;
        T s2 = gain + loss;
        AT(out, k) = vt_is_zero(s2) ? (T) 0 : (T) 100 * (gain / s2);
    });
}

// TA-Lib MACD with EMA(fast) seeded by the SMA of the fast window that ends where EMA(slow)
// starts (k = slow - 1); signal = EMA(signal) of the line seeded by its first `signal` values.
template <typename T>
VT_DEV void macd(const T* __restrict__ c, T* __restrict__ line, T* __restrict__ signal, T* __restrict__ hist, const int* __restrict__ len, int N, int fast, int slow, int sig) {
    int i = vt_instrument();
    if (i >= N) return;
    if (slow < fast) {
        int x = slow;
        slow = fast;
        fast = x;
    }
    int m = len[i];
    int lookback = (slow - 1) + (sig - 1);
    for (int k = 0; k < m && k < lookback; k++) {
        AT(line, k) = vt_nan<T>();
        AT(signal, k) = vt_nan<T>();
        AT(hist, k) = vt_nan<T>();
    }
    if (m <= lookback) return;
    T as = (T) 2 / (T) (slow + 1);
    T af = (T) 2 / (T) (fast + 1);
    T ag = (T) 2 / (T) (sig + 1);
    T es = 0;
    for (int k = 0; k < slow; k++) es += AT(c, k);
    es /= (T) slow;
    T ef = 0;
    for (int k = slow - fast; k < slow; k++) ef += AT(c, k);
    ef /= (T) fast;
    // the line from k = slow - 1; the first `sig` values seed the signal EMA
    T lineSum = ef - es;
    for (int k = slow; k < slow - 1 + sig; k++) {
        T x = AT(c, k);
        es = ((x - es) * as) + es;
        ef = ((x - ef) * af) + ef;
        lineSum += ef - es;
    }
    T sg = lineSum / (T) sig;
    T l = ef - es;
    AT(line, lookback) = l;
    AT(signal, lookback) = sg;
    AT(hist, lookback) = l - sg;
    vt_walk1(c, N, i, lookback + 1, m, [&](T x, int k) {
        es = ((x - es) * as) + es;
        ef = ((x - ef) * af) + ef;
        T l2 = ef - es;
        sg = ((l2 - sg) * ag) + sg;
        AT(line, k) = l2;
        AT(signal, k) = sg;
        AT(hist, k) = l2 - sg;
    });
}

template <typename T>
VT_DEV T true_range(T high, T low, T prevClose) {
    T r = high - low;
    T x = vt_abs(high - prevClose);
    if (x > r) r = x;
    x = vt_abs(low - prevClose);
    if (x > r) r = x;
    return r;
}

// TA-Lib ATR: Wilder average of the true range, seeded by the mean of TR[1..n]
template <typename T>
VT_DEV void atr(const T* __restrict__ h, const T* __restrict__ l, const T* __restrict__ c, T* __restrict__ out, const int* __restrict__ len, int N, int n) {
    int i = vt_instrument();
    if (i >= N) return;
    int m = len[i];
    for (int k = 0; k < m && k < n; k++) AT(out, k) = vt_nan<T>();
    if (m <= n) return;
    T sum = 0;
    for (int k = 1; k <= n; k++) sum += true_range(AT(h, k), AT(l, k), AT(c, k - 1));
    T v = sum / (T) n;
    AT(out, n) = v;
    vt_walk3(h, l, c, 1, N, i, n + 1, m, [&](T hi, T lo, T prevClose, int k) {
        v *= (T) (n - 1);
        v += true_range(hi, lo, prevClose);
        v /= (T) n;
        AT(out, k) = v;
    });
}

// TA-Lib ADX: Wilder-smoothed +DM, -DM and TR (first sums over n - 1 bars), DX averaged over n
// bars as the seed, then Wilder-smoothed; first value at k = 2 n - 1
template <typename T>
VT_DEV void adx(const T* __restrict__ h, const T* __restrict__ l, const T* __restrict__ c, T* __restrict__ out, const int* __restrict__ len, int N, int n) {
    int i = vt_instrument();
    if (i >= N) return;
    int m = len[i];
    int lookback = 2 * n - 1;
    for (int k = 0; k < m && k < lookback; k++) AT(out, k) = vt_nan<T>();
    if (m <= lookback) return;
    T pdm = 0, mdm = 0, tr = 0;
    T prevHigh = AT(h, 0), prevLow = AT(l, 0), prevClose = AT(c, 0);
    int k = 0;
    for (int r = 0; r < n - 1; r++) {
        k++;
        T x = AT(h, k);
        T diffP = x - prevHigh;
        prevHigh = x;
        x = AT(l, k);
        T diffM = prevLow - x;
        prevLow = x;
        if (diffM > (T) 0 && diffP < diffM) mdm += diffM;
        else if (diffP > (T) 0 && diffP > diffM) pdm += diffP;
        tr += true_range(prevHigh, prevLow, prevClose);
        prevClose = AT(c, k);
    }
    T sumDx = 0;
    T nn = (T) n;
    for (int r = 0; r < n; r++) {
        k++;
        T x = AT(h, k);
        T diffP = x - prevHigh;
        prevHigh = x;
        x = AT(l, k);
        T diffM = prevLow - x;
        prevLow = x;
        mdm -= mdm / nn;
        pdm -= pdm / nn;
        if (diffM > (T) 0 && diffP < diffM) mdm += diffM;
        else if (diffP > (T) 0 && diffP > diffM) pdm += diffP;
        tr = tr - (tr / nn) + true_range(prevHigh, prevLow, prevClose);
        prevClose = AT(c, k);
        if (!vt_is_zero(tr)) {
            T minusDi = (T) 100 * (mdm / tr);
            T plusDi = (T) 100 * (pdm / tr);
            T s = minusDi + plusDi;
            if (!vt_is_zero(s)) sumDx += (T) 100 * (vt_abs(minusDi - plusDi) / s);
        }
    }
    T adxv = sumDx / nn;
    AT(out, k) = adxv;
    vt_walk3(h, l, c, 0, N, i, k + 1, m, [&](T hk, T lk, T ck, int k) {
        T diffP = hk - prevHigh;
        prevHigh = hk;
        T diffM = prevLow - lk;
        prevLow = lk;
        mdm -= mdm / nn;
        pdm -= pdm / nn;
        if (diffM > (T) 0 && diffP < diffM) mdm += diffM;
        else if (diffP > (T) 0 && diffP > diffM) pdm += diffP;
        tr = tr - (tr / nn) + true_range(prevHigh, prevLow, prevClose);
        prevClose = ck;
        if (!vt_is_zero(tr)) {
            T minusDi = (T) 100 * (mdm / tr);
            T plusDi = (T) 100 * (pdm / tr);
            T s = minusDi + plusDi;
            if (!vt_is_zero(s)) {
                T dx = (T) 100 * (vt_abs(minusDi - plusDi) / s);
                adxv = ((adxv * (T) (n - 1)) + dx) / nn;
            }
        }
        AT(out, k) = adxv;
    });
}

// TA-Lib OBV: starts at the first volume; accumulates in double for both precisions
template <typename T>
VT_DEV void obv(const T* __restrict__ c, const T* __restrict__ v, T* __restrict__ out, const int* __restrict__ len, int N) {
    int i = vt_instrument();
    if (i >= N) return;
    int m = len[i];
    if (m == 0) return;
    double acc = (double) AT(v, 0);
    T prev = AT(c, 0);
    AT(out, 0) = (T) acc;
    vt_walk2(c, v, 0, N, i, 1, m, [&](T x, T vol, int k) {
        if (x > prev) acc += (double) vol;
        else if (x < prev) acc -= (double) vol;
        prev = x;
        AT(out, k) = (T) acc;
    });
}

// ---------------------------------------------------------------- time-parallel scans of the recurrences
// For few instruments and long histories (the engine decides per launch, like the EMA scan), the
// Wilder averages of RSI, ATR and ADX, MACD's two EMAs and its signal EMA, and OBV's running sum run as
// chunked scans of their linear recurrences s[k] = b s[k-1] + (input term at k), with S states per
// instrument. Chunk j covers bars [j L, (j + 1) L), clipped to [first, len): first is the first
// bar the recurrence updates (the state at first - 1 is the TA-Lib seed).
//  - local: each chunk runs the feature's own update (TA-Lib's operation order) from state 0 and
//    stores its end state in ends[S j + s];
//  - carry: one thread per instrument computes the seed exactly as the sequential kernel and walks
//    the chunks, replacing each end state by the chunk's carry-in (the true state at the bar before
//    its first updated bar) and moving on with end = local_end + b^steps carry_in (the recurrences
//    are linear in their state, so only the rounding differs from the sequential walk);
//  - apply: each chunk reruns the sequential update from its carry-in and writes the outputs.
// ends has S * chunks values per instrument (time-major rows of N, as every array).

// [s0, s1) of chunk j clipped to [first, m); empty when s1 <= s0
VT_DEV void vt_scan_range(int j, int chunk, int first, int m, long long* s0, long long* s1) {
    long long a = (long long) j * chunk;
    long long b = a + chunk;
    *s0 = a < first ? first : a;
    *s1 = b > m ? m : b;
}

// The carry walk over the chunks for S states of type U: state holds the seed (the state at bar
// first - 1) on entry. Loads the local end states of VT_G chunks at a time before combining them.
template <typename U, int S>
VT_DEV void vt_scan_carry(U* __restrict__ ends, int N, int i, int m, int chunk, int first, int chunks, U b, U* state) {
    U full = vt_pow(b, (U) chunk);
    for (int j0 = 0; j0 < chunks; j0 += VT_G) {
        U loc[VT_G][S];
        VT_UNROLL for (int jj = 0; jj < VT_G; jj++) {
            if (j0 + jj < chunks) {
                VT_UNROLL for (int s = 0; s < S; s++) loc[jj][s] = AT(ends, S * (j0 + jj) + s);
            }
        }
        VT_UNROLL for (int jj = 0; jj < VT_G; jj++) {
            int j = j0 + jj;
            if (j >= chunks) break;
            VT_UNROLL for (int s = 0; s < S; s++) AT(ends, S * j + s) = state[s];  // carry-in of chunk j
            long long s0, s1;
            vt_scan_range(j, chunk, first, m, &s0, &s1);
            if (s1 > s0) {
                U f = s1 - s0 == chunk ? full : vt_pow(b, (U) (s1 - s0));
                VT_UNROLL for (int s = 0; s < S; s++) state[s] = loc[jj][s] + f * state[s];
            }
        }
    }
}

// RSI: states average gain and loss (Wilder, b = (n - 1) / n), updated from bar n + 1 on
template <typename T>
VT_DEV void rsi_step(T x, T& prev, T& gain, T& loss, int n) {
    T d = x - prev;
    prev = x;
    loss *= (T) (n - 1);
    gain *= (T) (n - 1);
    if (d < (T) 0) loss -= d; else gain += d;
    loss /= (T) n;
    gain /= (T) n;
}

template <typename T>
VT_DEV T rsi_value(T gain, T loss) {
    T s = gain + loss;
    return vt_is_zero(s) ? (T) 0 : (T) 100 * (gain / s);
}

template <typename T>
VT_DEV void rsi_scan_local(const T* __restrict__ c, T* __restrict__ ends, const int* __restrict__ len, int N, int chunk, int n) {
    int i = vt_instrument();
    if (i >= N) return;
    long long s0, s1;
    vt_scan_range(blockIdx.y, chunk, n + 1, len[i], &s0, &s1);
    T gain = 0, loss = 0;
    if (s1 > s0) {
        T prev = AT(c, s0 - 1);
        vt_walk1(c, N, i, (int) s0, (int) s1, [&](T x, int) { rsi_step(x, prev, gain, loss, n); });
    }
    AT(ends, 2 * blockIdx.y) = gain;
    AT(ends, 2 * blockIdx.y + 1) = loss;
}

template <typename T>
VT_DEV void rsi_scan_carry(const T* __restrict__ c, T* __restrict__ ends, const int* __restrict__ len, int N, int chunk, int n, int chunks) {
    int i = vt_instrument();
    if (i >= N) return;
    int m = len[i];
    if (m <= n) return;
    T gain = 0;
    T loss = 0;
    T prev = AT(c, 0);
    for (int k = 1; k <= n; k++) {  // the seed, as rsi
        T x = AT(c, k);
        T d = x - prev;
        prev = x;
        if (d < (T) 0) loss -= d; else gain += d;
    }
    T state[2] = {gain / (T) n, loss / (T) n};
    vt_scan_carry<T, 2>(ends, N, i, m, chunk, n + 1, chunks, (T) (n - 1) / (T) n, state);
}

template <typename T>
VT_DEV void rsi_scan_apply(const T* __restrict__ c, T* __restrict__ out, const T* __restrict__ ends, const int* __restrict__ len, int N, int chunk, int n) {
    int i = vt_instrument();
    if (i >= N) return;
    int m = len[i];
    int k0, k1;
    vt_chunk(m, chunk, &k0, &k1);
    if (m <= n) {
        for (int k = k0; k < k1; k++) AT(out, k) = vt_nan<T>();
        return;
    }
    T gain = AT(ends, 2 * blockIdx.y);
    T loss = AT(ends, 2 * blockIdx.y + 1);
    int k = k0;
    for (; k < k1 && k <= n; k++) AT(out, k) = k == n ? rsi_value(gain, loss) : vt_nan<T>();
    if (k >= k1) return;
    T prev = AT(c, k - 1);
    vt_walk1(c, N, i, k, k1, [&](T x, int kk) {
        rsi_step(x, prev, gain, loss, n);
        AT(out, kk) = rsi_value(gain, loss);
    });
}

// ATR: one state (Wilder average of the true range), updated from bar n + 1 on
template <typename T>
VT_DEV void atr_step(T hi, T lo, T prevClose, T& v, int n) {
    v *= (T) (n - 1);
    v += true_range(hi, lo, prevClose);
    v /= (T) n;
}

template <typename T>
VT_DEV void atr_scan_local(const T* __restrict__ h, const T* __restrict__ l, const T* __restrict__ c, T* __restrict__ ends, const int* __restrict__ len,
                           int N, int chunk, int n) {
    int i = vt_instrument();
    if (i >= N) return;
    long long s0, s1;
    vt_scan_range(blockIdx.y, chunk, n + 1, len[i], &s0, &s1);
    T v = 0;
    if (s1 > s0) vt_walk3(h, l, c, 1, N, i, (int) s0, (int) s1, [&](T hi, T lo, T pc, int) { atr_step(hi, lo, pc, v, n); });
    AT(ends, blockIdx.y) = v;
}

template <typename T>
VT_DEV void atr_scan_carry(const T* __restrict__ h, const T* __restrict__ l, const T* __restrict__ c, T* __restrict__ ends, const int* __restrict__ len,
                           int N, int chunk, int n, int chunks) {
    int i = vt_instrument();
    if (i >= N) return;
    int m = len[i];
    if (m <= n) return;
    T sum = 0;
    for (int k = 1; k <= n; k++) sum += true_range(AT(h, k), AT(l, k), AT(c, k - 1));  // the seed, as atr
    T state[1] = {sum / (T) n};
    vt_scan_carry<T, 1>(ends, N, i, m, chunk, n + 1, chunks, (T) (n - 1) / (T) n, state);
}

template <typename T>
VT_DEV void atr_scan_apply(const T* __restrict__ h, const T* __restrict__ l, const T* __restrict__ c, T* __restrict__ out, const T* __restrict__ ends,
                           const int* __restrict__ len, int N, int chunk, int n) {
    int i = vt_instrument();
    if (i >= N) return;
    int m = len[i];
    int k0, k1;
    vt_chunk(m, chunk, &k0, &k1);
    if (m <= n) {
        for (int k = k0; k < k1; k++) AT(out, k) = vt_nan<T>();
        return;
    }
    T v = AT(ends, blockIdx.y);
    int k = k0;
    for (; k < k1 && k <= n; k++) AT(out, k) = k == n ? v : vt_nan<T>();
    if (k >= k1) return;
    vt_walk3(h, l, c, 1, N, i, k, k1, [&](T hi, T lo, T pc, int kk) {
        atr_step(hi, lo, pc, v, n);
        AT(out, kk) = v;
    });
}

// MACD in two scans. (1) states slow and fast EMA (one factor per state, so the carry runs per
// state), updated from bar `slow` on; apply writes the line from the lookback on and NaN before it
// in all three columns. (2) the signal EMA of the line column, updated from lookback + 1 on; its
// seed (mean of the first `sig` line values) is recomputed sequentially by the carry; apply writes
// signal and histogram from the lookback on. Periods are swapped when slow < fast, as macd.
VT_DEV void vt_macd_periods(int* fast, int* slow) {
    if (*slow < *fast) {
        int x = *slow;
        *slow = *fast;
        *fast = x;
    }
}

template <typename T>
VT_DEV void macd_scan_local(const T* __restrict__ c, T* __restrict__ ends, const int* __restrict__ len, int N, int chunk, int fast, int slow) {
    int i = vt_instrument();
    if (i >= N) return;
    vt_macd_periods(&fast, &slow);
    long long s0, s1;
    vt_scan_range(blockIdx.y, chunk, slow, len[i], &s0, &s1);
    T as = (T) 2 / (T) (slow + 1);
    T af = (T) 2 / (T) (fast + 1);
    T es = 0, ef = 0;
    if (s1 > s0) {
        vt_walk1(c, N, i, (int) s0, (int) s1, [&](T x, int) {
            es = ((x - es) * as) + es;
            ef = ((x - ef) * af) + ef;
        });
    }
    AT(ends, 2 * blockIdx.y) = es;
    AT(ends, 2 * blockIdx.y + 1) = ef;
}

// the seeds of macd at bar slow - 1: SMA(slow) and SMA of the fast window ending there
template <typename T>
VT_DEV void macd_seeds(const T* __restrict__ c, int N, int i, int fast, int slow, T* es, T* ef) {
    T s = 0;
    for (int k = 0; k < slow; k++) s += AT(c, k);
    *es = s / (T) slow;
    T f = 0;
    for (int k = slow - fast; k < slow; k++) f += AT(c, k);
    *ef = f / (T) fast;
}

template <typename T>
VT_DEV void macd_scan_carry(const T* __restrict__ c, T* __restrict__ ends, const int* __restrict__ len, int N, int chunk, int fast, int slow, int sig,
                            int chunks) {
    int i = vt_instrument();
    if (i >= N) return;
    vt_macd_periods(&fast, &slow);
    int m = len[i];
    if (m <= (slow - 1) + (sig - 1)) return;
    T es, ef;
    macd_seeds(c, N, i, fast, slow, &es, &ef);
    // two states with different factors: carry them through an interleaved view, one at a time
    T ss[1] = {es};
    T sf[1] = {ef};
    T bs = (T) 1 - (T) 2 / (T) (slow + 1);
    T bf = (T) 1 - (T) 2 / (T) (fast + 1);
    T fullS = vt_pow(bs, (T) chunk);
    T fullF = vt_pow(bf, (T) chunk);
    for (int j0 = 0; j0 < chunks; j0 += VT_G) {
        T ls[VT_G], lf[VT_G];
        VT_UNROLL for (int jj = 0; jj < VT_G; jj++) {
            if (j0 + jj < chunks) {
                ls[jj] = AT(ends, 2 * (j0 + jj));
                lf[jj] = AT(ends, 2 * (j0 + jj) + 1);
            }
        }
        VT_UNROLL for (int jj = 0; jj < VT_G; jj++) {
            int j = j0 + jj;
            if (j >= chunks) break;
            AT(ends, 2 * j) = ss[0];
            AT(ends, 2 * j + 1) = sf[0];
            long long s0, s1;
            vt_scan_range(j, chunk, slow, m, &s0, &s1);
            if (s1 > s0) {
                bool whole = s1 - s0 == chunk;
                T gs = whole ? fullS : vt_pow(bs, (T) (s1 - s0));
                T gf = whole ? fullF : vt_pow(bf, (T) (s1 - s0));
                ss[0] = ls[jj] + gs * ss[0];
                sf[0] = lf[jj] + gf * sf[0];
            }
        }
    }
}

template <typename T>
VT_DEV void macd_scan_apply(const T* __restrict__ c, T* __restrict__ line, T* __restrict__ signal, T* __restrict__ hist, const T* __restrict__ ends,
                            const int* __restrict__ len, int N, int chunk, int fast, int slow, int sig) {
    int i = vt_instrument();
    if (i >= N) return;
    vt_macd_periods(&fast, &slow);
    int m = len[i];
    int lookback = (slow - 1) + (sig - 1);
    int k0, k1;
    vt_chunk(m, chunk, &k0, &k1);
    if (m <= lookback) {
        for (int k = k0; k < k1; k++) {
            AT(line, k) = vt_nan<T>();
            AT(signal, k) = vt_nan<T>();
            AT(hist, k) = vt_nan<T>();
        }
        return;
    }
    T es = AT(ends, 2 * blockIdx.y);
    T ef = AT(ends, 2 * blockIdx.y + 1);
    T as = (T) 2 / (T) (slow + 1);
    T af = (T) 2 / (T) (fast + 1);
    int k = k0;
    for (; k < k1 && k < slow; k++) {  // before the first update: the seeds hold at slow - 1
        AT(line, k) = k == lookback ? ef - es : vt_nan<T>();
        AT(signal, k) = vt_nan<T>();
        AT(hist, k) = vt_nan<T>();
    }
    if (k >= k1) return;
    vt_walk1(c, N, i, k, k1, [&](T x, int kk) {
        es = ((x - es) * as) + es;
        ef = ((x - ef) * af) + ef;
        if (kk >= lookback) {
            AT(line, kk) = ef - es;
        } else {
            AT(line, kk) = vt_nan<T>();
            AT(signal, kk) = vt_nan<T>();
            AT(hist, kk) = vt_nan<T>();
        }
    });
}

template <typename T>
VT_DEV void macd_signal_local(const T* __restrict__ line, T* __restrict__ ends, const int* __restrict__ len, int N, int chunk, int fast, int slow,
                              int sig) {
    int i = vt_instrument();
    if (i >= N) return;
    vt_macd_periods(&fast, &slow);
    int lookback = (slow - 1) + (sig - 1);
    long long s0, s1;
    vt_scan_range(blockIdx.y, chunk, lookback + 1, len[i], &s0, &s1);
    T ag = (T) 2 / (T) (sig + 1);
    T sg = 0;
    if (s1 > s0) vt_walk1(line, N, i, (int) s0, (int) s1, [&](T l, int) { sg = ((l - sg) * ag) + sg; });
    AT(ends, blockIdx.y) = sg;
}

template <typename T>
VT_DEV void macd_signal_carry(const T* __restrict__ c, T* __restrict__ ends, const int* __restrict__ len, int N, int chunk, int fast, int slow, int sig,
                              int chunks) {
    int i = vt_instrument();
    if (i >= N) return;
    vt_macd_periods(&fast, &slow);
    int m = len[i];
    int lookback = (slow - 1) + (sig - 1);
    if (m <= lookback) return;
    // the signal's seed, sequentially as macd: the mean of the line over bars slow - 1 .. lookback
    T es, ef;
    macd_seeds(c, N, i, fast, slow, &es, &ef);
    T as = (T) 2 / (T) (slow + 1);
    T af = (T) 2 / (T) (fast + 1);
    T lineSum = ef - es;
    for (int k = slow; k < slow - 1 + sig; k++) {
        T x = AT(c, k);
        es = ((x - es) * as) + es;
        ef = ((x - ef) * af) + ef;
        lineSum += ef - es;
    }
    T state[1] = {lineSum / (T) sig};
    vt_scan_carry<T, 1>(ends, N, i, m, chunk, lookback + 1, chunks, (T) 1 - (T) 2 / (T) (sig + 1), state);
}

template <typename T>
VT_DEV void macd_signal_apply(const T* __restrict__ line, T* __restrict__ signal, T* __restrict__ hist, const T* __restrict__ ends,
                              const int* __restrict__ len, int N, int chunk, int fast, int slow, int sig) {
    int i = vt_instrument();
    if (i >= N) return;
    vt_macd_periods(&fast, &slow);
    int m = len[i];
    int lookback = (slow - 1) + (sig - 1);
    if (m <= lookback) return;  // macd_scan_apply wrote NaN
    int k0, k1;
    vt_chunk(m, chunk, &k0, &k1);
    if (k0 < lookback) k0 = lookback;
    if (k0 >= k1) return;
    T ag = (T) 2 / (T) (sig + 1);
    T sg = AT(ends, blockIdx.y);
    int k = k0;
    if (k == lookback) {  // the seed
        AT(signal, k) = sg;
        AT(hist, k) = AT(line, k) - sg;
        k++;
    }
    vt_walk1(line, N, i, k, k1, [&](T l, int kk) {
        sg = ((l - sg) * ag) + sg;
        AT(signal, kk) = sg;
        AT(hist, kk) = l - sg;
    });
}

// OBV: one state in double (as obv), updated from bar 1 on; factor 1, so the carry is a prefix sum
// of the chunks' signed volume sums. The engine uses it for float only: in double the sum's rounding
// differs from the sequential sum's by more than 1e-10 absolute where OBV crosses zero.
template <typename T>
VT_DEV void obv_scan_local(const T* __restrict__ c, const T* __restrict__ v, double* __restrict__ ends, const int* __restrict__ len, int N, int chunk) {
    int i = vt_instrument();
    if (i >= N) return;
    long long s0, s1;
    vt_scan_range(blockIdx.y, chunk, 1, len[i], &s0, &s1);
    double acc = 0;
    if (s1 > s0) {
        T prev = AT(c, s0 - 1);
        vt_walk2(c, v, 0, N, i, (int) s0, (int) s1, [&](T x, T vol, int) {
            if (x > prev) acc += (double) vol;
            else if (x < prev) acc -= (double) vol;
            prev = x;
        });
    }
    AT(ends, blockIdx.y) = acc;
}

template <typename T>
VT_DEV void obv_scan_carry(const T* __restrict__ v, double* __restrict__ ends, const int* __restrict__ len, int N, int chunk, int chunks) {
    int i = vt_instrument();
    if (i >= N) return;
    int m = len[i];
    if (m == 0) return;
    double state[1] = {(double) AT(v, 0)};
    vt_scan_carry<double, 1>(ends, N, i, m, chunk, 1, chunks, 1.0, state);
}

template <typename T>
VT_DEV void obv_scan_apply(const T* __restrict__ c, const T* __restrict__ v, T* __restrict__ out, const double* __restrict__ ends, const int* __restrict__ len,
                           int N, int chunk) {
    int i = vt_instrument();
    if (i >= N) return;
    int m = len[i];
    int k0, k1;
    vt_chunk(m, chunk, &k0, &k1);
    if (k0 >= k1) return;
    double acc = AT(ends, blockIdx.y);
    int k = k0;
    if (k == 0) {
        AT(out, 0) = (T) acc;
        k = 1;
    }
    if (k >= k1) return;
    T prev = AT(c, k - 1);
    vt_walk2(c, v, 0, N, i, k, k1, [&](T x, T vol, int kk) {
        if (x > prev) acc += (double) vol;
        else if (x < prev) acc -= (double) vol;
        prev = x;
        AT(out, kk) = (T) acc;
    });
}

// ADX in two scans. (1) states smoothed +DM, -DM and TR (Wilder, factor 1 - 1/n), updated from bar
// n on after a seed over bars 1 .. n - 1; apply writes DX of each bar >= n into a scratch column,
// NaN where TA-Lib skips the bar (TR or the DI sum is zero). (2) the DX average: its seed is the
// sum of the DX of bars n .. 2 n - 1 over n; from bar 2 n on it is updated on the bars with a DX
// only, so it is a linear recurrence whose factor ((n - 1) / n) applies per counted bar: local
// stores each chunk's end value and count, carry moves on with local + ((n - 1) / n)^count carry_in.
template <typename T>
VT_DEV void adx_step(T hk, T lk, T ck, T& prevHigh, T& prevLow, T& prevClose, T& pdm, T& mdm, T& tr, T nn) {
    T diffP = hk - prevHigh;
    prevHigh = hk;
    T diffM = prevLow - lk;
    prevLow = lk;
    mdm -= mdm / nn;
    pdm -= pdm / nn;
    if (diffM > (T) 0 && diffP < diffM) mdm += diffM;
    else if (diffP > (T) 0 && diffP > diffM) pdm += diffP;
    tr = tr - (tr / nn) + true_range(prevHigh, prevLow, prevClose);
    prevClose = ck;
}

// DX of the smoothed values, NaN where adx skips the bar
template <typename T>
VT_DEV T adx_dx(T pdm, T mdm, T tr) {
    if (vt_is_zero(tr)) return vt_nan<T>();
    T minusDi = (T) 100 * (mdm / tr);
    T plusDi = (T) 100 * (pdm / tr);
    T s = minusDi + plusDi;
    if (vt_is_zero(s)) return vt_nan<T>();
    return (T) 100 * (vt_abs(minusDi - plusDi) / s);
}

template <typename T>
VT_DEV void adx_scan_local(const T* __restrict__ h, const T* __restrict__ l, const T* __restrict__ c, T* __restrict__ ends, const int* __restrict__ len,
                           int N, int chunk, int n) {
    int i = vt_instrument();
    if (i >= N) return;
    long long s0, s1;
    vt_scan_range(blockIdx.y, chunk, n, len[i], &s0, &s1);
    T pdm = 0, mdm = 0, tr = 0;
    if (s1 > s0) {
        T nn = (T) n;
        T ph = AT(h, s0 - 1), pl = AT(l, s0 - 1), pc = AT(c, s0 - 1);
        vt_walk3(h, l, c, 0, N, i, (int) s0, (int) s1, [&](T hk, T lk, T ck, int) { adx_step(hk, lk, ck, ph, pl, pc, pdm, mdm, tr, nn); });
    }
    AT(ends, 3 * blockIdx.y) = pdm;
    AT(ends, 3 * blockIdx.y + 1) = mdm;
    AT(ends, 3 * blockIdx.y + 2) = tr;
}

template <typename T>
VT_DEV void adx_scan_carry(const T* __restrict__ h, const T* __restrict__ l, const T* __restrict__ c, T* __restrict__ ends, const int* __restrict__ len,
                           int N, int chunk, int n, int chunks) {
    int i = vt_instrument();
    if (i >= N) return;
    int m = len[i];
    if (m <= 2 * n - 1) return;
    T pdm = 0, mdm = 0, tr = 0;  // the seed over bars 1 .. n - 1, as adx
    T prevHigh = AT(h, 0), prevLow = AT(l, 0), prevClose = AT(c, 0);
    for (int k = 1; k < n; k++) {
        T x = AT(h, k);
        T diffP = x - prevHigh;
        prevHigh = x;
        x = AT(l, k);
        T diffM = prevLow - x;
        prevLow = x;
        if (diffM > (T) 0 && diffP < diffM) mdm += diffM;
        else if (diffP > (T) 0 && diffP > diffM) pdm += diffP;
        tr += true_range(prevHigh, prevLow, prevClose);
        prevClose = AT(c, k);
    }
    T state[3] = {pdm, mdm, tr};
    vt_scan_carry<T, 3>(ends, N, i, m, chunk, n, chunks, (T) 1 - (T) 1 / (T) n, state);
}

template <typename T>
VT_DEV void adx_scan_dx(const T* __restrict__ h, const T* __restrict__ l, const T* __restrict__ c, T* __restrict__ dx, const T* __restrict__ ends,
                        const int* __restrict__ len, int N, int chunk, int n) {
    int i = vt_instrument();
    if (i >= N) return;
    int m = len[i];
    if (m <= 2 * n - 1) return;
    long long s0, s1;
    vt_scan_range(blockIdx.y, chunk, n, m, &s0, &s1);
    if (s1 <= s0) return;
    T pdm = AT(ends, 3 * blockIdx.y), mdm = AT(ends, 3 * blockIdx.y + 1), tr = AT(ends, 3 * blockIdx.y + 2);
    T nn = (T) n;
    T ph = AT(h, s0 - 1), pl = AT(l, s0 - 1), pc = AT(c, s0 - 1);
    vt_walk3(h, l, c, 0, N, i, (int) s0, (int) s1, [&](T hk, T lk, T ck, int k) {
        adx_step(hk, lk, ck, ph, pl, pc, pdm, mdm, tr, nn);
        AT(dx, k) = adx_dx(pdm, mdm, tr);
    });
}

template <typename T>
VT_DEV void adx_avg_local(const T* __restrict__ dx, T* __restrict__ ends, const int* __restrict__ len, int N, int chunk, int n) {
    int i = vt_instrument();
    if (i >= N) return;
    long long s0, s1;
    vt_scan_range(blockIdx.y, chunk, 2 * n, len[i], &s0, &s1);
    T a = 0;
    int count = 0;
    if (s1 > s0) {
        T nn = (T) n;
        vt_walk1(dx, N, i, (int) s0, (int) s1, [&](T d, int) {
            if (!vt_isnan(d)) {
                a = ((a * (T) (n - 1)) + d) / nn;
                count++;
            }
        });
    }
    AT(ends, 2 * blockIdx.y) = a;
    AT(ends, 2 * blockIdx.y + 1) = (T) count;  // at most a chunk's length: exact in float
}

template <typename T>
VT_DEV void adx_avg_carry(const T* __restrict__ dx, T* __restrict__ ends, const int* __restrict__ len, int N, int chunk, int n, int chunks) {
    int i = vt_instrument();
    if (i >= N) return;
    int m = len[i];
    if (m <= 2 * n - 1) return;
    T sumDx = 0;
    for (int k = n; k < 2 * n; k++) {  // the seed, as adx: the DX of bars n .. 2 n - 1 over n
        T d = AT(dx, k);
        if (!vt_isnan(d)) sumDx += d;
    }
    T e = sumDx / (T) n;
    T b = (T) (n - 1) / (T) n;
    for (int j0 = 0; j0 < chunks; j0 += VT_G) {
        T loc[VT_G], cnt[VT_G];
        VT_UNROLL for (int jj = 0; jj < VT_G; jj++) {
            if (j0 + jj < chunks) {
                loc[jj] = AT(ends, 2 * (j0 + jj));
                cnt[jj] = AT(ends, 2 * (j0 + jj) + 1);
            }
        }
        VT_UNROLL for (int jj = 0; jj < VT_G; jj++) {
            int j = j0 + jj;
            if (j >= chunks) break;
            AT(ends, 2 * j) = e;  // carry-in of chunk j
            if (cnt[jj] > (T) 0) e = loc[jj] + vt_pow(b, cnt[jj]) * e;
        }
    }
}

template <typename T>
VT_DEV void adx_avg_apply(const T* __restrict__ dx, T* __restrict__ out, const T* __restrict__ ends, const int* __restrict__ len, int N, int chunk, int n) {
    int i = vt_instrument();
    if (i >= N) return;
    int m = len[i];
    int k0, k1;
    vt_chunk(m, chunk, &k0, &k1);
    int lookback = 2 * n - 1;
    if (m <= lookback) {
        for (int k = k0; k < k1; k++) AT(out, k) = vt_nan<T>();
        return;
    }
    T a = AT(ends, 2 * blockIdx.y);
    int k = k0;
    for (; k < k1 && k <= lookback; k++) AT(out, k) = k == lookback ? a : vt_nan<T>();
    if (k >= k1) return;
    T nn = (T) n;
    vt_walk1(dx, N, i, k, k1, [&](T d, int kk) {
        if (!vt_isnan(d)) a = ((a * (T) (n - 1)) + d) / nn;
        AT(out, kk) = a;
    });
}

#undef AT

// ---------------------------------------------------------------- entry points
#define VT_P(T) const T* __restrict__
#define VT_ENTRIES(T, S)                                                                              \
    extern "C" __global__ void vt_gather_##S(VT_P(T) o, VT_P(T) h, VT_P(T) l, VT_P(T) c, VT_P(T) v,  \
            T* __restrict__ co, T* __restrict__ ch, T* __restrict__ cl, T* __restrict__ cc, T* __restrict__ cv, int* __restrict__ rank, int* __restrict__ len, int N, int bars) {                 \
        gather<T>(o, h, l, c, v, co, ch, cl, cc, cv, rank, len, N, bars); }                           \
    extern "C" __global__ void vt_gather_count_##S(VT_P(T) c, int* __restrict__ counts, int N, int bars, int chunk) {                      \
        gather_count<T>(c, counts, N, bars, chunk); }                                                 \
    extern "C" __global__ void vt_gather_prefix_##S(int* __restrict__ counts, int* __restrict__ len, int N, int chunks) {                  \
        gather_prefix(counts, len, N, chunks); }                                                      \
    extern "C" __global__ void vt_gather_apply_##S(VT_P(T) o, VT_P(T) h, VT_P(T) l, VT_P(T) c, VT_P(T) v,                             \
            T* __restrict__ co, T* __restrict__ ch, T* __restrict__ cl, T* __restrict__ cc, T* __restrict__ cv, int* __restrict__ rank,           \
            const int* __restrict__ counts, int N, int bars, int chunk) {                                                    \
        gather_apply<T>(o, h, l, c, v, co, ch, cl, cc, cv, rank, counts, N, bars, chunk); }           \
    extern "C" __global__ void vt_scatter_##S(VT_P(T) compact, T* __restrict__ full, const int* __restrict__ rank,                     \
            int N, int bars, int chunk) { scatter<T>(compact, full, rank, N, bars, chunk); }          \
    extern "C" __global__ void vt_momentum_##S(VT_P(T) c, T* __restrict__ out, const int* __restrict__ len, int N, int chunk,  \
            int n) { momentum<T>(c, out, len, N, chunk, n); }                                         \
    extern "C" __global__ void vt_roc_##S(VT_P(T) c, T* __restrict__ out, const int* __restrict__ len, int N, int chunk,       \
            int n) { roc<T>(c, out, len, N, chunk, n); }                                              \
    extern "C" __global__ void vt_logret_##S(VT_P(T) c, T* __restrict__ out, const int* __restrict__ len, int N, int chunk,    \
            int n) { logret<T>(c, out, len, N, chunk, n); }                                           \
    extern "C" __global__ void vt_volatility_##S(VT_P(T) c, T* __restrict__ out, const int* __restrict__ len, int N,           \
            int chunk, int n) { volatility<T>(c, out, len, N, chunk, n); }                            \
    extern "C" __global__ void vt_window_mean_##S(VT_P(T) in, T* __restrict__ out, const int* __restrict__ len, int N,         \
            int chunk, int n, int first) { window_mean<T>(in, out, len, N, chunk, n, first); }        \
    extern "C" __global__ void vt_nan_prefix_##S(T* __restrict__ out, const int* __restrict__ len, int N, int chunk,           \
            int count) { nan_prefix<T>(out, len, N, chunk, count); }                                  \
    extern "C" __global__ void vt_bbands_##S(VT_P(T) c, T* __restrict__ up, T* __restrict__ mid, T* __restrict__ lo, const int* __restrict__ len,        \
            int N, int chunk, int n, double k) { bbands<T>(c, up, mid, lo, len, N, chunk, n, k); }    \
    extern "C" __global__ void vt_bbands_running_##S(VT_P(T) c, T* __restrict__ up, T* __restrict__ mid, T* __restrict__ lo,                \
            const int* __restrict__ len, int N, int n, double k) { bbands_running<T>(c, up, mid, lo, len, N, n, k); } \
    extern "C" __global__ void vt_zscore_##S(VT_P(T) c, T* __restrict__ out, const int* __restrict__ len, int N, int chunk,    \
            int n) { zscore<T>(c, out, len, N, chunk, n); }                                           \
    extern "C" __global__ void vt_vwap_##S(VT_P(T) h, VT_P(T) l, VT_P(T) c, VT_P(T) v, T* __restrict__ out,       \
            const int* __restrict__ len, int N, int chunk, int n) { vwap<T>(h, l, c, v, out, len, N, chunk, n); }  \
    extern "C" __global__ void vt_willr_##S(VT_P(T) h, VT_P(T) l, VT_P(T) c, T* __restrict__ out,                 \
            const int* __restrict__ len, int N, int chunk, int n) { willr<T>(h, l, c, out, len, N, chunk, n); }    \
    extern "C" __global__ void vt_stoch_fastk_##S(VT_P(T) h, VT_P(T) l, VT_P(T) c, T* __restrict__ out,           \
            const int* __restrict__ len, int N, int chunk, int n) { stoch_fastk<T>(h, l, c, out, len, N, chunk, n); } \
    extern "C" __global__ void vt_cci_##S(VT_P(T) h, VT_P(T) l, VT_P(T) c, T* __restrict__ out, const int* __restrict__ len,   \
            int N, int chunk, int n) { cci<T>(h, l, c, out, len, N, chunk, n); }                      \
    extern "C" __global__ void vt_ema_##S(VT_P(T) c, T* __restrict__ out, const int* __restrict__ len, int N, int n) {         \
        ema<T>(c, out, len, N, n); }                                                                  \
    extern "C" __global__ void vt_ema_scan_local_##S(VT_P(T) c, T* __restrict__ ends, const int* __restrict__ len, int N,      \
            int chunk, int n) { ema_scan_local<T>(c, ends, len, N, chunk, n); }                       \
    extern "C" __global__ void vt_ema_scan_carry_##S(VT_P(T) c, T* __restrict__ ends, const int* __restrict__ len, int N,      \
            int chunk, int n, int chunks) { ema_scan_carry<T>(c, ends, len, N, chunk, n, chunks); }   \
    extern "C" __global__ void vt_ema_scan_apply_##S(VT_P(T) c, T* __restrict__ out, VT_P(T) ends,                \
            const int* __restrict__ len, int N, int chunk, int n) { ema_scan_apply<T>(c, out, ends, len, N, chunk, n); } \
    extern "C" __global__ void vt_rsi_##S(VT_P(T) c, T* __restrict__ out, const int* __restrict__ len, int N, int n) {         \
        rsi<T>(c, out, len, N, n); }                                                                  \
    extern "C" __global__ void vt_macd_##S(VT_P(T) c, T* __restrict__ line, T* __restrict__ sig, T* __restrict__ hist, const int* __restrict__ len,      \
            int N, int fast, int slow, int signal) { macd<T>(c, line, sig, hist, len, N, fast, slow, signal); } \
    extern "C" __global__ void vt_atr_##S(VT_P(T) h, VT_P(T) l, VT_P(T) c, T* __restrict__ out, const int* __restrict__ len,   \
            int N, int n) { atr<T>(h, l, c, out, len, N, n); }                                        \
    extern "C" __global__ void vt_adx_##S(VT_P(T) h, VT_P(T) l, VT_P(T) c, T* __restrict__ out, const int* __restrict__ len,   \
            int N, int n) { adx<T>(h, l, c, out, len, N, n); }                                        \
    extern "C" __global__ void vt_rsi_scan_local_##S(VT_P(T) c, T* __restrict__ ends, const int* __restrict__ len, int N, int chunk, int n) { \
        rsi_scan_local<T>(c, ends, len, N, chunk, n); }                                               \
    extern "C" __global__ void vt_rsi_scan_carry_##S(VT_P(T) c, T* __restrict__ ends, const int* __restrict__ len, int N, int chunk, int n, \
            int chunks) { rsi_scan_carry<T>(c, ends, len, N, chunk, n, chunks); }                     \
    extern "C" __global__ void vt_rsi_scan_apply_##S(VT_P(T) c, T* __restrict__ out, VT_P(T) ends, const int* __restrict__ len, int N,    \
            int chunk, int n) { rsi_scan_apply<T>(c, out, ends, len, N, chunk, n); }                  \
    extern "C" __global__ void vt_atr_scan_local_##S(VT_P(T) h, VT_P(T) l, VT_P(T) c, T* __restrict__ ends, const int* __restrict__ len,  \
            int N, int chunk, int n) { atr_scan_local<T>(h, l, c, ends, len, N, chunk, n); }          \
    extern "C" __global__ void vt_atr_scan_carry_##S(VT_P(T) h, VT_P(T) l, VT_P(T) c, T* __restrict__ ends, const int* __restrict__ len,  \
            int N, int chunk, int n, int chunks) { atr_scan_carry<T>(h, l, c, ends, len, N, chunk, n, chunks); } \
    extern "C" __global__ void vt_atr_scan_apply_##S(VT_P(T) h, VT_P(T) l, VT_P(T) c, T* __restrict__ out, VT_P(T) ends,               \
            const int* __restrict__ len, int N, int chunk, int n) { atr_scan_apply<T>(h, l, c, out, ends, len, N, chunk, n); } \
    extern "C" __global__ void vt_macd_scan_local_##S(VT_P(T) c, T* __restrict__ ends, const int* __restrict__ len, int N, int chunk,     \
            int fast, int slow) { macd_scan_local<T>(c, ends, len, N, chunk, fast, slow); }           \
    extern "C" __global__ void vt_macd_scan_carry_##S(VT_P(T) c, T* __restrict__ ends, const int* __restrict__ len, int N, int chunk,     \
            int fast, int slow, int sig, int chunks) { macd_scan_carry<T>(c, ends, len, N, chunk, fast, slow, sig, chunks); } \
    extern "C" __global__ void vt_macd_scan_apply_##S(VT_P(T) c, T* __restrict__ line, T* __restrict__ sg, T* __restrict__ hist,          \
            VT_P(T) ends, const int* __restrict__ len, int N, int chunk, int fast, int slow, int sig) {                     \
        macd_scan_apply<T>(c, line, sg, hist, ends, len, N, chunk, fast, slow, sig); }                \
    extern "C" __global__ void vt_macd_signal_local_##S(VT_P(T) line, T* __restrict__ ends, const int* __restrict__ len, int N,           \
            int chunk, int fast, int slow, int sig) { macd_signal_local<T>(line, ends, len, N, chunk, fast, slow, sig); } \
    extern "C" __global__ void vt_macd_signal_carry_##S(VT_P(T) c, T* __restrict__ ends, const int* __restrict__ len, int N, int chunk,   \
            int fast, int slow, int sig, int chunks) { macd_signal_carry<T>(c, ends, len, N, chunk, fast, slow, sig, chunks); } \
    extern "C" __global__ void vt_macd_signal_apply_##S(VT_P(T) line, T* __restrict__ sg, T* __restrict__ hist, VT_P(T) ends,            \
            const int* __restrict__ len, int N, int chunk, int fast, int slow, int sig) {                                  \
        macd_signal_apply<T>(line, sg, hist, ends, len, N, chunk, fast, slow, sig); }                 \
    extern "C" __global__ void vt_obv_scan_local_##S(VT_P(T) c, VT_P(T) v, double* __restrict__ ends, const int* __restrict__ len, int N, \
            int chunk) { obv_scan_local<T>(c, v, ends, len, N, chunk); }                              \
    extern "C" __global__ void vt_obv_scan_carry_##S(VT_P(T) v, double* __restrict__ ends, const int* __restrict__ len, int N, int chunk,  \
            int chunks) { obv_scan_carry<T>(v, ends, len, N, chunk, chunks); }                        \
    extern "C" __global__ void vt_obv_scan_apply_##S(VT_P(T) c, VT_P(T) v, T* __restrict__ out, const double* __restrict__ ends,          \
            const int* __restrict__ len, int N, int chunk) { obv_scan_apply<T>(c, v, out, ends, len, N, chunk); } \
    extern "C" __global__ void vt_adx_scan_local_##S(VT_P(T) h, VT_P(T) l, VT_P(T) c, T* __restrict__ ends, const int* __restrict__ len,  \
            int N, int chunk, int n) { adx_scan_local<T>(h, l, c, ends, len, N, chunk, n); }          \
    extern "C" __global__ void vt_adx_scan_carry_##S(VT_P(T) h, VT_P(T) l, VT_P(T) c, T* __restrict__ ends, const int* __restrict__ len,  \
            int N, int chunk, int n, int chunks) { adx_scan_carry<T>(h, l, c, ends, len, N, chunk, n, chunks); } \
    extern "C" __global__ void vt_adx_scan_dx_##S(VT_P(T) h, VT_P(T) l, VT_P(T) c, T* __restrict__ dx, VT_P(T) ends,                    \
            const int* __restrict__ len, int N, int chunk, int n) { adx_scan_dx<T>(h, l, c, dx, ends, len, N, chunk, n); } \
    extern "C" __global__ void vt_adx_avg_local_##S(VT_P(T) dx, T* __restrict__ ends, const int* __restrict__ len, int N, int chunk,      \
            int n) { adx_avg_local<T>(dx, ends, len, N, chunk, n); }                                  \
    extern "C" __global__ void vt_adx_avg_carry_##S(VT_P(T) dx, T* __restrict__ ends, const int* __restrict__ len, int N, int chunk,      \
            int n, int chunks) { adx_avg_carry<T>(dx, ends, len, N, chunk, n, chunks); }              \
    extern "C" __global__ void vt_adx_avg_apply_##S(VT_P(T) dx, T* __restrict__ out, VT_P(T) ends, const int* __restrict__ len, int N,    \
            int chunk, int n) { adx_avg_apply<T>(dx, out, ends, len, N, chunk, n); }                  \
    extern "C" __global__ void vt_obv_##S(VT_P(T) c, VT_P(T) v, T* __restrict__ out, const int* __restrict__ len, int N) {     \
        obv<T>(c, v, out, len, N); }

VT_ENTRIES(float, f32)
VT_ENTRIES(double, f64)

// the model and signal kernels of the fused device pipeline, and the live engine's streaming features
#include "pipeline.cuh"
#include "live.cuh"
