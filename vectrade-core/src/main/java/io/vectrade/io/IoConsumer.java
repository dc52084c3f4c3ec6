package io.vectrade.io;

import java.io.IOException;

/**
 * A consumer that may throw {@link IOException}, e.g. the body that writes a file's content.
 *
 * @param <T> what it consumes
 */
@FunctionalInterface
public interface IoConsumer<T> {
    void accept(T value) throws IOException;
}
