package io.vectrade.backend;

/**
 * Where the time of one fused device pipeline run went, in milliseconds. Device stages are
 * CUDA-event times on the device's clock; host stages {@link System#nanoTime()}.
 *
 * @param hostPackMillis    panel columns into pinned host buffers
 * @param uploadMillis      host-to-device copies of the panel (plus compaction of missing bars)
 * @param featureMillis     feature kernels
 * @param modelMillis       the model kernel (and the small upload of its column table)
 * @param signalMillis      the signal policy's kernels
 * @param downloadMillis    the frame's device-to-host copies (side, strength, weight)
 * @param hostUnpackMillis  pinned buffers into the {@link io.vectrade.signal.SignalFrame}
 * @param wallMillis        the whole call on the host's clock
 */
public record DevicePipelineTimings(double hostPackMillis, double uploadMillis, double featureMillis, double modelMillis,
                                  double signalMillis, double downloadMillis, double hostUnpackMillis,
                                  double wallMillis) {
    /** The device's part: upload, features, model, signals and download. */
    public double deviceMillis() {
        return uploadMillis + featureMillis + modelMillis + signalMillis + downloadMillis;
    }
}
