/**
 * The benchmark lab: {@code vectrade bench} and {@code vectrade compare}. Benchmark types implement
 * {@link io.vectrade.bench.Benchmark}; a run produces a {@link io.vectrade.bench.RunResult}, written as
 * JSON, Markdown, HTML and PNG plots by {@code io.vectrade.bench.report}.
 */
package io.vectrade.bench;
