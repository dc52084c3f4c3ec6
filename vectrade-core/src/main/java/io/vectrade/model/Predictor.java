package io.vectrade.model;

import io.vectrade.backend.Backend;
import io.vectrade.feature.FeatureTable;

/**
 * Runs one {@link Model} over rows of time-major feature columns on one backend.
 *
 * <p>Row {@code r} is one (bar, instrument) cell, {@code r = t * N + i}. {@code inputs[f]} is the column of
 * model input {@code f} (in {@link Model#featureColumns()} order). For each row in {@code [fromRow, toRow)}
 * one score is written to {@code scores[r]}; other cells of {@code scores} are left alone. A row with any
 * NaN or infinite input scores NaN.
 *
 * <p>Scratch is owned by the predictor and sized at construction, so steady-state calls allocate
 * nothing. Not thread-safe: one predictor per calling thread (a simd predictor spreads one call over
 * its own worker threads). Results do not depend on the thread count. Close to release worker threads.
 *
 * <pre>{@code
 * try (Predictor p = model.predictor(Backend.SIMD)) {
 *     double[][] in = model.inputColumns(table);   // once per table
 *     p.predict(in, 0, table.bars() * table.instruments(), scores);
 * }
 * }</pre>
 */
public interface Predictor extends AutoCloseable {

    Model model();

    Backend backend();

    /**
     * Scores rows {@code [fromRow, toRow)}.
     *
     * @throws IllegalArgumentException if the number of input columns is wrong
     * @throws IndexOutOfBoundsException if a column or {@code scores} is shorter than {@code toRow}
     */
    void predict(double[][] inputs, int fromRow, int toRow, double[] scores);

    /** Scores every row of {@code table}; looks its columns up on each call (one small array). */
    default void predict(FeatureTable table, double[] scores) {
        predict(model().inputColumns(table), 0, table.bars() * table.instruments(), scores);
    }

    /** Releases worker threads, if any. Idempotent. */
    @Override
    void close();

    /** Shared argument checks for implementations. */
    static void checkArguments(Model model, double[][] inputs, int fromRow, int toRow, double[] scores) {
        if (inputs.length != model.inputs()) {
            throw new IllegalArgumentException("wrong number of input columns, columns=" + inputs.length
                    + " expected=" + model.inputs());
        }
        if (fromRow < 0 || toRow < fromRow) {
            throw new IndexOutOfBoundsException("bad row range, fromRow=" + fromRow + " toRow=" + toRow);
        }
        if (scores.length < toRow) {
            throw new IndexOutOfBoundsException("scores too short, length=" + scores.length + " toRow=" + toRow);
        }
        for (int f = 0; f < inputs.length; f++) {
            if (inputs[f].length < toRow) {
                throw new IndexOutOfBoundsException("input column too short, column=" + model.featureColumns().get(f)
                        + " length=" + inputs[f].length + " toRow=" + toRow);
            }
        }
    }
}
