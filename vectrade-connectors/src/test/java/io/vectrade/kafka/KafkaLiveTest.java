package io.vectrade.kafka;

import io.vectrade.backend.Backend;
import io.vectrade.data.Panel;
import io.vectrade.data.SyntheticMarket;
import io.vectrade.live.SignalLines;
import io.vectrade.model.Models;
import io.vectrade.pipeline.LiveEngine;
import io.vectrade.signal.SignalChain;
import io.vectrade.signal.SignalFrame;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Kafka source and sink against a real broker started in this JVM. */
class KafkaLiveTest extends BrokerTest {
    static final String POLICY = "rank(top=3,bottom=3) | voltarget(target=0.1) | caps(max=0.2)";

    static KafkaProducer<String, String> producer() {
        return producer(kafka);
    }

    static KafkaProducer<String, String> producer(LocalKafka kafka) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap(),
                ProducerConfig.LINGER_MS_CONFIG, "0", ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
    }

    static List<ConsumerRecord<String, String>> readAll(String topic, int expected) {
        return readAll(kafka, topic, expected);
    }

    static List<ConsumerRecord<String, String>> readAll(LocalKafka kafka, String topic, int expected) {
        return read(kafka, topic, expected, "read_uncommitted");
    }

    /** Sends bars [from, to) and waits until each record is acknowledged (a failed send fails the test). */
    static void sendBars(KafkaProducer<String, String> p, String topic, Panel panel, int from, int to) throws Exception {
        List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
        for (int t = from; t < to; t++) {
            String ts = Instant.ofEpochMilli(panel.timestampMillis(t)).toString();
            for (int k = 0; k < panel.instruments(); k++) {
                int i = (k * 7 + t) % panel.instruments(); // a different instrument order in every bar
                String sym = panel.symbols().get(i);
                acks.add(p.send(new ProducerRecord<>(topic, sym, sym + "," + ts + "," + panel.open(t, i) + ","
                        + panel.high(t, i) + "," + panel.low(t, i) + "," + panel.close(t, i) + "," + panel.volume(t, i))));
            }
        }
        p.flush();
        for (var a : acks) {
            a.get(60, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    /** The reference: the engine driven directly over bars [0, bars), non-flat signals as JSON lines. */
    static List<String> expected(Panel panel, int bars) throws Exception {
        int n = panel.instruments();
        List<String> out = new ArrayList<>();
        SignalLines lines = new SignalLines(panel.symbols());
        double[][] bar = new double[5][n];
        try (LiveEngine live = LiveEngine.create(Models.defaultModel(), SignalChain.parse(POLICY), Backend.CPU, n)) {
            for (int t = 0; t < bars; t++) {
                panel.copyBar(t, bar[0], bar[1], bar[2], bar[3], bar[4]);
                SignalFrame s = live.onTick(bar[0], bar[1], bar[2], bar[3], bar[4]);
                StringBuilder b = new StringBuilder();
                lines.write(panel.timestampMillis(t), s, 0, b);
                for (String l : b.toString().split("\n")) {
                    if (!l.isEmpty()) {
                        out.add(l);
                    }
                }
            }
        }
        return out;
    }

    static void pollUntil(KafkaLive live, long ticks) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (live.engineTicks() < ticks && System.nanoTime() < deadline) {
            live.poll(Duration.ofMillis(50));
        }
        assertThat(live.engineTicks()).as("ticks reached").isGreaterThanOrEqualTo(ticks);
    }

    @Test
    void killAndRestartMidStreamNeitherLosesNorDuplicatesABar() throws Exception {
        Panel panel = SyntheticMarket.generate(8, 160, 5);
        kafka.createTopics("bars-a", "signals-a", "dead-a");
        Path snapshot = tmp.resolve("engine-a.snapshot");
        KafkaLive.Config cfg = new KafkaLive.Config(kafka.bootstrap(), "bars-a", "signals-a", "dead-a", "engine-a",
                panel.symbols(), snapshot, 25);
        try (KafkaProducer<String, String> p = producer()) {
            sendBars(p, "bars-a", panel, 0, 100);
            // first run: up to tick 90 (past the snapshot at 75), then stopped mid-stream
            try (KafkaLive live = new KafkaLive(cfg, Models.defaultModel(), SignalChain.parse(POLICY), Backend.CPU)) {
                pollUntil(live, 90);
            }
            assertThat(snapshot).exists();
            sendBars(p, "bars-a", panel, 100, 160);
            // restart: restores the snapshot, republishes nothing it had published
            try (KafkaLive live = new KafkaLive(cfg, Models.defaultModel(), SignalChain.parse(POLICY), Backend.CPU)) {
                pollUntil(live, 159);
                assertThat(live.deadLetters()).isZero();
            }
        }
        // bar 159 stays open (no later timestamp): ticks 0..158 are out
        List<String> want = expected(panel, 159);
        List<String> got = readAll("signals-a", want.size()).stream().map(ConsumerRecord::value).toList();
        assertThat(got).hasSize(want.size()).containsExactlyElementsOf(want);
    }

    @Test
    void malformedRecordsGoToTheDeadLetterTopicWithTheReason() throws Exception {
        Panel panel = SyntheticMarket.generate(4, 40, 6);
        kafka.createTopics("bars-b", "signals-b", "dead-b");
        KafkaLive.Config cfg = new KafkaLive.Config(kafka.bootstrap(), "bars-b", "signals-b", "dead-b", "engine-b",
                panel.symbols(), null, 1000);
        try (KafkaProducer<String, String> p = producer()) {
            sendBars(p, "bars-b", panel, 0, 20);
            String sym = panel.symbols().get(0);
            p.send(new ProducerRecord<>("bars-b", sym, sym + ",2030-01-01,1,2,1,x,5"));
            p.send(new ProducerRecord<>("bars-b", "ZZZ", "ZZZ,2030-01-01,1,2,1,1.5,5"));
            p.send(new ProducerRecord<>("bars-b", sym, panel.symbols().get(1) + ",2030-01-01,1,2,1,1.5,5"));
            p.send(new ProducerRecord<>("bars-b", sym, null));
            sendBars(p, "bars-b", panel, 20, 40);
            try (KafkaLive live = new KafkaLive(cfg, Models.defaultModel(), SignalChain.parse(POLICY), Backend.CPU)) {
                pollUntil(live, 39);
                assertThat(live.deadLetters()).isEqualTo(4);
            }
        }
        List<ConsumerRecord<String, String>> dead = readAll("dead-b", 4);
        assertThat(dead).hasSize(4);
        List<String> reasons = dead.stream().map(r -> new String(r.headers().lastHeader(KafkaLive.ERROR_HEADER).value(),
                StandardCharsets.UTF_8)).toList();
        assertThat(reasons.get(0)).isEqualTo("bars-b:80: field 'close': not a number, value='x'");
        assertThat(reasons.get(1)).contains("field 'symbol': unknown symbol, symbol=ZZZ");
        assertThat(reasons.get(2)).contains("field 'symbol': key and symbol differ");
        assertThat(reasons.get(3)).startsWith("empty value");
        assertThat(new String(dead.get(0).headers().lastHeader(KafkaLive.ORIGIN_HEADER).value(), StandardCharsets.UTF_8))
                .isEqualTo("bars-b-0@80");
        // the good bars still give every tick's signals
        List<String> want = expected(panel, 39);
        assertThat(readAll("signals-b", want.size()).stream().map(ConsumerRecord::value).toList())
                .containsExactlyElementsOf(want);
    }
}
