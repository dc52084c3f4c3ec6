/** File output helpers: atomic writes through a temp file in the target's directory. */
package io.vectrade.io;
