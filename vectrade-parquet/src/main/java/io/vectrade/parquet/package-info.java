/**
 * Parquet in and out, on Apache parquet-java without a Hadoop installation (files are read
 * through a {@code FileChannel} and written to a stream): bars in the wide (one instrument) or long
 * (symbol column) layout read into a {@link io.vectrade.data.Panel}, column chunks decoded page
 * by page into primitive arrays, and feature tables and signals written column by column from
 * primitive arrays.
 */
package io.vectrade.parquet;
