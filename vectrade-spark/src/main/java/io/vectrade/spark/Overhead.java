package io.vectrade.spark;

import java.util.List;
import java.util.Locale;

/**
 * One Spark run's time, itemised from Spark's own task metrics ({@link StageMetrics}) and vectrade's task
 * timers ({@link TaskTimers}): the driver outside the stages (planning, the universe's collection,
 * scheduling gaps, the output commit), and the task time summed over tasks (milliseconds of a core)
 * split into task deserialisation, shuffle-write I/O, vectrade's filling of columns (which pulls rows and
 * chunks through Spark's readers, so the shuffle reads are in it), its computation (features, model,
 * chain), its chunk encoding, and the rest: Spark's reading of the input, the id join, the shuffles'
 * serialisation, the output rows and the writer. GC and shuffle fetch wait happen inside those, and are
 * shown beside them, not subtracted. Immutable.
 *
 * @param wallMillis      the run's wall time
 * @param driverMillis    wall time outside every stage (wall minus the sum of stage wall times, at least 0)
 * @param taskRunMillis   executor run time, summed over tasks
 * @param taskCpuMillis   executor CPU time, summed over tasks
 * @param deserializeMillis task deserialisation and result serialisation
 * @param shuffleWriteMillis time blocked writing shuffle files
 * @param fetchWaitMillis time blocked waiting for shuffle blocks (inside the fills)
 * @param gcMillis        GC time of the tasks (inside the others)
 * @param shuffleBytes    shuffle bytes written
 */
record Overhead(String name, double wallMillis, double driverMillis, long taskRunMillis, long taskCpuMillis,
                long deserializeMillis, long shuffleWriteMillis, long fetchWaitMillis, long gcMillis, long shuffleBytes,
                TaskTimers.Millis timers) {

    static Overhead of(String name, double wallMillis, List<StageMetrics.Stage> stages, TaskTimers.Millis timers) {
        long stageWall = 0;
        long run = 0;
        long cpu = 0;
        long deser = 0;
        long shufw = 0;
        long fetch = 0;
        long gc = 0;
        long bytes = 0;
        for (StageMetrics.Stage s : stages) {
            stageWall += s.wallMillis();
            run += s.runMillis();
            cpu += s.cpuMillis();
            deser += s.deserializeMillis() + s.resultSerializeMillis();
            shufw += s.shuffleWriteMillis();
            fetch += s.shuffleFetchWaitMillis();
            gc += s.gcMillis();
            bytes += s.shuffleWriteBytes();
        }
        return new Overhead(name, wallMillis, Math.max(0, wallMillis - stageWall), run, cpu, deser, shufw, fetch, gc, bytes, timers);
    }

    /** Task time not in deserialisation, shuffle-write I/O or vectrade's own timers: Spark's rows, serialisers and writer. */
    double sparkRestMillis() {
        return taskRunMillis - deserializeMillis - shuffleWriteMillis - timers.blockFill() - timers.blockCompute()
                - timers.chunkEncode() - timers.bucketFill() - timers.chainCompute();
    }

    /** A fixed-width table of {@code runs}. */
    static String table(List<Overhead> runs) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "  %-17s %8s %8s %8s %8s %7s %7s %8s %8s %7s %8s %6s %8s %6s %7s %9s%n",
                "run", "wall", "driver", "task_run", "task_cpu", "deser", "shuf_io", "fill_in", "feat+mdl", "encode",
                "fill_sig", "chain", "rest", "gc", "fetch", "shuf_MB"));
        for (Overhead o : runs) {
            TaskTimers.Millis t = o.timers();
            b.append(String.format(Locale.ROOT, "  %-17s %8.0f %8.0f %8d %8d %7d %7d %8.0f %8.0f %7.0f %8.0f %6.0f %8.0f %6d %7d %9.1f%n",
                    o.name(), o.wallMillis(), o.driverMillis(), o.taskRunMillis(), o.taskCpuMillis(), o.deserializeMillis(),
                    o.shuffleWriteMillis(), t.blockFill(), t.blockCompute(), t.chunkEncode(), t.bucketFill(), t.chainCompute(),
                    o.sparkRestMillis(), o.gcMillis(), o.fetchWaitMillis(), o.shuffleBytes() / 1e6));
        }
        b.append("  (ms; driver: wall outside the stages; task columns summed over tasks; fill_in: input shuffle read + scatter"
                + " into blocks; fill_sig: chunk shuffle read + scatter into buckets; rest: Spark's input read, id join,"
                + " shuffle serialisation, output rows and writer; gc and fetch are inside the others)\n");
        return b.toString();
    }
}
