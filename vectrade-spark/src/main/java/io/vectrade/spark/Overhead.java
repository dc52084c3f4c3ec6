package io.vectrade.spark;

import java.util.List;
import java.util.Locale;

/**
 * One Spark run's cost, itemised from Spark's own task metrics ({@link StageMetrics}) and vectrade's task
 * timers ({@link TaskTimers}), in CPU time so that the itemisation does not depend on the machine's load:
 * the process's CPU outside the tasks (the driver's planning and scheduling, the universe's merge, JIT
 * compilation, GC threads, task deserialisation, the output commit), and the tasks' CPU split into
 * vectrade's own code (reading the input into chunks, filling blocks and buckets, features and model,
 * chunk encoding, the chain) and the rest, which is Spark's: the universe pass over the input, the
 * shuffles' serialisation, compression and files, the output rows and the Parquet writer. Beside them,
 * in wall time: the driver's time outside every stage, GC, and the time blocked writing shuffle files.
 * Immutable.
 *
 * @param wallMillis         the run's wall time
 * @param processCpuMillis   CPU time of every thread of the JVM during the run
 * @param taskCpuMillis      executor CPU time, summed over tasks
 * @param driverWallMillis   wall time outside every stage (wall minus the sum of stage wall times, at least 0)
 * @param gcMillis           GC time of the tasks (wall)
 * @param shuffleWriteMillis time blocked writing shuffle files (wall)
 * @param shuffleBytes       shuffle bytes written
 */
record Overhead(String name, double wallMillis, double processCpuMillis, long taskCpuMillis, double driverWallMillis,
                long gcMillis, long shuffleWriteMillis, long shuffleBytes, TaskTimers.Millis timers) {

    static Overhead of(String name, double wallMillis, double processCpuMillis, List<StageMetrics.Stage> stages,
                       TaskTimers.Millis timers) {
        long stageWall = 0;
        long cpu = 0;
        long shufw = 0;
        long gc = 0;
        long bytes = 0;
        for (StageMetrics.Stage s : stages) {
            stageWall += s.wallMillis();
            cpu += s.cpuMillis();
            shufw += s.shuffleWriteMillis();
            gc += s.gcMillis();
            bytes += s.shuffleWriteBytes();
        }
        return new Overhead(name, wallMillis, processCpuMillis, cpu, Math.max(0, wallMillis - stageWall), gc, shufw, bytes, timers);
    }

    /** Process CPU outside the tasks' run: driver, scheduler, JIT, GC threads, task deserialisation. */
    double outsideTasksMillis() {
        return processCpuMillis - taskCpuMillis;
    }

    /** Task CPU not in vectrade's timed code: Spark's reading, shuffling and writing. */
    double sparkRestMillis() {
        return taskCpuMillis - timers.total();
    }

    /** A fixed-width table of {@code runs}. */
    static String table(List<Overhead> runs) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "  %-17s %8s %8s %8s %8s %8s %7s %8s %6s %8s %6s %8s | %8s %6s %7s %8s%n",
                "run", "wall", "proc_cpu", "outside", "task_cpu", "in_chunk", "fill_in", "feat+mdl", "encode",
                "fill_sig", "chain", "spark", "drv_wall", "gc", "shuf_io", "shuf_MB"));
        for (Overhead o : runs) {
            TaskTimers.Millis t = o.timers();
            b.append(String.format(Locale.ROOT,
                    "  %-17s %8.0f %8.0f %8.0f %8d %8.0f %7.0f %8.0f %6.0f %8.0f %6.0f %8.0f | %8.0f %6d %7d %8.1f%n",
                    o.name(), o.wallMillis(), o.processCpuMillis(), o.outsideTasksMillis(), o.taskCpuMillis(), t.inputChunks(),
                    t.blockFill(), t.blockCompute(), t.chunkEncode(), t.bucketFill(), t.chainCompute(), o.sparkRestMillis(),
                    o.driverWallMillis(), o.gcMillis(), o.shuffleWriteMillis(), o.shuffleBytes() / 1e6));
        }
        b.append("""
                  (ms. CPU: proc_cpu = outside + task_cpu; outside: driver, scheduler, JIT, GC threads, task deserialisation;
                   task_cpu = vectrade's in_chunk (input read, ids, chunks) + fill_in (input shuffle read, scatter into blocks)
                   + feat+mdl + encode (chunks for the signal stage) + fill_sig (chunk shuffle read, scatter into buckets)
                   + chain + spark (the universe pass, shuffle serialisation and files, output rows, the writer).
                   Wall, after |: drv_wall = wall outside every stage; gc and shuf_io = GC and shuffle-file writes of the tasks)
                """);
        return b.toString();
    }
}
