// vectrade pipeline kernels: the model (normalisation + dense layers) and the signal policies on
// the device, so that features -> scores -> signals run without a host round trip. Included by
// vectrade.cu; same conventions (time-major [t * N + i], _f32/_f64 entry points, plain C++ that
// the host shim compiles: no shared memory, no __syncthreads, one thread = one independent task).
//
// Each kernel follows its Java policy in io.vectrade.signal operation by operation (same
// comparisons, same order of the sums), so that on the same scores the double kernels give the
// Java frame bit for bit; the tests check exactly that.
#pragma once

VT_DEV bool vt_finite(double x) { return x == x && x - x == 0.0; }
VT_DEV bool vt_finite(float x) { return x == x && x - x == 0.0f; }
VT_DEV double vt_tanh(double x) { return tanh(x); }
VT_DEV float vt_tanh(float x) { return tanhf(x); }
VT_DEV double vt_exp(double x) { return exp(x); }
VT_DEV float vt_exp(float x) { return expf(x); }
VT_DEV double vt_floor(double x) { return floor(x); }

// Activations live in two per-thread arrays of W values; the model kernel exists for W = 16, 64
// and 256 (the host picks the smallest that holds the model's widest layer), because the driver
// reserves W-sized local memory for every resident thread.

// ---------------------------------------------------------------- model
// params: mean[F], std[F], then per layer W[out][in] (row-major, PyTorch layout) and b[out].
// layers: per layer {inputs, outputs, activation} with activation 0 identity, 1 relu, 2 tanh,
// 3 sigmoid. cols: F device pointers (the model's input columns). One thread per row
// r in [from, to); a row with a NaN or infinite input scores NaN (as CpuPredictor).
template <typename T, int W>
VT_DEV void predict(const long long* __restrict__ cols, int F, const T* __restrict__ params,
                    const int* __restrict__ layers, int nLayers, T* __restrict__ scores, long long from, long long to) {
    long long r = from + (long long) blockIdx.x * blockDim.x + threadIdx.x;
    if (r >= to) return;
    T a[W];
    T b[W];
    bool bad = false;
    for (int f = 0; f < F; f++) {
        T v = ((const T*) cols[f])[r];
        bad |= !vt_finite(v);
        a[f] = (v - params[f]) / params[F + f];
    }
    if (bad) {
        scores[r] = vt_nan<T>();
        return;
    }
    const T* p = params + 2 * F;
    T* in = a;
    T* out = b;
    for (int l = 0; l < nLayers; l++) {
        int k = layers[3 * l];
        int outs = layers[3 * l + 1];
        int act = layers[3 * l + 2];
        const T* w = p;
        const T* bias = p + (long long) k * outs;
        for (int o = 0; o < outs; o++) {
            T s = bias[o];
            const T* row = w + (long long) o * k;
            for (int j = 0; j < k; j++) {
                s += row[j] * in[j];
            }
            if (act == 1) {
                s = s > (T) 0 ? s : (T) 0;
            } else if (act == 2) {
                s = vt_tanh(s);
            } else if (act == 3) {
                s = (T) 1 / ((T) 1 + vt_exp(-s));
            }
            out[o] = s;
        }
        p = bias + outs;
        T* x = in;
        in = out;
        out = x;
    }
    scores[r] = in[0];
}

// ---------------------------------------------------------------- signals
// The frame: side (signed char: 1 long, -1 short, 0 flat), strength and weight, [bars * N].

// rank (RankPolicy): thread (i, bar) counts the finite scores of its bar (m) and those ranking
// below its own (ascending score; equal scores: the higher instrument index ranks lower), then
// takes its side from its rank. quantile < 0 means counts (top, bottom).
template <typename T>
VT_DEV void rank(const T* __restrict__ scores, signed char* __restrict__ side, T* __restrict__ strength,
                 T* __restrict__ weight, int N, int fromBar, int top, int bottom, double quantile) {
    int i = vt_instrument();
    if (i >= N) return;
    long long row = (long long) (fromBar + (int) blockIdx.y) * N;
    long long r = row + i;
    T si = scores[r];
    bool mine = vt_finite(si);
    int m = 0;
    int below = 0;
    // groups of 8 with the group's loads first: 8 loads in flight instead of one
    for (int j0 = 0; j0 < N; j0 += 8) {
        T v[8];
        VT_UNROLL
        for (int u = 0; u < 8; u++) {
            v[u] = j0 + u < N ? scores[row + j0 + u] : vt_nan<T>();
        }
        VT_UNROLL
        for (int u = 0; u < 8; u++) {
            int j = j0 + u;
            if (!vt_finite(v[u])) continue;
            m++;
            if (mine && (v[u] < si || (v[u] == si && j > i))) below++;
        }
    }
    side[r] = 0;
    strength[r] = 0;
    weight[r] = 0;
    if (!mine) return;
    int wantLong = quantile < 0 ? top : (int) vt_floor(quantile * m);
    int wantShort = quantile < 0 ? bottom : wantLong;
    int kShortCap = wantLong + wantShort > m ? m / 2 : wantShort;
    int kShort = wantShort < kShortCap ? wantShort : kShortCap;
    int kLong = wantLong < m - kShort ? wantLong : m - kShort;
    double denom = m > 1 ? m - 1 : 1;
    if (below >= m - kLong) {
        side[r] = 1;
        weight[r] = (T) (1.0 / kLong);
        strength[r] = (T) (m > 1 ? below / denom : 1.0);
    } else if (below < kShort) {
        side[r] = -1;
        weight[r] = (T) (-1.0 / kShort);
        strength[r] = (T) (m > 1 ? 1 - below / denom : 1.0);
    }
}

