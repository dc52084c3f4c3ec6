package io.vectrade.kafka;

import io.vectrade.backend.Backend;
import io.vectrade.model.Models;
import io.vectrade.signal.SignalChain;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@link KafkaLive} alone in a JVM, for tests that kill it with SIGKILL: polls until killed and
 * prints {@code ticks N} (the engine's ticks, all of them committed) after every poll.
 *
 * <pre>java -cp ... io.vectrade.kafka.KafkaLiveProcess bootstrap bars signals dead group A,B,.. snapshot every exactlyOnce</pre>
 */
public final class KafkaLiveProcess {
    private KafkaLiveProcess() {
    }

    public static void main(String[] a) throws Exception {
        KafkaLive.Config cfg = new KafkaLive.Config(a[0], a[1], a[2], a[3], a[4], List.of(a[5].split(",")), Path.of(a[6]),
                Integer.parseInt(a[7]), Duration.ofSeconds(30), Boolean.parseBoolean(a[8]));
        try (KafkaLive live = new KafkaLive(cfg, Models.defaultModel(), SignalChain.parse(KafkaLiveTest.POLICY), Backend.CPU)) {
            System.out.println("ticks " + live.engineTicks());
            while (true) {
                live.poll(Duration.ofMillis(20));
                System.out.println("ticks " + live.engineTicks());
            }
        }
    }
}
