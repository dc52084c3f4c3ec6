package io.vectrade.kafka;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * A real single-node Kafka (KRaft: broker and controller in one) inside the test JVM, on free
 * local ports, with its log in a temporary directory. Settings that matter for tests: internal
 * topics with replication factor 1 and min ISR 1, no initial rebalance delay.
 */
final class LocalKafka implements AutoCloseable {
    private final KafkaRaftServer server;
    private final String bootstrap;

    LocalKafka(Path logDir) throws Exception {
        int broker = freePort();
        int controller = freePort();
        String dir = logDir.toString();
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@localhost:" + controller);
        p.put("listeners", "PLAINTEXT://localhost:" + broker + ",CONTROLLER://localhost:" + controller);
        p.put("advertised.listeners", "PLAINTEXT://localhost:" + broker);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dir);
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.partitions", "1");
        p.put("auto.create.topics.enable", "false");
        new Formatter().setPrintStream(new PrintStream(PrintStream.nullOutputStream()))
                .setClusterId(Uuid.randomUuid().toString()).setNodeId(1).setControllerListenerName("CONTROLLER")
                .setMetadataLogDirectory(dir).setDirectories(List.of(dir))
                .setReleaseVersion(MetadataVersion.latestProduction()).run();
        server = new KafkaRaftServer(new KafkaConfig(p), Time.SYSTEM);
        server.startup();
        bootstrap = "localhost:" + broker;
    }

    String bootstrap() {
        return bootstrap;
    }

    /**
     * Creates the topics (one partition each) and waits until each partition's leader serves it: a producer
     * that sends before the leader is elected gets NOT_LEADER_OR_FOLLOWER, and its idempotent retries
     * can then fail with OUT_OF_ORDER_SEQUENCE_NUMBER under load (records lost to the test).
     */
    void createTopics(String... names) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(java.util.Arrays.stream(names).map(n -> new NewTopic(n, 1, (short) 1)).toList()).all()
                    .get();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!admin.listTopics().names().get().containsAll(Set.of(names)) || !led(admin, names)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topics not visible or without a leader after 30 s: " + List.of(names));
                }
                Thread.sleep(20);
            }
            // the admin's metadata can name a leader before the broker's replica manager serves the partition;
            // ListOffsets is answered by the leader itself (retried by the admin client until it is)
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest =
                    new java.util.HashMap<>();
            for (String n : names) {
                latest.put(new org.apache.kafka.common.TopicPartition(n, 0), org.apache.kafka.clients.admin.OffsetSpec.latest());
            }
            admin.listOffsets(latest).all().get();
        }
    }

    private static boolean led(Admin admin, String... names) throws Exception {
        for (var d : admin.describeTopics(List.of(names)).allTopicNames().get().values()) {
            for (var p : d.partitions()) {
                if (p.leader() == null || p.leader().isEmpty()) {
                    return false;
                }
            }
        }
        return true;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
