package io.vectrade.bench;

import io.vectrade.bench.stats.Summary;

import java.util.Map;
import java.util.TreeMap;

/**
 * One measured cell of a benchmark: every sample of one metric for one (type, workload, backend,
 * subject), its summary and derived metrics. A cell that could not run has an {@code error},
 * no samples and no summary (one failing cell never aborts the run). Immutable.
 *
 * @param key            unique id, {@code type/workload/backend/subject}; compare matches on it
 * @param type           benchmark type id
 * @param workload       workload name, e.g. {@code series-10k}, {@code panel-daily}, {@code batch-64}
 * @param backend        backend id
 * @param subject        what was measured: a feature spec, a stage, {@code heap}
 * @param unit           unit of the samples: {@code ns} (per call), {@code bytes} or {@code per_s}
 * @param higherIsBetter true for rates, false for times and sizes
 * @param callsPerSample calls averaged into each sample (timer resolution, see docs/benchmarking.md)
 * @param samples        one value per measured iteration, in order
 * @param summary        statistics of the samples, or null for a failed cell
 * @param metrics        derived values by name (e.g. {@code ns_per_bar}, {@code alloc_bytes_per_call})
 * @param error          why the cell did not run, or null
 * @param cpuSamples     process CPU time per call of each sample (ns, all threads; {@link CpuClock}), in the
 *                       order of {@code samples}; empty when not recorded (rates, sizes, files of schema &lt; 3)
 */
public record Measurement(String key, String type, String workload, String backend, String subject,
                          String unit, boolean higherIsBetter, int callsPerSample, double[] samples,
                          Summary summary, Map<String, Double> metrics, String error, double[] cpuSamples) {

    public Measurement {
        samples = samples.clone();
        cpuSamples = cpuSamples == null ? new double[0] : cpuSamples.clone();
        if (cpuSamples.length != 0 && cpuSamples.length != samples.length) {
            throw new IllegalArgumentException("cpu_samples must be empty or as many as samples, key=" + key
                    + " samples=" + samples.length + " cpu_samples=" + cpuSamples.length);
        }
        metrics = new TreeMap<>(metrics);
    }

    /** A measured cell. */
    public static Measurement of(String type, String workload, String backend, String subject, String unit,
                                 boolean higherIsBetter, int callsPerSample, double[] samples,
                                 Map<String, Double> metrics) {
        return new Measurement(key(type, workload, backend, subject), type, workload, backend, subject, unit,
                higherIsBetter, callsPerSample, samples, Summary.of(samples), metrics, null, null);
    }

    /** A measured time cell with the process CPU time of each sample ({@code cpuSamples}: ns per call, or empty). */
    public static Measurement of(String type, String workload, String backend, String subject, String unit,
                                 boolean higherIsBetter, int callsPerSample, double[] samples, double[] cpuSamples,
                                 Map<String, Double> metrics) {
        return new Measurement(key(type, workload, backend, subject), type, workload, backend, subject, unit,
                higherIsBetter, callsPerSample, samples, Summary.of(samples), metrics, null, cpuSamples);
    }

    /** A cell that failed with {@code error}. */
    public static Measurement failed(String type, String workload, String backend, String subject, String unit,
                                     boolean higherIsBetter, String error) {
        return new Measurement(key(type, workload, backend, subject), type, workload, backend, subject, unit,
                higherIsBetter, 0, new double[0], null, Map.of(), error, null);
    }

    public static String key(String type, String workload, String backend, String subject) {
        return type + "/" + workload + "/" + backend + "/" + subject;
    }

    @Override
    public double[] samples() {
        return samples.clone();
    }

    @Override
    public double[] cpuSamples() {
        return cpuSamples.clone();
    }

    /** True when the cell has CPU-time samples. */
    public boolean hasCpuSamples() {
        return cpuSamples.length > 0;
    }

    /** True when the cell ran. */
    public boolean ok() {
        return error == null;
    }

    /** Exact median of the samples (the summary's is the histogram's, within 0.1%); NaN for a failed cell. */
    public double median() {
        return samples.length == 0 ? Double.NaN : Summary.exactMedian(samples);
    }

    /** A derived metric, or NaN. */
    public double metric(String name) {
        Double v = metrics.get(name);
        return v == null ? Double.NaN : v;
    }
}
