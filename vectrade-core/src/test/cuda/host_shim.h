// TEST ONLY, never shipped: lets src/main/cuda/vectrade.cu compile with g++ for the host, so that
// HostDevice can run the kernels serially (one call per CUDA thread) and tests can check kernel
// logic against the cpu reference on machines without a GPU. This is not GPU verification.
#pragma once
#include <cmath>

#define __global__
#define VT_DEV static inline

struct vt_dim3 {
    unsigned x, y, z;
};

inline vt_dim3 threadIdx = {0, 0, 0};
inline vt_dim3 blockIdx = {0, 0, 0};
inline vt_dim3 blockDim = {1, 1, 1};
inline vt_dim3 gridDim = {1, 1, 1};

// Sets the indices the next kernel call sees (HostDevice calls it before every simulated thread).
extern "C" void vt_host_set(unsigned tx, unsigned bx, unsigned by, unsigned bdx, unsigned gdx, unsigned gdy) {
    threadIdx = {tx, 0, 0};
    blockIdx = {bx, by, 0};
    blockDim = {bdx, 1, 1};
    gridDim = {gdx, gdy, 1};
}
