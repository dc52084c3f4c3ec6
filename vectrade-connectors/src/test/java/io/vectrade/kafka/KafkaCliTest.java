package io.vectrade.kafka;

import io.vectrade.cli.VectradeCli;
import io.vectrade.data.Panel;
import io.vectrade.data.SyntheticMarket;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code vectrade live --source kafka} end to end: the lab's command line (which does not depend on
 * Kafka) finds this module's connector on the class path and runs it against a real broker started
 * in this JVM.
 */
class KafkaCliTest extends BrokerTest {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    private int run(String... args) {
        var cl = VectradeCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private List<String> kafkaArgs(String suffix, Panel panel, String... more) {
        List<String> a = new ArrayList<>(List.of("live", "--source", "kafka", "--bootstrap", kafka.bootstrap(),
                "--bars-topic", "bars-" + suffix, "--signals-topic", "signals-" + suffix, "--group", "cli-" + suffix,
                "--symbols", String.join(",", panel.symbols()), "--policy", KafkaLiveTest.POLICY, "--backend", "cpu",
                "--idle-exit", "1.5"));
        a.addAll(List.of(more));
        return a;
    }

    @Test
    void theCommandReadsBarsPublishesSignalsDeadLettersAndRestartsFromItsSnapshot() throws Exception {
        Panel panel = SyntheticMarket.generate(6, 120, 9);
        kafka.createTopics("bars-e", "signals-e", "dead-e");
        Path snapshot = tmp.resolve("cli-e.snapshot");
        List<String> args = kafkaArgs("e", panel, "--dead-letter-topic", "dead-e", "--snapshot", snapshot.toString(),
                "--snapshot-every", "20");
        try (KafkaProducer<String, String> p = KafkaLiveTest.producer(kafka)) {
            KafkaLiveTest.sendBars(p, "bars-e", panel, 0, 65);
            // offset 390: after the snapshot of tick 60, before the last commit; not dead-lettered twice
            String sym = panel.symbols().get(2);
            p.send(new ProducerRecord<>("bars-e", sym, sym + ",2030-01-01,1,2,1,ten,5")).get();
            KafkaLiveTest.sendBars(p, "bars-e", panel, 65, 70);
            // first run: drains the topic, then stops when idle; bar 69 stays open
            assertThat(run(args.toArray(String[]::new))).as(err.toString()).isZero();
            // primed by default (--prime-ticks auto) before the first bar: the signals below are still a fresh engine's
            assertThat(out.toString()).contains("engine ticks 69, published 69 ticks").contains("1 dead letters")
                    .contains("idle for 1.5 s").contains("primed until the JIT was quiet (or a cap)");
            assertThat(snapshot).exists();
            // second run, after more bars: restores the snapshot of tick 60, publishes ticks 69..118 only
            KafkaLiveTest.sendBars(p, "bars-e", panel, 70, 120);
            out.getBuffer().setLength(0);
            assertThat(run(args.toArray(String[]::new))).as(err.toString()).isZero();
            assertThat(out.toString()).contains("engine ticks 119, published 50 ticks").contains("0 dead letters");
        }
        List<String> want = KafkaLiveTest.expected(panel, 119);
        List<String> got = KafkaLiveTest.readAll(kafka, "signals-e", want.size()).stream().map(ConsumerRecord::value).toList();
        assertThat(got).as("no bar lost or published twice across the restart").containsExactlyElementsOf(want);
        List<ConsumerRecord<String, String>> dead = KafkaLiveTest.readAll(kafka, "dead-e", 1);
        assertThat(dead).as("dead-lettered once, not again after the restart").hasSize(1);
        assertThat(new String(dead.get(0).headers().lastHeader(KafkaLive.ERROR_HEADER).value(), StandardCharsets.UTF_8))
                .isEqualTo("bars-e:390: field 'close': not a number, value='ten'");
    }

