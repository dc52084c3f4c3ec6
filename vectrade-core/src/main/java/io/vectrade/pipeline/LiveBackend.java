package io.vectrade.pipeline;

import io.vectrade.backend.Backend;
import io.vectrade.cuda.CudaFeatureEngine;
import io.vectrade.cuda.CudaLiveEngine;
import io.vectrade.feature.FeatureTable;
import io.vectrade.feature.stream.StreamingFeatures;
import io.vectrade.model.Model;
import io.vectrade.model.Predictor;
import io.vectrade.signal.BarwiseChain;
import io.vectrade.signal.SignalChain;
import io.vectrade.signal.SignalFrame;

/**
 * Where {@link LiveEngine} computes a tick: on the host (streaming features on the calling thread,
 * the model on cpu or simd, the policy) or on the GPU ({@link CudaLiveEngine}: state, model and
 * policy resident on the device). Chosen once, by {@link #of}.
 */
sealed interface LiveBackend extends AutoCloseable permits LiveBackend.Host, LiveBackend.Device {

    /**
     * The strategy for a resolved backend (never auto). A model of another runtime (onnx) on cuda runs
     * on the host strategy: streaming features on the calling thread, the runtime's predictor for cuda.
     */
    static LiveBackend of(Backend resolved, Model model, SignalChain policy, PipelineFeatures features,
                          int instruments) {
        return resolved == Backend.CUDA && model.type().builtIn()
                ? new Device(CudaLiveEngine.open(CudaFeatureEngine.Precision.DOUBLE, model, policy, features.set,
                        features.volatilityColumn, instruments))
                : new Host(resolved, model, policy, features, instruments);
    }

    /** One tick: features into {@code row} or the table, scores, frame. */
    void tick(double[] open, double[] high, double[] low, double[] close, double[] volume, double[] row,
              FeatureTable table, double[][] inputs, double[] scores, double[] volatility, SignalFrame frame);

    /** Makes {@code row} hold the last tick's features when they are elsewhere; false when the table already holds them. */
    boolean fetchFeatures(double[] row);

    void reset();

    /** Writes the streaming feature state ({@link StreamingFeatures#snapshot}). */
    void snapshot(java.io.DataOutput out) throws java.io.IOException;

    /** Reads it back ({@link StreamingFeatures#restore}). */
    void restore(java.io.DataInput in) throws java.io.IOException;

    @Override
    void close();

    /**
     * Streaming features, the model (cpu or simd) and the policy, all on the calling thread: the
     * engine starts no thread. A hand-off to a second core was measured against the calling thread
     * for the simd model of the default model ({@code docs/benchmarks.md}, "Live engine"): on the
     * 2-core benchmark machine it lost at every size from 256 to 65,536 instruments, so the live
     * tick never splits. A per-bar rank chain runs as {@link BarwiseChain} (the batch's fused form:
     * thresholds carried from the previous tick, the transforms on the picked cells only, the frame
     * written in its sparse form) and, on cpu, a one-layer model
     * as {@link OneLayerScorer} (a feature column at a time): the same bits as the policy chain and
     * the predictor, in a fraction of their time for one bar (docs/benchmarks.md, "Live tick
     * latency").
     */
    final class Host implements LiveBackend {
        private final SignalChain policy;
        /** The policy's fused form when it is a per-bar rank chain (same frame; sparse); else null. */
        private final BarwiseChain barwise;
        private final StreamingFeatures streaming;
        private final Predictor predictor;
        /** On cpu, a one-layer model's scores a column at a time (same bits as the predictor); else null. */
        private final OneLayerScorer oneLayer;
        private final int instruments;
        private final int columns;

        Host(Backend backend, Model model, SignalChain policy, PipelineFeatures features, int instruments) {
            this.policy = policy;
            this.barwise = policy.perBar() ? BarwiseChain.of(policy) : null;
            this.streaming = StreamingFeatures.of(features.set, instruments, backend);
            this.predictor = model.predictor(backend, 1);
            this.oneLayer = backend == Backend.CPU ? OneLayerScorer.of(model, instruments) : null;
            this.instruments = instruments;
            this.columns = features.set.columns();
        }

        @Override
        public void tick(double[] open, double[] high, double[] low, double[] close, double[] volume, double[] row,
                         FeatureTable table, double[][] inputs, double[] scores, double[] volatility,
                         SignalFrame frame) {
            streaming.update(open, high, low, close, volume, row);
            for (int c = 0; c < columns; c++) {
                System.arraycopy(row, c * instruments, table.column(c), 0, instruments);
            }
            if (oneLayer != null) {
                oneLayer.predict(inputs, instruments, scores);
            } else {
                predictor.predict(inputs, 0, instruments, scores);
            }
            if (barwise != null) {
                barwise.apply(scores, volatility, 0, 1, frame);
            } else {
                policy.apply(scores, volatility, 0, 1, frame);
            }
        }

        @Override
        public boolean fetchFeatures(double[] row) {
            return false;
        }

        @Override
        public void reset() {
            streaming.reset();
        }

        @Override
        public void snapshot(java.io.DataOutput out) throws java.io.IOException {
            streaming.snapshot(out);
        }

        @Override
        public void restore(java.io.DataInput in) throws java.io.IOException {
            streaming.restore(in);
        }

        @Override
        public void close() {
            predictor.close();
        }
    }

    /** The whole tick on the GPU; the features are downloaded only when asked for. */
    final class Device implements LiveBackend {
        private final CudaLiveEngine device;
        private boolean featuresOnDevice;

        Device(CudaLiveEngine device) {
            this.device = device;
        }

        @Override
        public void tick(double[] open, double[] high, double[] low, double[] close, double[] volume, double[] row,
                         FeatureTable table, double[][] inputs, double[] scores, double[] volatility,
                         SignalFrame frame) {
            device.tick(open, high, low, close, volume, scores, frame);
            featuresOnDevice = true;
        }

        @Override
        public boolean fetchFeatures(double[] row) {
            if (!featuresOnDevice) {
                return false;
            }
            device.downloadFeatures(row);
            featuresOnDevice = false;
            return true;
        }

        @Override
        public void reset() {
            device.reset();
        }

        @Override
        public void snapshot(java.io.DataOutput out) {
            throw new UnsupportedOperationException("snapshot of the cuda live engine's state is not implemented; use cpu or simd");
        }

        @Override
        public void restore(java.io.DataInput in) {
            throw new UnsupportedOperationException("restore into the cuda live engine is not implemented; use cpu or simd");
        }

        @Override
        public void close() {
            device.close();
        }
    }
}
