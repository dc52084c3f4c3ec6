/**
 * The vectrade pipeline on Apache Spark: bars in long form (Parquet or CSV) → features and model
 * scores per block of instruments ({@link io.vectrade.spark.InstrumentStage}, one columnar
 * {@link io.vectrade.data.Panel} per block, the simd or cpu engine and predictor inside the task) →
 * signals per range of bars ({@link io.vectrade.spark.SignalStage}, the whole cross-section of a bar in
 * one task) → Parquet partitioned by date. {@link io.vectrade.spark.SparkPipeline} is the entry point;
 * {@link io.vectrade.spark.SparkMain} the command line ({@code ./vectrade spark}).
 *
 * <p>Same answer as the single-JVM {@link io.vectrade.pipeline.TradingPipeline} on the panel of the same
 * bars with the instruments in symbol order: instrument blocks are multiples of 32 instruments of the
 * symbol order on the union calendar of all bars, so every simd lane block sees the same instruments and
 * bars as in one JVM.
 */
package io.vectrade.spark;
