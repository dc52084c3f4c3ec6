package io.vectrade.cli;

import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The options of {@code live --source kafka}. The lab does not depend on Kafka: these become the
 * settings of the {@code kafka} {@link io.vectrade.live.LiveConnector}, which vectrade-connectors
 * provides when it is on the class path (the {@code ./vectrade} launcher puts it there).
 */
final class KafkaOptions {
    @Option(names = "--bootstrap", paramLabel = "HOST:PORT[,..]", description = "--source kafka: the Kafka brokers to connect to.")
    String bootstrap;

    @Option(names = "--bars-topic", paramLabel = "TOPIC",
            description = "--source kafka: the topic of bars (one partition; key = symbol, value = a long-form CSV line).")
    String barsTopic;

    @Option(names = "--signals-topic", paramLabel = "TOPIC",
            description = "--source kafka: the topic each tick's non-flat signals go to (key = symbol, value = a JSON line).")
    String signalsTopic;

    @Option(names = "--dead-letter-topic", paramLabel = "TOPIC",
            description = "--source kafka: where malformed records go, with the reason in a header "
                    + "(without it a malformed record stops the engine, exit 2).")
    String deadLetterTopic;

    @Option(names = "--group", paramLabel = "ID", description = "--source kafka: the consumer group (default: vectrade-live).")
    String group;

    @Option(names = "--snapshot-every", paramLabel = "K", defaultValue = "1000",
            description = "--source kafka with --snapshot: write the engine state every K ticks (default: ${DEFAULT-VALUE}).")
    int snapshotEveryTicks;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "--source kafka: how long to wait for the broker at the start (default: ${DEFAULT-VALUE}).")
    double connectTimeoutSeconds;

    @Option(names = "--idle-exit", paramLabel = "SECONDS",
            description = "--source kafka: stop (exit 0) after SECONDS without a record (default: run until stopped).")
    Double idleExitSeconds;

    @Option(names = "--exactly-once",
            description = "--source kafka: signals, dead letters and the consumer offset in one Kafka transaction per poll,"
                    + " so a crash neither loses nor repeats a tick (readers: isolation.level=read_committed).")
    boolean exactlyOnce;

    /** The flags given, by name without dashes (for the connector). */
    Map<String, String> given() {
        Map<String, String> m = new LinkedHashMap<>();
        put(m, "bootstrap", bootstrap);
        put(m, "bars-topic", barsTopic);
        put(m, "signals-topic", signalsTopic);
        put(m, "dead-letter-topic", deadLetterTopic);
        put(m, "group", group);
        if (exactlyOnce) {
            m.put("exactly-once", "true");
        }
        return m;
    }

    /** True when any Kafka-only flag was given. */
    boolean any(picocli.CommandLine.ParseResult parsed) {
        for (String f : new String[] {"--bootstrap", "--bars-topic", "--signals-topic", "--dead-letter-topic", "--group",
                "--snapshot-every", "--connect-timeout", "--idle-exit", "--exactly-once"}) {
            if (parsed.hasMatchedOption(f)) {
                return true;
            }
        }
        return false;
    }

    private static void put(Map<String, String> m, String key, String value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
