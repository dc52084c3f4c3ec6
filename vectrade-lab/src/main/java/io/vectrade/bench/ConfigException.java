package io.vectrade.bench;

/**
 * A bad benchmark config or option: names the key ({@code targets.latency.feature_calculation},
 * {@code --batch-sizes}) and the problem. Maps to exit code 2.
 */
public final class ConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String key;

    public ConfigException(String key, String problem) {
        super("config error, key=" + key + ": " + problem);
        this.key = key;
    }

    /** The offending key, dotted ({@code targets.memory.peak}) or an option name. */
    public String key() {
        return key;
    }
}
