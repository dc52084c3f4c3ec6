package io.vectrade.live;

import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;

/** Finds a {@link LiveConnector} on the class or module path by name. Thread-safe. */
public final class LiveConnectors {
    private LiveConnectors() {
    }

    /** The connector named {@code name} (case-insensitive), if a module on the path provides it. */
    public static Optional<LiveConnector> find(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        for (LiveConnector c : ServiceLoader.load(LiveConnector.class, LiveConnectors.class.getClassLoader())) {
            if (c.name().toLowerCase(Locale.ROOT).equals(wanted)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
