// vectrade pipeline kernels: the model (normalisation + dense layers) and the signal policies on
// the device, so that features -> scores -> signals run without a host round trip. Included by
// vectrade.cu; same conventions (time-major [t * N + i], _f32/_f64 entry points, plain C++ that
// the host shim compiles: no shared memory, no __syncthreads, one thread = one independent task).
#pragma once
