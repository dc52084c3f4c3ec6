/** Test data: real bars from the ta4j-examples jar and seeded random markets with edge cases. */
package io.vectrade.testdata;
