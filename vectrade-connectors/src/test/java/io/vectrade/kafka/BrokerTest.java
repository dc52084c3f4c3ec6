package io.vectrade.kafka;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

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
}
