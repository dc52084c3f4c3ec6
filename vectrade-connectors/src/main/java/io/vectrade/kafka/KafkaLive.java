package io.vectrade.kafka;

import io.vectrade.backend.Backend;
import io.vectrade.data.DataFormatException;
import io.vectrade.live.BarAssembler;
import io.vectrade.live.BarLine;
import io.vectrade.live.LiveConnector;
import io.vectrade.live.SignalLines;
import io.vectrade.model.Model;
import io.vectrade.pipeline.LiveEngine;
import io.vectrade.signal.SignalChain;
import io.vectrade.signal.SignalFrame;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The live engine between Kafka topics: bars from {@code barsTopic} (key = symbol, value = the
 * long-form line {@code symbol,timestamp,open,high,low,close,volume}), each tick's non-flat
 * signals to {@code signalsTopic} (key = symbol, value = one JSON line as {@code SignalLines}
 * writes it), malformed records to {@code deadLetterTopic} (the original key and value, the reason
 * in header {@value #ERROR_HEADER}, the origin in {@value #ORIGIN_HEADER}); without a dead-letter
 * topic a malformed record stops the engine ({@link #poll} throws an {@link IOException} naming topic,
 * offset and field; nothing of its bar is published and no offset past it committed).
 *
 * <p><b>Delivery.</b> A tick closes when a record's timestamp is later than the open bar's (the
 * bars topic has one partition, so records come in order). The tick's signals are sent and the
 * producer flushed (acks=all), then the consumer offset is committed: the offset of the record
 * that closed the tick, the first one of the next bar. Every {@code snapshotEveryTicks} ticks the
 * engine's state and that offset are written to {@code snapshotFile} (atomically). On a restart
 * the engine restores the snapshot, reads from its offset, and publishes nothing for the ticks up to
 * the committed offset (they were published before): a stop between ticks neither loses nor
 * duplicates a bar (tested by stopping and restarting mid-stream). A crash between the producer's
 * flush and the commit publishes that one tick again on restart: the signal's key and timestamp
 * make it idempotent for the reader. Dead letters follow the same rule: a malformed record before
 * the committed offset is not sent again after a restart; one in the open bar (after the last
 * commit) is, and its {@value #ORIGIN_HEADER} header identifies the repeat.
 *
 * <p><b>Exactly once</b> ({@code Config.exactlyOnce}). The producer is transactional, with
 * {@code transactional.id} = {@value #TRANSACTIONAL_ID_PREFIX} + group id, stable across restarts:
 * opening it fences a previous instance that is still alive and aborts its open transaction. Each
 * {@link #poll} puts the signals of every tick it closes, the dead letters of those ticks' bars and
 * the consumer offset (the record that closed the last of them, through
 * {@code sendOffsetsToTransaction} with the consumer's group metadata) into ONE transaction, committed
 * before {@code poll} returns: a backlog is many ticks per transaction, a live feed about one. A
 * dead letter waits in memory until its bar's tick closes, so it is in the transaction that commits
 * the offset past it. A kill at any point (tested with SIGKILL in a child JVM, repeatedly) leaves
 * either the whole transaction or none of it: a {@code read_committed} reader sees each tick's
 * signals and each dead letter exactly once. The snapshot is written after the commit, for the
 * committed offset, so it is never ahead of it. Readers of the signals and dead-letter topics must
 * set {@code isolation.level=read_committed}; a {@code read_uncommitted} reader also sees the
 * records of aborted transactions. A failed commit is an {@link IOException}: the engine has moved
 * past what Kafka holds, so the caller closes and opens again (the restart resumes from the commit).
 *
 * <p>Failures: a broker that does not answer within the config's {@code connectTimeout} while
 * opening is an {@link IOException}; a client setting Kafka refuses (an unresolvable bootstrap
 * address) an {@link IllegalArgumentException}; a Kafka failure while polling an {@link IOException}.
 *
 * <p>Not thread-safe: one thread calls {@link #poll}. Also the {@code kafka} {@link LiveConnector}'s session.
 */
public final class KafkaLive implements LiveConnector.Session {
    public static final String ERROR_HEADER = "vectrade.error";
    public static final String ORIGIN_HEADER = "vectrade.origin";
    /** With {@code exactlyOnce}: the producer's {@code transactional.id} is this plus the group id. */
    public static final String TRANSACTIONAL_ID_PREFIX = "vectrade-live-";

    /**
     * Where and how: topics (no dead-letter topic: null), consumer group, instruments, snapshot (null:
     * none), how long opening waits for the broker, and whether signals, dead letters and offsets go
     * in one Kafka transaction per poll (see the class comment).
     */
    public record Config(String bootstrapServers, String barsTopic, String signalsTopic, String deadLetterTopic,
                         String groupId, List<String> symbols, Path snapshotFile, int snapshotEveryTicks,
                         Duration connectTimeout, boolean exactlyOnce) {
        /** Opening waits up to 30 s for the broker; not exactly once. */
        public Config(String bootstrapServers, String barsTopic, String signalsTopic, String deadLetterTopic,
                      String groupId, List<String> symbols, Path snapshotFile, int snapshotEveryTicks) {
            this(bootstrapServers, barsTopic, signalsTopic, deadLetterTopic, groupId, symbols, snapshotFile,
                    snapshotEveryTicks, Duration.ofSeconds(30), false);
        }

        /** Not exactly once. */
        public Config(String bootstrapServers, String barsTopic, String signalsTopic, String deadLetterTopic,
                      String groupId, List<String> symbols, Path snapshotFile, int snapshotEveryTicks,
                      Duration connectTimeout) {
            this(bootstrapServers, barsTopic, signalsTopic, deadLetterTopic, groupId, symbols, snapshotFile,
                    snapshotEveryTicks, connectTimeout, false);
        }

        /** This config with exactly-once on or off. */
        public Config withExactlyOnce(boolean on) {
            return new Config(bootstrapServers, barsTopic, signalsTopic, deadLetterTopic, groupId, symbols,
                    snapshotFile, snapshotEveryTicks, connectTimeout, on);
        }

        public Config {
            if (connectTimeout.isNegative() || connectTimeout.isZero()) {
                throw new IllegalArgumentException("connectTimeout must be > 0, connectTimeout=" + connectTimeout);
            }
            if (symbols.isEmpty()) {
                throw new IllegalArgumentException("no instruments, symbols=[]");
            }
            if (snapshotEveryTicks < 1) {
                throw new IllegalArgumentException("snapshotEveryTicks must be >= 1, snapshotEveryTicks=" + snapshotEveryTicks);
            }
        }
    }

    private final Config config;
    private final LiveEngine engine;
    private final KafkaConsumer<String, String> consumer;
    private final KafkaProducer<String, String> producer;
    private final TopicPartition partition;
    private final BarAssembler bars;
    private final SignalLines lines;
    private final BarLine record = new BarLine();
    private final StringBuilder buffer = new StringBuilder(1 << 12);
    private final Path origin;
    /** Ticks closed by a record at an offset up to this one were published before a restart. */
    private final long publishedUpTo;
    private long closingOffset;
    /** Exactly once: the offset to commit with this poll's transaction (-1: no tick closed yet in it). */
    private long toCommit = -1;
    private boolean inTransaction;
    /** Exactly once: a poll failed inside a transaction; the engine is past what Kafka holds. */
    private boolean failed;
    /** Exactly once: dead letters of the open bar, sent when its tick closes. */
    private final List<ProducerRecord<String, String>> pendingDead = new java.util.ArrayList<>();
    private long snapshotTicks;
    private long deadLetters;
    private long signalsPublished;
    private long ticksPublished;

    /**
     * Connects, restores the snapshot if there is one and positions the consumer (see the class comment).
     *
     * @throws IllegalArgumentException when the bars topic does not have exactly one partition, or Kafka
     *                                  refuses a client setting
     * @throws IOException              when no broker answers within {@code config.connectTimeout()}
     */
    public KafkaLive(Config config, Model model, SignalChain policy, Backend backend) throws IOException {
        this(config, model, policy, backend, 0);
    }

    /**
     * As {@link #KafkaLive(Config, Model, SignalChain, Backend)}, with the engine primed by {@code primeTicks}
     * synthetic ticks ({@code LiveEngine.prime}: {@code LiveEngine.PRIME_AUTO} until the JIT is quiet) before the
     * snapshot is restored and the first bar read, so that the JIT has compiled its tick and rare paths first.
     */
    public KafkaLive(Config config, Model model, SignalChain policy, Backend backend, int primeTicks) throws IOException {
        if (primeTicks < LiveEngine.PRIME_AUTO) {
            throw new IllegalArgumentException("primeTicks must be >= 0, or -1 for auto, primeTicks=" + primeTicks);
        }
        this.config = config;
        this.partition = new TopicPartition(config.barsTopic(), 0);
        this.origin = Path.of(config.barsTopic());
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        if (config.exactlyOnce()) {
            p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, TRANSACTIONAL_ID_PREFIX + config.groupId());
            p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(Math.max(1, config.connectTimeout().toMillis())));
        }
        LiveEngine e = LiveEngine.create(model, policy, backend, config.symbols().size());
        KafkaConsumer<String, String> cons = null;
        KafkaProducer<String, String> prod = null;
        try {
            cons = new KafkaConsumer<>(c);
            List<PartitionInfo> parts = cons.partitionsFor(config.barsTopic(), config.connectTimeout());
            if (parts == null || parts.size() != 1) {
                throw new IllegalArgumentException("the bars topic must have exactly one partition, topic="
                        + config.barsTopic() + " partitions=" + (parts == null ? 0 : parts.size()));
            }
            // primed once the broker has answered (a wrong address or topic is reported first), before the restore
            e.prime(primeTicks);
            cons.assign(List.of(partition));
            if (config.exactlyOnce()) {
                // before reading the committed offset: fences a previous instance and aborts its open
                // transaction, whose pending offset commit would otherwise hold the read up
                prod = new KafkaProducer<>(p);
                prod.initTransactions();
            }
            OffsetAndMetadata committed = cons.committed(java.util.Set.of(partition), config.connectTimeout()).get(partition);
            long start = 0;
            Path snap = config.snapshotFile();
            if (snap != null && Files.exists(snap)) {
                try (InputStream in = Files.newInputStream(snap)) {
                    start = new java.io.DataInputStream(in).readLong();
                    e.restore(in);
                }
            }
            // nothing to publish for ticks closed before the committed offset; without a snapshot the
            // history from the start of the topic rebuilds the state
            this.publishedUpTo = committed == null ? -1 : committed.offset();
            if (committed != null && start > committed.offset()) {
                throw new IllegalStateException("snapshot is ahead of the committed offset, snapshot=" + start
                        + " committed=" + committed.offset());
            }
            cons.seek(partition, start);
            if (prod == null) {
                prod = new KafkaProducer<>(p);
            }
        } catch (RuntimeException | IOException ex) {
            if (prod != null) {
                prod.close(Duration.ZERO);
            }
            if (cons != null) {
                cons.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ZERO));
            }
            e.close();
            if (ex instanceof TimeoutException) {
                throw new IOException("kafka: no answer from the broker within " + config.connectTimeout().toMillis()
                        + " ms, bootstrap=" + config.bootstrapServers(), ex);
            }
            if (ex instanceof KafkaException k) {
                throw new IllegalArgumentException("kafka: " + k.getMessage() + ", bootstrap=" + config.bootstrapServers(), k);
            }
            throw ex;
        }
        this.engine = e;
        this.snapshotTicks = e.ticks();
        this.consumer = cons;
        this.producer = prod;
        this.lines = new SignalLines(config.symbols());
        this.bars = new BarAssembler(config.symbols(), this::onTick);
    }

    /**
     * Polls once and processes what came: ticks closed, signals published, offsets committed.
     *
     * @throws IOException a Kafka failure (the broker gone past the client's timeouts), or, without a
     *                     dead-letter topic, a malformed record
     */
    @Override
    public int poll(Duration timeout) throws IOException {
        if (failed) {
            throw new IOException("kafka: a transaction failed before; close and open again to resume from the last"
                    + " commit");
        }
        try {
            ConsumerRecords<String, String> records = consumer.poll(timeout);
            for (ConsumerRecord<String, String> r : records) {
                accept(r);
            }
            if (inTransaction) {
                commitTransaction();
            }
            return records.count();
        } catch (KafkaException e) {
            failed = inTransaction;
            throw new IOException("kafka: " + e.getMessage() + ", bootstrap=" + config.bootstrapServers(), e);
        } catch (IOException e) {
            failed = inTransaction;
            throw e;
        }
    }

    private void accept(ConsumerRecord<String, String> r) throws IOException {
        String value = r.value();
        if (value == null) {
            deadLetter(r, "empty value: a bar record is " + BarLine.HEADER);
            return;
        }
        try {
            record.parse(value, origin, r.offset());
            if (r.key() != null && !r.key().equals(record.symbol)) {
                throw new DataFormatException(origin, r.offset(), "symbol", "key and symbol differ, key=" + r.key()
                        + " symbol=" + record.symbol);
            }
            if (bars.indexOf(record.symbol) < 0) {
                throw new DataFormatException(origin, r.offset(), "symbol", "unknown symbol, symbol=" + record.symbol);
            }
            if (bars.pending() && record.timestampMillis < bars.timestampMillis()) {
                throw new DataFormatException(origin, r.offset(), "timestamp", "timestamp goes back, timestamp="
                        + record.timestampMillis + " open bar=" + bars.timestampMillis());
            }
        } catch (DataFormatException e) {
            deadLetter(r, e.getMessage());
            return;
        }
        closingOffset = r.offset();
        try {
            bars.accept(record.symbol, record.timestampMillis, record.open, record.high, record.low, record.close,
                    record.volume);
        } catch (IllegalArgumentException e) {
            // a second record of an instrument in the same bar
            deadLetter(r, origin + ":" + r.offset() + ": " + e.getMessage());
        }
    }

    private void onTick(long ts, double[] o, double[] h, double[] l, double[] c, double[] v) throws IOException {
        SignalFrame s = engine.onTick(o, h, l, c, v);
        if (closingOffset <= publishedUpTo) {
            return; // published before the restart
        }
        if (config.exactlyOnce()) {
            beginTransaction();
            for (ProducerRecord<String, String> d : pendingDead) {
                producer.send(d);
                deadLetters++;
            }
            pendingDead.clear();
        }
        List<String> syms = lines.symbols();
        int count = s.nonFlat(0);
        int start = s.entryStart(0);
        int[] ins = s.entryInstruments();
        for (int e = start; e < start + count; e++) {
            int i = ins[e];
            buffer.setLength(0);
            lines.writeOne(ts, s, 0, i, buffer);
            buffer.setLength(buffer.length() - 1); // no newline in a record
            producer.send(new ProducerRecord<>(config.signalsTopic(), syms.get(i), buffer.toString()));
            signalsPublished++;
        }
        ticksPublished++;
        if (config.exactlyOnce()) {
            toCommit = closingOffset;
            return; // committed with the transaction at the end of this poll
        }
        producer.flush();
        consumer.commitSync(Map.of(partition, new OffsetAndMetadata(closingOffset)));
        if (config.snapshotFile() != null && engine.ticks() % config.snapshotEveryTicks() == 0) {
            writeSnapshot(closingOffset);
        }
    }

    private void writeSnapshot(long offset) throws IOException {
        Path file = config.snapshotFile();
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            java.io.DataOutputStream d = new java.io.DataOutputStream(out);
            d.writeLong(offset);
            d.flush();
            engine.snapshot(out);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void deadLetter(ConsumerRecord<String, String> r, String reason) throws IOException {
        if (r.offset() < publishedUpTo) {
            return; // dead-lettered before the restart: flushed before the commit past it
        }
        if (config.deadLetterTopic() == null) {
            throw new IOException(reason + " (no dead-letter topic to set the record aside)");
        }
        ProducerRecord<String, String> d = new ProducerRecord<>(config.deadLetterTopic(), r.key(), r.value());
        d.headers().add(ERROR_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        d.headers().add(ORIGIN_HEADER, (r.topic() + "-" + r.partition() + "@" + r.offset()).getBytes(StandardCharsets.UTF_8));
        if (config.exactlyOnce()) {
            pendingDead.add(d); // sent with its bar's tick, in the transaction that commits the offset past it
            return;
        }
        producer.send(d);
        deadLetters++;
    }

    private void beginTransaction() {
        if (!inTransaction) {
            producer.beginTransaction();
            inTransaction = true;
        }
    }

    /** Exactly once: this poll's signals, dead letters and offset, committed together; then the snapshot. */
    private void commitTransaction() throws IOException {
        producer.sendOffsetsToTransaction(Map.of(partition, new OffsetAndMetadata(toCommit)), consumer.groupMetadata());
        producer.commitTransaction();
        inTransaction = false;
        int every = config.snapshotEveryTicks();
        if (config.snapshotFile() != null && engine.ticks() / every > snapshotTicks / every) {
            writeSnapshot(toCommit); // the engine is at the tick closed by the record at toCommit
            snapshotTicks = engine.ticks();
        }
    }

    /** Malformed records sent to the dead-letter topic. */
    @Override
    public long deadLetters() {
        return deadLetters;
    }

    /** Signal records published (since this instance started). */
    @Override
    public long signalsPublished() {
        return signalsPublished;
    }

    /** Ticks whose signals this instance published. */
    @Override
    public long ticksPublished() {
        return ticksPublished;
    }

    /** Ticks the engine has run (restored ones included). */
    @Override
    public long engineTicks() {
        return engine.ticks();
    }

    /** Stops without closing the open bar: its records are read again after a restart. */
    @Override
    public void close() {
        try {
            if (inTransaction) {
                try {
                    producer.abortTransaction(); // only after a failed poll: poll commits before it returns
                } catch (KafkaException e) {
                    // fenced or broken: the broker aborts the transaction when the next instance starts
                }
            }
            producer.flush();
            producer.close(Duration.ofSeconds(5));
        } finally {
            try {
                consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
            } finally {
                engine.close();
            }
        }
    }
}
