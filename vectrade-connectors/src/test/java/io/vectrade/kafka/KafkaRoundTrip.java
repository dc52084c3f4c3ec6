package io.vectrade.kafka;

import io.vectrade.backend.Backend;
import io.vectrade.data.Panel;
import io.vectrade.data.SyntheticMarket;
import io.vectrade.model.Models;
import io.vectrade.signal.SignalChain;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A measurement, not a test: the latency from the record that closes a bar being sent to the
 * first signal record of that bar being received, through a local in-JVM broker and
 * {@link KafkaLive}, separately from the engine's tick. Bars of B instruments are sent one every
 * {@code intervalMs} once the engine and the reader are connected; the engine, the bar producer
 * and the signal consumer each have a thread. The first {@code min(200, bars / 4)} bars are warm-up.
 * The reader uses {@code isolation.level=read_committed}. {@code modes}: {@code plain} (flush and
 * commit per tick), {@code exactly-once} (one transaction per poll), or {@code both} (plain, then
 * exactly-once, then plain and exactly-once again, on one broker, for a ratio from one run).
 *
 * <pre>java -cp ... io.vectrade.kafka.KafkaRoundTrip [instruments] [bars] [intervalMs] [plain|exactly-once|both]</pre>
 */
public final class KafkaRoundTrip {
    private KafkaRoundTrip() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        int bars = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int intervalMs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        String modes = args.length > 3 ? args[3] : "plain";
        List<Boolean> runs = switch (modes) {
            case "plain" -> List.of(false);
            case "exactly-once" -> List.of(true);
            case "both" -> List.of(false, true, false, true);
            default -> throw new IllegalArgumentException("modes must be plain, exactly-once or both, modes=" + modes);
        };
        Path dir = Files.createTempDirectory("kafka-roundtrip");
        try (LocalKafka kafka = new LocalKafka(dir.resolve("logs"))) {
            KafkaLiveTest.kafka = kafka;
            for (int i = 0; i < runs.size(); i++) {
                run(kafka, n, bars, intervalMs, runs.get(i), "rt" + i);
            }
        }
    }

    private static void run(LocalKafka kafka, int n, int bars, int intervalMs, boolean exactlyOnce, String prefix)
            throws Exception {
        int warmup = Math.min(200, bars / 4);
        Panel panel = SyntheticMarket.generate(n, bars + 1, 3);
        Map<Long, Long> closedAt = new ConcurrentHashMap<>();
        Histogram latency = new Histogram(60_000_000_000L, 3);
        String barsTopic = prefix + "-bars";
        String signals = prefix + "-signals";
        kafka.createTopics(barsTopic, signals, prefix + "-dead");
        KafkaLive.Config cfg = new KafkaLive.Config(kafka.bootstrap(), barsTopic, signals, prefix + "-dead", prefix,
                panel.symbols(), null, 1_000_000).withExactlyOnce(exactlyOnce);
        AtomicBoolean running = new AtomicBoolean(true);
        java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(2);
        Thread engine = new Thread(() -> {
            try (KafkaLive live = new KafkaLive(cfg, Models.defaultModel(),
                    SignalChain.parse("rank(top=3,bottom=3) | caps(max=0.2)"), Backend.CPU)) {
                live.poll(Duration.ofMillis(100));
                ready.countDown();
                while (running.get()) {
                    live.poll(Duration.ofMillis(20));
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "engine");
        Thread reader = new Thread(() -> {
            try (KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap(),
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
                TopicPartition tp = new TopicPartition(signals, 0);
                c.assign(List.of(tp));
                c.seekToBeginning(List.of(tp));
                c.poll(Duration.ofMillis(100));
                ready.countDown();
                while (running.get()) {
                    for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(5))) {
                        long now = System.nanoTime();
                        String v = r.value();
                        int k = v.indexOf("\"timestamp_ms\":") + 15;
                        long ts = Long.parseLong(v.substring(k, v.indexOf(',', k)));
                        Long sent = closedAt.remove(ts);
                        if (sent != null && sent > 0) {
                            synchronized (latency) {
                                latency.recordValue(now - sent);
                            }
                        }
                    }
                }
            }
        }, "reader");
        engine.start();
        reader.start();
        ready.await();
        try (KafkaProducer<String, String> p = KafkaLiveTest.producer()) {
            long start = System.nanoTime();
            for (int t = 0; t <= bars; t++) {
                long due = start + (long) t * intervalMs * 1_000_000L;
                while (System.nanoTime() < due) {
                    Thread.sleep(0, 200_000);
                }
                String ts = Instant.ofEpochMilli(panel.timestampMillis(t)).toString();
                for (int i = 0; i < n; i++) {
                    String sym = panel.symbols().get(i);
                    if (i == 0 && t > warmup) {
                        // this record closes bar t-1: its signals are due now
                        closedAt.put(panel.timestampMillis(t - 1), System.nanoTime());
                    }
                    p.send(new ProducerRecord<>(barsTopic, sym, sym + "," + ts + "," + panel.open(t, i) + ","
                            + panel.high(t, i) + "," + panel.low(t, i) + "," + panel.close(t, i) + ","
                            + panel.volume(t, i)));
                }
                p.flush();
            }
        }
        Thread.sleep(2000);
        running.set(false);
        engine.join();
        reader.join();
        System.out.printf(Locale.ROOT, "kafka round trip, %s, %d instruments, a bar every %d ms, %d bars measured: p50 %.2f ms, "
                        + "p90 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms%n", exactlyOnce ? "exactly-once" : "plain", n,
                intervalMs, latency.getTotalCount(),
                latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(90) / 1e6,
                latency.getValueAtPercentile(99) / 1e6, latency.getValueAtPercentile(99.9) / 1e6,
                latency.getMaxValue() / 1e6);
    }
}
