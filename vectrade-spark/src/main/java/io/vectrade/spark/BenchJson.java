package io.vectrade.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The results of {@code vectrade spark bench --json FILE}: what the lab's {@code vectrade bench --type
 * spark} reads (it starts this module in its own JVM, so neither module compiles against the other; the
 * format below is the contract, version {@value #VERSION}). Times in milliseconds; sizes in bytes.
 *
 * <pre>
 * {"version": 1, "shape": "1000x2520", "instruments": 1000, "bars": 2520, "master": "local[2]",
 *  "cores": 2, "repeats": 3, "load_average": 3.1,
 *  "runs": {"single_jvm":    {"wall_ms": [...], "cpu_ms": [...], "stages": []},
 *           "single_jvm_end_to_end": {...},   (Parquet bars in, pipeline, Parquet file out; since this key was
 *                                              added, version still 1: readers take it when present)
 *           "spark_parquet": {"wall_ms": [...], "cpu_ms": [...], "stages": [{StageMetrics.Stage}, ...],
 *                             "vectrade_task_cpu_ms": {"input_chunks": ..., "block_fill": ..., "block_compute": ...,
 *                                                      "chunk_encode": ..., "bucket_fill": ..., "chain_compute": ...}},
 *           "spark_parquet_month": {...},
 *           "spark_noop":    {...}}}
 * </pre>
 */
final class BenchJson {
    static final int VERSION = 1;
    static final String SINGLE_JVM = "single_jvm";
    static final String SINGLE_JVM_END_TO_END = "single_jvm_end_to_end";
    static final String SPARK_PARQUET = "spark_parquet";
    static final String SPARK_PARQUET_MONTH = "spark_parquet_month";
    static final String SPARK_NOOP = "spark_noop";

    private BenchJson() {
    }

    /** One kind of run: wall and process CPU time of each repeat, Spark's stages and vectrade's task timers of the last one. */
    record Runs(double[] wallMillis, double[] cpuMillis, List<StageMetrics.Stage> stages, TaskTimers.Millis taskCpu) {
    }

    /** A whole bench run. */
    record Result(String shape, int instruments, int bars, String master, int cores, int repeats, double loadAverage,
                  Map<String, Runs> runs) {
    }

    /** Writes {@code r} to {@code file} (through a temporary sibling, so the file is never half-written). */
    static void write(Path file, Result r) throws IOException {
        Map<String, Object> root = new TreeMap<>();
        root.put("version", VERSION);
        root.put("shape", r.shape());
        root.put("instruments", r.instruments());
        root.put("bars", r.bars());
        root.put("master", r.master());
        root.put("cores", r.cores());
        root.put("repeats", r.repeats());
        root.put("load_average", r.loadAverage());
        Map<String, Object> runs = new TreeMap<>();
        r.runs().forEach((k, v) -> {
            Map<String, Object> m = new TreeMap<>();
            m.put("wall_ms", v.wallMillis());
            m.put("cpu_ms", v.cpuMillis());
            m.put("stages", v.stages().stream().map(BenchJson::stage).toList());
            TaskTimers.Millis t = v.taskCpu();
            m.put("vectrade_task_cpu_ms", Map.of("input_chunks", t.inputChunks(), "block_fill", t.blockFill(),
                    "block_compute", t.blockCompute(), "chunk_encode", t.chunkEncode(), "bucket_fill", t.bucketFill(),
                    "chain_compute", t.chainCompute()));
            runs.put(k, m);
        });
        root.put("runs", runs);
        Path abs = file.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        Path tmp = abs.resolveSibling("." + abs.getFileName() + ".tmp");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(tmp.toFile(), root);
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Map<String, Object> stage(StageMetrics.Stage s) {
        Map<String, Object> m = new TreeMap<>();
        m.put("id", s.id());
        m.put("name", s.name());
        m.put("tasks", s.tasks());
        m.put("wall_ms", s.wallMillis());
        m.put("run_ms", s.runMillis());
        m.put("cpu_ms", s.cpuMillis());
        m.put("gc_ms", s.gcMillis());
        m.put("deserialize_ms", s.deserializeMillis());
        m.put("result_serialize_ms", s.resultSerializeMillis());
        m.put("shuffle_write_ms", s.shuffleWriteMillis());
        m.put("shuffle_fetch_wait_ms", s.shuffleFetchWaitMillis());
        m.put("input_bytes", s.inputBytes());
        m.put("shuffle_write_bytes", s.shuffleWriteBytes());
        m.put("shuffle_read_bytes", s.shuffleReadBytes());
        m.put("output_bytes", s.outputBytes());
        m.put("spill_bytes", s.spillBytes());
        return m;
    }
}
