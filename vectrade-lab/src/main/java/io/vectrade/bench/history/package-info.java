/**
 * Benchmark history across commits: {@code bench --history DIR} appends one JSON line per run to
 * {@code DIR/history.jsonl} (keyed by the build's commit, its dirty flag and the machine), and
 * {@code vectrade history DIR} turns the file into a self-contained HTML dashboard with change
 * points and machine changes marked.
 */
package io.vectrade.bench.history;
