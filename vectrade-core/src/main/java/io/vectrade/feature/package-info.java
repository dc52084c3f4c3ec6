/** Features: specs, feature sets, output tables and the engine API that every backend implements. */
package io.vectrade.feature;
