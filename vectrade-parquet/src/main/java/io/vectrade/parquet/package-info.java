/**
 * Parquet in and out, on Apache parquet-java without a Hadoop installation (files go through
 * {@code LocalInputFile} / {@code LocalOutputFile}): bars in the wide (one instrument) or long
 * (symbol column) layout read into a {@link io.vectrade.data.Panel}, and feature tables and
 * signals written column by column from primitive arrays.
 */
package io.vectrade.parquet;
