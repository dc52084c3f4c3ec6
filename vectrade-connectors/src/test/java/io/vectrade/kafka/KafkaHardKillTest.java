package io.vectrade.kafka;

import io.vectrade.data.Panel;
import io.vectrade.data.SyntheticMarket;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exactly once across hard kills: {@link KafkaLive} with transactions runs in a child JVM
 * ({@link KafkaLiveProcess}) against the broker of this JVM, is killed with SIGKILL
 * ({@link Process#destroyForcibly()}) at seeded points mid-stream, several times, and restarted each
 * time (from its snapshot); a {@code read_committed} reader then finds in the signals topic every
 * tick's signals exactly once and in order (the reference: one engine driven over all bars
 * directly), and in the dead-letter topic each malformed record once.
 */
class KafkaHardKillTest extends BrokerTest {
    static final int INSTRUMENTS = 8;
    static final int BARS = 240;

    @ParameterizedTest(name = "seed {0}, {1} kills")
    @CsvSource({"11, 3", "12, 4"})
    void killedWithSigkillAndRestartedTheSignalsAreExactlyOnce(long seed, int kills) throws Exception {
        String s = "k" + seed;
        kafka.createTopics("bars-" + s, "signals-" + s, "dead-" + s);
        Panel panel = SyntheticMarket.generate(INSTRUMENTS, BARS, (int) seed);
        Path snapshot = tmp.resolve("engine-" + s + ".snapshot");
        List<String> args = List.of(kafka.bootstrap(), "bars-" + s, "signals-" + s, "dead-" + s, "group-" + s,
                String.join(",", panel.symbols()), snapshot.toString(), "7", "true");
        String sym = panel.symbols().get(3);
        List<String> malformed = List.of(sym + ",2030-01-01,1,2,1,x,5", "ZZZ,2030-01-01,1,2,1,1.5,5",
                sym + ",2030-01-01,1,2,1,,5");
        Random rnd = new Random(seed);
        try (KafkaProducer<String, String> p = KafkaLiveTest.producer(kafka)) {
            KafkaLiveTest.sendBars(p, "bars-" + s, panel, 0, 40);
            p.send(new ProducerRecord<>("bars-" + s, sym, malformed.get(0))).get();
            KafkaLiveTest.sendBars(p, "bars-" + s, panel, 40, 100);
            // the rest arrives while the engine runs, is killed and restarts: a bar every 20 ms
            Thread feed = Thread.ofPlatform().name("feed").start(() -> {
                try {
                    for (int t = 100; t < BARS; t++) {
                        KafkaLiveTest.sendBars(p, "bars-" + s, panel, t, t + 1);
                        if (t == 150) {
                            p.send(new ProducerRecord<>("bars-" + s, "ZZZ", malformed.get(1))).get();
                        } else if (t == 200) {
                            p.send(new ProducerRecord<>("bars-" + s, sym, malformed.get(2))).get();
                        }
                        Thread.sleep(20);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long reached = 0;
            for (int k = 0; k < kills; k++) {
                long target = Math.min(reached + 10 + rnd.nextInt(60), BARS - 30);
                try (Child c = new Child(args, tmp.resolve(s + "-" + k + ".err"))) {
                    reached = c.awaitTicks(target);
                    Thread.sleep(rnd.nextInt(25));
                    c.kill();
                }
            }
            feed.join();
            try (Child c = new Child(args, tmp.resolve(s + "-last.err"))) {
                // the last bar stays open: ticks 0 .. BARS-2 closed and committed
                assertThat(c.awaitTicks(BARS - 1)).isEqualTo(BARS - 1);
                c.kill();
            }
        }
        List<String> want = KafkaLiveTest.expected(panel, BARS - 1);
        List<String> got = read("signals-" + s, want.size(), "read_committed").stream().map(ConsumerRecord::value).toList();
        assertThat(got).as("every tick's signals exactly once, in order").containsExactlyElementsOf(want);
        List<ConsumerRecord<String, String>> dead = read("dead-" + s, malformed.size(), "read_committed");
        assertThat(dead.stream().map(ConsumerRecord::value).toList()).as("each malformed record once")
                .containsExactlyElementsOf(malformed);
        assertThat(dead.stream().map(r -> new String(r.headers().lastHeader(KafkaLive.ERROR_HEADER).value(),
                StandardCharsets.UTF_8)).toList()).allMatch(r -> r.startsWith("bars-" + s + ":"));
        // how many records the kills left in aborted transactions (visible to read_uncommitted only)
        int uncommitted = read("signals-" + s, want.size(), "read_uncommitted").size();
        System.out.printf("seed %d: %d signals, %d records of aborted transactions%n", seed, want.size(),
                uncommitted - want.size());
    }

    static List<ConsumerRecord<String, String>> read(String topic, int expected, String isolation) {
        return read(kafka, topic, expected, isolation);
    }

    /** A {@link KafkaLiveProcess} child JVM; its last {@code ticks N} line read from its stdout. */
    static final class Child implements AutoCloseable {
        final Process process;
        final AtomicLong ticks = new AtomicLong(-1);
        final Path err;

        Child(List<String> args, Path err) throws Exception {
            this.err = err;
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                    "--sun-misc-unsafe-memory-access=allow", "-Xmx512m", "-XX:+UseSerialGC",
                    "-cp", System.getProperty("java.class.path"), KafkaLiveProcess.class.getName()));
            cmd.addAll(args);
            process = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
            Thread.ofPlatform().daemon().start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String l; (l = r.readLine()) != null; ) {
                        if (l.startsWith("ticks ")) {
                            ticks.set(Long.parseLong(l.substring(6)));
                        }
                    }
                } catch (java.io.IOException e) {
                    // killed
                }
            });
        }

        /** Waits until the child has committed at least {@code target} ticks; returns its ticks then. */
        long awaitTicks(long target) throws Exception {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (ticks.get() < target) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("child " + (process.isAlive() ? "stuck" : "died") + " at ticks "
                            + ticks.get() + " < " + target + ": " + Files.readString(err).lines()
                            .filter(l -> !l.contains(" INFO ")).limit(20).toList());
                }
                Thread.sleep(2);
            }
            return ticks.get();
        }

        /** SIGKILL: no shutdown hook, no close, no flush. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor();
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }
}
