/** Test references for features: TA-Lib Java, naive own implementations, and a column comparison. */
package io.vectrade.feature.reference;
