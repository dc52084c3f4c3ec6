/**
 * Coverage-guided fuzz tests (Jazzer {@code @FuzzTest}) of every loader and parser: each asserts
 * that the only outcomes are a result or the documented exception, with a one-line message of
 * bounded length. {@code mvn verify} replays the seed corpora under
 * {@code src/test/resources/io/vectrade/fuzz/<Class>Inputs/<method>/} (regression mode);
 * {@code scripts/fuzz} fuzzes with a time budget ({@code JAZZER_FUZZ=1}).
 */
package io.vectrade.fuzz;
