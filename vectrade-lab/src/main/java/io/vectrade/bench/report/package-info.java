/** Results output: the versioned JSON, Markdown and self-contained HTML reports, PNG plots, atomic writes. */
package io.vectrade.bench.report;
