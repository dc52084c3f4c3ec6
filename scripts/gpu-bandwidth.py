#!/usr/bin/env python3
"""Copy bandwidths the cuda figures are judged against (runs on the GPU machine, PyTorch).

Prints one JSON object: device-to-device copy bandwidth in GB/s counting bytes read plus written
(the HBM floor for a kernel is bytes it must read and write / this figure), and pinned
host-to-device / device-to-host bandwidths (the floor for transfers). Best of 20 after warm-up,
CUDA events, 256 MiB buffers.
"""
import json
import torch

def best_ms(fn, reps=20):
    start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
    for _ in range(3):
        fn()
    times = []
    for _ in range(reps):
        start.record(); fn(); end.record(); end.synchronize()
        times.append(start.elapsed_time(end))
    return min(times)

n = 256 << 20
d_a = torch.empty(n, dtype=torch.uint8, device="cuda")
d_b = torch.empty(n, dtype=torch.uint8, device="cuda")
h = torch.empty(n, dtype=torch.uint8).pin_memory()
d2d = best_ms(lambda: d_b.copy_(d_a))
h2d = best_ms(lambda: d_a.copy_(h, non_blocking=True))
d2h = best_ms(lambda: h.copy_(d_a, non_blocking=True))
print(json.dumps({
    "device": torch.cuda.get_device_name(0),
    "buffer_bytes": n,
    "d2d_read_plus_write_GBps": round(2 * n / d2d / 1e6, 1),
    "h2d_pinned_GBps": round(n / h2d / 1e6, 1),
    "d2h_pinned_GBps": round(n / d2h / 1e6, 1),
}))
