package io.vectrade.spark;

import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.StageInfo;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Spark's own per-stage task metrics, collected by a listener: where a job's time goes (task run and
 * CPU time, deserialisation, GC, result serialisation, shuffle write and read time) and how many bytes it
 * moves (input, shuffle, output, spill). Thread-safe (the listener bus delivers on its own thread).
 */
public final class StageMetrics extends SparkListener {
    /** One completed stage: times in milliseconds, sizes in bytes; times summed over the stage's tasks. */
    public record Stage(int id, String name, int tasks, long wallMillis, long runMillis, long cpuMillis, long gcMillis,
                        long deserializeMillis, long resultSerializeMillis, long shuffleWriteMillis,
                        long shuffleFetchWaitMillis, long inputBytes, long shuffleWriteBytes, long shuffleReadBytes,
                        long outputBytes, long spillBytes, long peakExecutionMemoryBytes) {
    }

    private final List<Stage> stages = new ArrayList<>();

    /** A listener registered on {@code spark}'s context. */
    public static StageMetrics on(SparkSession spark) {
        StageMetrics m = new StageMetrics();
        spark.sparkContext().addSparkListener(m);
        return m;
    }

    @Override
    public void onStageCompleted(SparkListenerStageCompleted event) {
        StageInfo info = event.stageInfo();
        TaskMetrics m = info.taskMetrics();
        long wall = info.submissionTime().isDefined() && info.completionTime().isDefined()
                ? (Long) info.completionTime().get() - (Long) info.submissionTime().get() : 0;
        String name = info.name();
        int at = name.indexOf(" at ");
        Stage s = new Stage(info.stageId(), at > 0 ? name.substring(0, at) : name, info.numTasks(), wall,
                m.executorRunTime(), m.executorCpuTime() / 1_000_000, m.jvmGCTime(), m.executorDeserializeTime(),
                m.resultSerializationTime(), m.shuffleWriteMetrics().writeTime() / 1_000_000,
                m.shuffleReadMetrics().fetchWaitTime(), m.inputMetrics().bytesRead(), m.shuffleWriteMetrics().bytesWritten(),
                m.shuffleReadMetrics().totalBytesRead(), m.outputMetrics().bytesWritten(),
                m.memoryBytesSpilled() + m.diskBytesSpilled(), m.peakExecutionMemory());
        synchronized (stages) {
            stages.add(s);
        }
    }

    /** The stages completed so far, after the listener bus has delivered what was posted (waits up to 10 s). */
    public List<Stage> stages(SparkSession spark) {
        Internals.drainListeners(spark);
        synchronized (stages) {
            return List.copyOf(stages);
        }
    }

    /** Forgets the stages seen so far. */
    public void clear(SparkSession spark) {
        Internals.drainListeners(spark);
        synchronized (stages) {
            stages.clear();
        }
    }

    /** A fixed-width table of {@code stages} and their sum. */
    public static String table(List<Stage> stages) {
        StringBuilder b = new StringBuilder();
        String head = "%-5s %-22s %6s %8s %8s %8s %6s %7s %8s %9s %10s %10s %10s %9s%n";
        b.append(String.format(Locale.ROOT, head, "stage", "name", "tasks", "wall_ms", "run_ms", "cpu_ms", "gc_ms",
                "deser", "shufw_ms", "fetch_ms", "input_MB", "shufw_MB", "output_MB", "spill_MB"));
        String row = "%-5s %-22s %6d %8d %8d %8d %6d %7d %8d %9d %10.1f %10.1f %10.1f %9.1f%n";
        long[] sum = new long[13];
        for (Stage s : stages) {
            b.append(String.format(Locale.ROOT, row, s.id(), truncate(s.name()), s.tasks(), s.wallMillis(), s.runMillis(),
                    s.cpuMillis(), s.gcMillis(), s.deserializeMillis(), s.shuffleWriteMillis(), s.shuffleFetchWaitMillis(),
                    mb(s.inputBytes()), mb(s.shuffleWriteBytes()), mb(s.outputBytes()), mb(s.spillBytes())));
            long[] v = {s.tasks(), s.wallMillis(), s.runMillis(), s.cpuMillis(), s.gcMillis(), s.deserializeMillis(),
                s.shuffleWriteMillis(), s.shuffleFetchWaitMillis(), s.inputBytes(), s.shuffleWriteBytes(), s.outputBytes(),
                s.spillBytes(), 0};
            for (int k = 0; k < v.length; k++) {
                sum[k] += v[k];
            }
        }
        b.append(String.format(Locale.ROOT, row, "all", "", sum[0], sum[1], sum[2], sum[3], sum[4], sum[5], sum[6], sum[7],
                mb(sum[8]), mb(sum[9]), mb(sum[10]), mb(sum[11])));
        return b.toString();
    }

    private static String truncate(String s) {
        return s.length() <= 22 ? s : s.substring(0, 22);
    }

    private static double mb(long bytes) {
        return bytes / 1e6;
    }
}