    @Test
    void withExactlyOnceTheCommandPublishesInTransactionsAndRestartsWithoutARepeat() throws Exception {
        Panel panel = SyntheticMarket.generate(6, 120, 10);
        kafka.createTopics("bars-x", "signals-x", "dead-x");
        Path snapshot = tmp.resolve("cli-x.snapshot");
        List<String> args = kafkaArgs("x", panel, "--dead-letter-topic", "dead-x", "--snapshot", snapshot.toString(),
                "--snapshot-every", "20", "--exactly-once");
        try (KafkaProducer<String, String> p = KafkaLiveTest.producer(kafka)) {
            KafkaLiveTest.sendBars(p, "bars-x", panel, 0, 65);
            String sym = panel.symbols().get(2);
            p.send(new ProducerRecord<>("bars-x", sym, sym + ",2030-01-01,1,2,1,ten,5")).get();
            KafkaLiveTest.sendBars(p, "bars-x", panel, 65, 70);
            assertThat(run(args.toArray(String[]::new))).as(err.toString()).isZero();
            assertThat(out.toString()).contains("engine ticks 69, published 69 ticks").contains("1 dead letters");
            assertThat(snapshot).exists();
            KafkaLiveTest.sendBars(p, "bars-x", panel, 70, 120);
            out.getBuffer().setLength(0);
            assertThat(run(args.toArray(String[]::new))).as(err.toString()).isZero();
            assertThat(out.toString()).contains("engine ticks 119, published 50 ticks").contains("0 dead letters");
        }
        List<String> want = KafkaLiveTest.expected(panel, 119);
        List<String> got = read(kafka, "signals-x", want.size(), "read_committed").stream()
                .map(ConsumerRecord::value).toList();
        assertThat(got).as("read_committed: every tick once").containsExactlyElementsOf(want);
        List<ConsumerRecord<String, String>> dead = read(kafka, "dead-x", 1, "read_committed");
        assertThat(dead).hasSize(1);
        assertThat(new String(dead.get(0).headers().lastHeader(KafkaLive.ERROR_HEADER).value(), StandardCharsets.UTF_8))
                .isEqualTo("bars-x:390: field 'close': not a number, value='ten'");
    }

    @Test
    void withoutADeadLetterTopicAMalformedRecordIsOneLineAndExitTwo() throws Exception {
        Panel panel = SyntheticMarket.generate(3, 10, 4);
        kafka.createTopics("bars-f", "signals-f");
        try (KafkaProducer<String, String> p = KafkaLiveTest.producer(kafka)) {
            KafkaLiveTest.sendBars(p, "bars-f", panel, 0, 5);
            p.send(new ProducerRecord<>("bars-f", "ZZZ", "ZZZ,2030-01-01,1,2,1,1.5,5"));
            p.flush();
        }
        assertThat(run(kafkaArgs("f", panel).toArray(String[]::new))).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("vectrade: bars-f:15: field 'symbol': unknown symbol, symbol=ZZZ"
                + " (no dead-letter topic to set the record aside)" + System.lineSeparator());
    }

    @Test
    void badFlagsAreOneLineAndExitTwo() {
        Panel panel = SyntheticMarket.generate(3, 10, 4);
        List<String> noBootstrap = new ArrayList<>(kafkaArgs("g", panel));
        int at = noBootstrap.indexOf("--bootstrap");
        noBootstrap.subList(at, at + 2).clear();
        assertOneLineExitTwo(noBootstrap, "--source kafka needs --bootstrap");
        assertOneLineExitTwo(kafkaArgs("g", panel, "--rate", "10"), "--rate is not for --source kafka");
        assertOneLineExitTwo(List.of("live", "--source", "kafka", "--bootstrap", "localhost:1"), "needs --symbols");
        assertOneLineExitTwo(List.of("live", "--source", "stdin", "--bars-topic", "x"), "are for --source kafka");
        assertOneLineExitTwo(List.of("live", "--source", "stdin", "--exactly-once"), "--exactly-once are for --source kafka");
        assertOneLineExitTwo(kafkaArgs("g", panel, "--snapshot-every", "0"), "--snapshot-every must be >= 1");
        // a topic that does not exist
        assertOneLineExitTwo(kafkaArgs("nosuch", panel, "--connect-timeout", "3"), "exactly one partition");
    }

    @Test
    void anUnreachableBrokerIsOneLineAndExitTwoWithinTheConnectTimeout() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed: nothing listens there
        }
        Panel panel = SyntheticMarket.generate(3, 10, 4);
        List<String> args = kafkaArgs("h", panel, "--connect-timeout", "2");
        args.set(args.indexOf("--bootstrap") + 1, "localhost:" + port);
        long t0 = System.nanoTime();
        assertOneLineExitTwo(args, "kafka: no answer from the broker within 2000 ms, bootstrap=localhost:" + port);
        // bounded: the timeout plus the client's start and close, not Kafka's 60 s default
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(20);
        assertOneLineExitTwo(List.of("live", "--source", "kafka", "--bootstrap", "no-such-host.invalid:9092",
                "--bars-topic", "b", "--signals-topic", "s", "--symbols", "A,B", "--connect-timeout", "2"), "kafka: ");
    }

    private void assertOneLineExitTwo(List<String> args, String contains) {
        err.getBuffer().setLength(0);
        assertThat(run(args.toArray(String[]::new))).as(String.join(" ", args) + ": " + err).isEqualTo(2);
        String e = err.toString();
        assertThat(e).startsWith("vectrade: ").contains(contains).endsWith(System.lineSeparator());
        assertThat(e.strip()).as("one line").doesNotContain("\n");
    }
}
