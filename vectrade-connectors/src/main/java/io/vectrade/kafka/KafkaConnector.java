package io.vectrade.kafka;

import io.vectrade.backend.Backend;
import io.vectrade.live.LiveConnector;
import io.vectrade.model.Model;
import io.vectrade.signal.SignalChain;

import java.io.IOException;
import java.util.Map;

/**
 * The {@code kafka} {@link LiveConnector}: {@code vectrade live --source kafka} opens a
 * {@link KafkaLive} through it. Options (by flag name without dashes): {@code bootstrap},
 * {@code bars-topic} and {@code signals-topic} (required), {@code dead-letter-topic} (optional:
 * without it a malformed record stops the engine), {@code group} (default {@value #DEFAULT_GROUP}),
 * {@code exactly-once} ({@code true}: one Kafka transaction per poll, see {@link KafkaLive}).
 * Found by {@link java.util.ServiceLoader} (META-INF/services); stateless, thread-safe.
 */
public final class KafkaConnector implements LiveConnector {
    /** The consumer group when {@code group} is not given. */
    public static final String DEFAULT_GROUP = "vectrade-live";

    /** Used by {@link java.util.ServiceLoader}. */
    public KafkaConnector() {
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public KafkaLive open(Settings settings, Model model, SignalChain policy, Backend backend) throws IOException {
        Map<String, String> o = settings.options();
        KafkaLive.Config config = new KafkaLive.Config(required(o, "bootstrap"), required(o, "bars-topic"),
                required(o, "signals-topic"), optional(o, "dead-letter-topic"),
                o.getOrDefault("group", DEFAULT_GROUP), settings.symbols(), settings.snapshotFile(),
                settings.snapshotEveryTicks(), settings.connectTimeout(),
                Boolean.parseBoolean(o.getOrDefault("exactly-once", "false")));
        return new KafkaLive(config, model, policy, backend, settings.primeTicks());
    }

    private static String required(Map<String, String> options, String name) {
        String v = options.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("--source kafka needs --" + name);
        }
        return v;
    }

    private static String optional(Map<String, String> options, String name) {
        String v = options.get(name);
        return v == null || v.isBlank() ? null : v;
    }
}
