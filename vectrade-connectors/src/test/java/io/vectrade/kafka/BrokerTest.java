package io.vectrade.kafka;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A test class with a real Kafka broker ({@link LocalKafka}, KRaft, in this JVM) started once for
 * the class and stopped after it, and a temporary directory for the class's files.
 */
abstract class BrokerTest {
    @TempDir
    static Path tmp;
    static LocalKafka kafka;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = new LocalKafka(tmp.resolve("kafka-logs"));
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
    }

    /** The records of a one-partition topic from its start, read with the given {@code isolation.level}. */
    static List<ConsumerRecord<String, String>> read(LocalKafka kafka, String topic, int expected, String isolation) {
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            TopicPartition tp = new TopicPartition(topic, 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            List<ConsumerRecord<String, String>> out = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            long end = c.endOffsets(List.of(tp)).get(tp);
            while ((out.size() < expected || c.position(tp) < end) && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(100)).forEach(out::add);
            }
            return out;
        }
    }
}