// threshold with hysteresis (ThresholdPolicy): one thread per instrument walks bars [from, to),
// state[i] (signed char) carries across launches; a NaN score holds the state with strength 0.
template <typename T>
VT_DEV void threshold(const T* __restrict__ scores, signed char* __restrict__ state, signed char* __restrict__ side,
                      T* __restrict__ strength, T* __restrict__ weight, int N, int fromBar, int toBar,
                      double longEntry, double exitLevel, double shortEntry, double cover, double size) {
    int i = vt_instrument();
    if (i >= N) return;
    signed char st = state[i];
    for (int t = fromBar; t < toBar; t++) {
        long long r = (long long) t * N + i;
        double s = (double) scores[r];
        double str = 0;
        if (s == s) {
            if (st == 1) {
                st = s < shortEntry ? -1 : (s < exitLevel ? 0 : 1);
            } else if (st == -1) {
                st = s > longEntry ? 1 : (s > cover ? 0 : -1);
            } else {
                st = s > longEntry ? 1 : (s < shortEntry ? -1 : 0);
            }
            double x = 0;
            if (st == 1) {
                x = longEntry > exitLevel ? (s - exitLevel) / (longEntry - exitLevel) : 1;
            } else if (st == -1) {
                x = cover > shortEntry ? (cover - s) / (cover - shortEntry) : 1;
            }
            str = st == 0 ? 0 : (x < 0 ? 0 : (x > 1 ? 1 : x));
        }
        side[r] = st;
        strength[r] = (T) str;
        weight[r] = (T) (st * size);
    }
    state[i] = st;
}

template <typename T>
VT_DEV void threshold_reset(signed char* __restrict__ state, int N) {
    int i = vt_instrument();
    if (i < N) state[i] = 0;
}

// voltarget (VolTargetPolicy): weight * scale / vol, flat where vol is NaN, <= 0 or infinite
template <typename T>
VT_DEV void voltarget(const T* __restrict__ vol, signed char* __restrict__ side, T* __restrict__ strength,
                      T* __restrict__ weight, int N, int fromBar, double scale) {
    int i = vt_instrument();
    if (i >= N) return;
    long long r = (long long) (fromBar + (int) blockIdx.y) * N + i;
    T w = weight[r];
    if (w == 0) return;
    T v = vol[r];
    if (v > 0 && vt_finite(v)) {
        weight[r] = (T) ((double) w * scale / (double) v);
    } else {
        side[r] = 0;
        strength[r] = 0;
        weight[r] = 0;
    }
}

// caps (CapsPolicy) in three kernels, summing like CapsPolicy: the clipped long and short totals
// over blocks of VT_CAPS_BLOCK instruments, then the block totals in order. caps_blocks: thread
// (block j, bar) sums its block into parts[(t * blocks + j) * 2 + {0, 1}]; caps_sums: one thread
// per bar adds its blocks' totals in order into sums[2 t], sums[2 t + 1]; caps: thread
// (i, bar) applies max, gross and net to its own weight from those totals, in place.
#define VT_CAPS_BLOCK 32

template <typename T>
VT_DEV double vt_clip(T w, double maxW) {
    double x = w;
    if (x > maxW) {
        x = maxW;
    } else if (x < -maxW) {
        x = -maxW;
    }
    return (T) x;
}

template <typename T>
VT_DEV void caps_blocks(const T* __restrict__ weight, double* __restrict__ parts, int N, int fromBar, double maxW) {
    int blocks = (N + VT_CAPS_BLOCK - 1) / VT_CAPS_BLOCK;
    int j = (int) (blockIdx.x * blockDim.x + threadIdx.x);
    if (j >= blocks) return;
    long long t = fromBar + (long long) blockIdx.y;
    long long row = t * N;
    int k0 = j * VT_CAPS_BLOCK;
    int k1 = k0 + VT_CAPS_BLOCK < N ? k0 + VT_CAPS_BLOCK : N;
    double longs = 0;
    double shorts = 0;
    for (int k = k0; k < k1; k++) {
        double x = vt_clip<T>(weight[row + k], maxW);
        if (x > 0) {
            longs += x;
        } else {
            shorts -= x;
        }
    }
    parts[(t * blocks + j) * 2] = longs;
    parts[(t * blocks + j) * 2 + 1] = shorts;
}

