package io.vectrade.live;

import io.vectrade.backend.Backend;
import io.vectrade.model.Model;
import io.vectrade.signal.SignalChain;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A source and sink for the live engine that another module provides, found with
 * {@link java.util.ServiceLoader} when that module is on the class path (vectrade-connectors:
 * {@code kafka}); {@link LiveConnectors#find} looks one up by name. Core and the lab never depend on
 * the module: {@code vectrade live --source NAME} runs a connector through this interface.
 */
public interface LiveConnector {
    /** The name {@code --source} takes, lower case: {@code kafka}. */
    String name();

    /**
     * Connects, restores the engine from {@code settings.snapshotFile()} if it exists, and positions
     * the source. Blocks at most about {@code settings.connectTimeout()}.
     *
     * @throws IllegalArgumentException a bad setting; the message names its option ({@code --bars-topic})
     * @throws IOException              the source cannot be reached within the timeout, or the snapshot not read
     */
    Session open(Settings settings, Model model, SignalChain policy, Backend backend) throws IOException;

    /**
     * What a connector is opened with.
     *
     * @param options            the connector's own options by their flag name without dashes
     *                           ({@code bootstrap} → {@code localhost:9092}); absent ones are not in the map
     * @param symbols            the instruments, in engine order
     * @param snapshotFile       where the engine state is written every {@code snapshotEveryTicks} ticks and
     *                           restored from at the start; null for none
     * @param snapshotEveryTicks ticks between snapshots, {@code >= 1}
     * @param connectTimeout     how long opening may wait for the source
     * @param primeTicks         synthetic ticks run through the engine before its state is restored and the
     *                           first bar read ({@code LiveEngine.prime}), {@code >= 0}; -1
     *                           ({@code LiveEngine.PRIME_AUTO}): until the JIT is quiet
     */
    record Settings(Map<String, String> options, List<String> symbols, Path snapshotFile, int snapshotEveryTicks,
                    Duration connectTimeout, int primeTicks) {
        public Settings {
            options = Map.copyOf(options);
            symbols = List.copyOf(symbols);
            if (primeTicks < -1) {
                throw new IllegalArgumentException("primeTicks must be >= 0, or -1 for auto, primeTicks=" + primeTicks);
            }
        }

        /** Settings without priming ({@code primeTicks} 0), as before priming was one of them. */
        public Settings(Map<String, String> options, List<String> symbols, Path snapshotFile, int snapshotEveryTicks,
                        Duration connectTimeout) {
            this(options, symbols, snapshotFile, snapshotEveryTicks, connectTimeout, 0);
        }
    }

    /** An open connector: polled by one thread, which also closes it. Not thread-safe. */
    interface Session extends AutoCloseable {
        /**
         * Waits up to {@code timeout} for input and processes what came (ticks run, signals published).
         *
         * @return the records read
         * @throws IOException the source or sink failed (the message says which and why)
         */
        int poll(Duration timeout) throws IOException;

        /** Ticks the engine has run, restored ones included. */
        long engineTicks();

        /** Ticks whose signals this session published. */
        long ticksPublished();

        /** Signals this session published. */
        long signalsPublished();

        /** Malformed records set aside (dead-lettered) by this session. */
        long deadLetters();

        /** Stops without closing the open bar (its records are read again after a restart). */
        @Override
        void close();
    }
}
