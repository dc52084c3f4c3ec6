/** CSV market data: OHLCV bars in the single-instrument and long forms, trades, and panel/feature output. */
package io.vectrade.data.csv;