VT_DEV void caps_sums(const double* __restrict__ parts, double* __restrict__ sums, int N, int fromBar, int toBar) {
    int t = fromBar + (int) (blockIdx.x * blockDim.x + threadIdx.x);
    if (t >= toBar) return;
    int blocks = (N + VT_CAPS_BLOCK - 1) / VT_CAPS_BLOCK;
    double longs = 0;
    double shorts = 0;
    for (int j = 0; j < blocks; j++) {
        longs += parts[((long long) t * blocks + j) * 2];
        shorts += parts[((long long) t * blocks + j) * 2 + 1];
    }
    sums[2 * (long long) t] = longs;
    sums[2 * (long long) t + 1] = shorts;
}

template <typename T>
VT_DEV void caps(T* __restrict__ weight, signed char* __restrict__ side, T* __restrict__ strength,
                 const double* __restrict__ sums, int N, int fromBar, double maxW, double gross, double net) {
    int i = vt_instrument();
    if (i >= N) return;
    int t = fromBar + (int) blockIdx.y;
    long long r = (long long) t * N + i;
    double longs = sums[2 * (long long) t];
    double shorts = sums[2 * (long long) t + 1];
    double mine = vt_clip<T>(weight[r], maxW);
    double g = longs + shorts;
    if (g > gross) {
        double f = gross / g;
        mine = (T) (mine * f);
        longs *= f;
        shorts *= f;
    }
    double nt = longs - shorts;
    if (nt > net) {
        if (mine > 0) mine = (T) (mine * ((shorts + net) / longs));
    } else if (-nt > net) {
        if (mine < 0) mine = (T) (mine * ((longs + net) / shorts));
    }
    if (mine == 0) {
        side[r] = 0;
        strength[r] = 0;
        weight[r] = 0;
    } else {
        weight[r] = (T) mine;
    }
}

#define VT_PREDICT_ENTRY(T, S, W)                                                                     \
    extern "C" __global__ void vt_predict##W##_##S(const long long* __restrict__ cols, int F,          \
            const T* __restrict__ params, const int* __restrict__ layers, int nLayers,                 \
            T* __restrict__ scores, long long from, long long to) {                                    \
        predict<T, W>(cols, F, params, layers, nLayers, scores, from, to); }

#define VT_PIPELINE_ENTRIES(T, S)                                                                     \
    VT_PREDICT_ENTRY(T, S, 16) VT_PREDICT_ENTRY(T, S, 64) VT_PREDICT_ENTRY(T, S, 256)               \
    extern "C" __global__ void vt_rank_##S(const T* __restrict__ scores, signed char* __restrict__ side, \
            T* __restrict__ strength, T* __restrict__ weight, int N, int fromBar, int top, int bottom, \
            double quantile) { rank<T>(scores, side, strength, weight, N, fromBar, top, bottom, quantile); } \
    extern "C" __global__ void vt_threshold_##S(const T* __restrict__ scores, signed char* __restrict__ state, \
            signed char* __restrict__ side, T* __restrict__ strength, T* __restrict__ weight, int N,   \
            int fromBar, int toBar, double longEntry, double exitLevel, double shortEntry, double cover, \
            double size) { threshold<T>(scores, state, side, strength, weight, N, fromBar, toBar,      \
            longEntry, exitLevel, shortEntry, cover, size); }                                          \
    extern "C" __global__ void vt_threshold_reset_##S(signed char* __restrict__ state, int N) {       \
        threshold_reset<T>(state, N); }                                                                \
    extern "C" __global__ void vt_voltarget_##S(const T* __restrict__ vol, signed char* __restrict__ side, \
            T* __restrict__ strength, T* __restrict__ weight, int N, int fromBar, double scale) {      \
        voltarget<T>(vol, side, strength, weight, N, fromBar, scale); }                                \
    extern "C" __global__ void vt_caps_blocks_##S(const T* __restrict__ weight, double* __restrict__ parts, \
            int N, int fromBar, double maxW) { caps_blocks<T>(weight, parts, N, fromBar, maxW); }       \
    extern "C" __global__ void vt_caps_##S(T* __restrict__ weight, signed char* __restrict__ side,     \
            T* __restrict__ strength, const double* __restrict__ sums, int N, int fromBar, double maxW, \
            double gross, double net) { caps<T>(weight, side, strength, sums, N, fromBar, maxW, gross, net); }

extern "C" __global__ void vt_caps_sums(const double* __restrict__ parts, double* __restrict__ sums, int N,
        int fromBar, int toBar) { caps_sums(parts, sums, N, fromBar, toBar); }

VT_PIPELINE_ENTRIES(float, f32)
VT_PIPELINE_ENTRIES(double, f64)
