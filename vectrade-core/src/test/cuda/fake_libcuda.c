// TEST ONLY: a fake libcuda exporting the entry points CudaDriver binds, with canned answers, so
// that the java.lang.foreign bindings (symbol names, signatures, out-parameters, error names) and
// CudaRuntime's start-up are exercised without a GPU. Says nothing about the real driver.
#include <stddef.h>
#include <string.h>

typedef int CUresult;
static int init_result = 100;  /* CUDA_ERROR_NO_DEVICE */
static int device_count = 0;
static long long next_ptr = 0x10000;

void fake_configure(int initResult, int deviceCount) { init_result = initResult; device_count = deviceCount; }

CUresult cuGetErrorName(CUresult e, const char** s) {
    switch (e) {
        case 0: *s = "CUDA_SUCCESS"; return 0;
        case 2: *s = "CUDA_ERROR_OUT_OF_MEMORY"; return 0;
        case 100: *s = "CUDA_ERROR_NO_DEVICE"; return 0;
        case 500: *s = "CUDA_ERROR_NOT_FOUND"; return 0;
        default: *s = NULL; return 1;
    }
}
CUresult cuInit(unsigned flags) { return flags == 0 ? init_result : 1; }
CUresult cuDriverGetVersion(int* v) { *v = 13000; return 0; }
CUresult cuDeviceGetCount(int* n) { *n = device_count; return 0; }
CUresult cuDeviceGet(int* d, int ordinal) { if (ordinal >= device_count) return 101; *d = ordinal; return 0; }
CUresult cuDeviceGetName(char* name, int len, int dev) { strncpy(name, "Fake GPU 80GB", (size_t) len); return dev == 0 ? 0 : 101; }
CUresult cuDeviceTotalMem_v2(size_t* bytes, int dev) { *bytes = (size_t) 80 << 30; return 0; }
CUresult cuDeviceGetAttribute(int* v, int attr, int dev) {
    *v = attr == 75 ? 9 : attr == 76 ? 0 : attr == 16 ? 132 : -1;
    return 0;
}
CUresult cuDevicePrimaryCtxRetain(void** ctx, int dev) { *ctx = (void*) 0xC0; return 0; }
CUresult cuDevicePrimaryCtxRelease_v2(int dev) { return 0; }
CUresult cuCtxSetCurrent(void* ctx) { return ctx == (void*) 0xC0 ? 0 : 201; }
CUresult cuCtxSynchronize(void) { return 0; }
CUresult cuMemGetInfo_v2(size_t* free, size_t* total) { *free = (size_t) 79 << 30; *total = (size_t) 80 << 30; return 0; }
CUresult cuMemAlloc_v2(unsigned long long* p, size_t bytes) {
    if (bytes > ((size_t) 1 << 40)) return 2;
    *p = (unsigned long long) next_ptr; next_ptr += (long long) bytes; return 0;
}
CUresult cuMemFree_v2(unsigned long long p) { return 0; }
CUresult cuMemHostAlloc(void** p, size_t bytes, unsigned flags) { return 2; }
CUresult cuMemFreeHost(void* p) { return 0; }
CUresult cuMemcpyHtoD_v2(unsigned long long d, const void* s, size_t n) { return 0; }
CUresult cuMemcpyDtoH_v2(void* d, unsigned long long s, size_t n) { return 0; }
CUresult cuMemcpyHtoDAsync_v2(unsigned long long d, const void* s, size_t n, void* st) { return 0; }
CUresult cuMemcpyDtoHAsync_v2(void* d, unsigned long long s, size_t n, void* st) { return 0; }
CUresult cuModuleLoadData(void** m, const void* image) { *m = (void*) 0x30; return 0; }
CUresult cuModuleUnload(void* m) { return 0; }
CUresult cuModuleGetFunction(void** f, void* m, const char* name) { return strcmp(name, "vt_voltarget_f64") == 0 ? (*f = (void*) 0x40, 0) : 500; }
CUresult cuLaunchKernel(void* f, unsigned gx, unsigned gy, unsigned gz, unsigned bx, unsigned by, unsigned bz,
                        unsigned shared, void* stream, void** params, void** extra) { return 0; }
CUresult cuStreamCreate(void** s, unsigned flags) { *s = (void*) 0x50; return 0; }
CUresult cuStreamDestroy_v2(void* s) { return 0; }
CUresult cuStreamSynchronize(void* s) { return 0; }
CUresult cuStreamWaitEvent(void* s, void* e, unsigned flags) { return 0; }
CUresult cuEventCreate(void** e, unsigned flags) { *e = (void*) 0x60; return 0; }
CUresult cuEventRecord(void* e, void* s) { return 0; }
CUresult cuEventSynchronize(void* e) { return 0; }
CUresult cuEventElapsedTime_v2(float* ms, void* a, void* b) { *ms = 1.5f; return 0; }
CUresult cuEventDestroy_v2(void* e) { return 0; }
