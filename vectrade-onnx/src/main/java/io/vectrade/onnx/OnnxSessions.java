package io.vectrade.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import io.vectrade.backend.Backend;
import io.vectrade.model.ModelFormatException;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * ONNX Runtime sessions for vectrade's backends: the execution provider and the thread count are
 * set explicitly. cpu: the CPU provider on one intra-op thread; simd and auto: the CPU provider on
 * all cores; cuda: the CUDA provider when this onnxruntime has one (onnxruntime_gpu), else the CPU
 * provider on all cores after a one-line note on stderr (once per process). Inter-op parallelism is
 * off (sequential execution). The intra-op workers do not spin while they wait: on a shared machine
 * spinning burned a second core's time for nothing (the 100-tree ensemble on 2 threads took 2.0×
 * the CPU time of 1 thread and more wall time; measured, see docs/benchmarks.md). Thread-safe.
 */
final class OnnxSessions {
    private static final AtomicBoolean CUDA_NOTED = new AtomicBoolean();

    private OnnxSessions() {
    }

    /** A session and the options it was made with; closing closes both. */
    record Opened(OrtSession session, OrtSession.SessionOptions options, boolean cuda, int threads) implements AutoCloseable {
        @Override
        public void close() {
            try {
                session.close();
            } catch (OrtException e) {
                // closing a session only fails when the native library is in a broken state; nothing to do
            } finally {
                options.close();
            }
        }
    }

    /** Intra-op threads for {@code backend}: 1 on cpu, all cores otherwise. */
    static int threads(Backend backend) {
        return backend == Backend.CPU ? 1 : Runtime.getRuntime().availableProcessors();
    }

    /** Whether this onnxruntime has the CUDA execution provider. */
    static boolean cudaProviderAvailable() {
        return OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
    }

    /**
     * A session over {@code bytes} for {@code backend}.
     *
     * @param noteFallback print the one-line note when cuda falls back to the CPU provider
     * @throws ModelFormatException naming {@code name} when the graph cannot be opened
     */
    static Opened open(byte[] bytes, Backend backend, String name, boolean noteFallback) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        try {
            int threads = threads(backend);
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            boolean cuda = false;
            if (backend == Backend.CUDA) {
                if (cudaProviderAvailable()) {
                    options.addCUDA(0);
                    cuda = true;
                } else if (noteFallback && CUDA_NOTED.compareAndSet(false, true)) {
                    System.err.println("vectrade: note: onnx on cuda: this onnxruntime has no CUDA execution provider"
                            + " (com.microsoft.onnxruntime:onnxruntime_gpu has it); scoring on the CPU provider");
                }
            }
            return new Opened(env.createSession(bytes, options), options, cuda, threads);
        } catch (OrtException e) {
            options.close();
            throw new ModelFormatException(name, null, "onnx runtime cannot open the graph: " + oneLine(e));
        } catch (RuntimeException | Error e) {
            options.close();
            throw e;
        }
    }

    /** The exception's message on one line. */
    static String oneLine(OrtException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        return m.replaceAll("\\s+", " ").strip();
    }
}
