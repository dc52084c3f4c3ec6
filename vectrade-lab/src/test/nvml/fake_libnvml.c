/* A stand-in for libnvidia-ml.so.1 with the entry points vectrade binds, for tests without a GPU.
 * fake_configure(init_result, devices) scripts it; each utilisation read returns the next value of
 * a ramp so tests can see successive samples. Also exports the two NVTX calls, counting them. */
#include <string.h>

typedef struct { unsigned int gpu; unsigned int memory; } nvmlUtilization_t;
typedef struct { unsigned long long total; unsigned long long free; unsigned long long used; } nvmlMemory_t;

static int init_result = 0;
static unsigned int devices = 1;
static unsigned int reads = 0;
static int initialised = 0;
static int pushes = 0;
static int pops = 0;
static char last_range[128];

void fake_configure(int init, int n) { init_result = init; devices = (unsigned int) n; reads = 0; }
int fake_initialised(void) { return initialised; }
int fake_pushes(void) { return pushes; }
int fake_pops(void) { return pops; }
const char *fake_last_range(void) { return last_range; }

int nvmlInit_v2(void) { if (init_result == 0) initialised++; return init_result; }
int nvmlShutdown(void) { if (initialised > 0) initialised--; return 0; }
const char *nvmlErrorString(int r) {
    switch (r) {
        case 2: return "Invalid Argument";
        case 9: return "Driver Not Loaded";
        case 999: return "Unknown Error";
        default: return "Some NVML error";
    }
}
int nvmlSystemGetDriverVersion(char *v, unsigned int len) { strncpy(v, "555.42.06", len); return 0; }
int nvmlDeviceGetCount_v2(unsigned int *n) { *n = devices; return 0; }
int nvmlDeviceGetHandleByIndex_v2(unsigned int i, void **h) {
    if (i >= devices) return 2;
    *h = (void *) (unsigned long) (0x1000 + i);
    return 0;
}
int nvmlDeviceGetName(void *h, char *name, unsigned int len) {
    if (h != (void *) 0x1000) return 2;
    strncpy(name, "Fake GPU H200", len);
    return 0;
}
int nvmlDeviceGetUtilizationRates(void *h, nvmlUtilization_t *u) {
    (void) h;
    u->gpu = 10 * (reads % 10);      /* 0, 10, ..., 90, 0, ... */
    u->memory = 5 * (reads % 10);
    reads++;
    return 0;
}
int nvmlDeviceGetMemoryInfo(void *h, nvmlMemory_t *m) {
    (void) h;
    m->total = 141ULL << 30;
    m->used = (1ULL << 30) + (unsigned long long) reads * (1ULL << 20);
    m->free = m->total - m->used;
    return 0;
}
int nvmlDeviceGetClockInfo(void *h, int type, unsigned int *mhz) {
    (void) h;
    if (type != 1) return 2; /* only NVML_CLOCK_SM is expected */
    *mhz = 1980;
    return 0;
}
int nvmlDeviceGetPowerUsage(void *h, unsigned int *mw) { (void) h; *mw = 350500; return 0; }

int nvtxRangePushA(const char *msg) { strncpy(last_range, msg, sizeof last_range - 1); return pushes++ - pops; }
int nvtxRangePop(void) { pops++; return pushes - pops; }
