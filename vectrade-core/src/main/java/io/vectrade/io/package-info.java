/**
 * File output helpers: atomic writes through a temp file in the target's directory; and input
 * quoted in one-line error messages, cut to a readable length.
 */
package io.vectrade.io;
