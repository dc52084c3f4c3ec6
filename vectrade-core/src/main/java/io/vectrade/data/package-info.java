/** Market data: the columnar, time-major Panel of OHLCV bars, CSV input, trade aggregation and the synthetic market. */
package io.vectrade.data;
