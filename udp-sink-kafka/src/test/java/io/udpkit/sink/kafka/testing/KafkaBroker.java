package io.udpkit.sink.kafka.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A real Apache Kafka broker for tests: one KRaft node (broker and controller in one process) on
 * loopback, started as a separate JVM from the {@code org.apache.kafka:kafka_2.13} jars that Maven
 * resolved (the class path is written beside this class at build time, {@code broker.classpath}).
 * No Docker, no ZooKeeper, no mocks.
 *
 * <p>{@link #start(Path)} finds two free ports (never fixed ones), writes
 * {@code server.properties}, formats the storage with Kafka's {@code StorageTool}, starts
 * {@code kafka.Kafka} and waits, at most {@link #START_TIMEOUT}, until an admin client sees the
 * cluster; a broker that does not come up fails with the tail of its log. {@link #stop()} and
 * {@link #restart()} keep the ports and the data, so a test can take the broker away mid-stream
 * and bring it back. The broker's own output goes to {@code broker.log} in its directory.
 *
 * <p>Use one broker per test class ({@code @BeforeAll}/{@code @AfterAll}): a start costs about
 * ten seconds. Modules that use it depend on this module's test-jar (test scope); the broker's
 * jars stay off their class path.
 */
public final class KafkaBroker implements AutoCloseable {

    /** The longest a start may take before the test fails. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path dir;
    private final int brokerPort;
    private final int controllerPort;
    private Process process;

    private KafkaBroker(Path dir, int brokerPort, int controllerPort) {
        this.dir = dir;
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
    }

    /**
     * Formats storage in {@code dir} and starts a broker there.
     *
     * @param dir an empty directory for the broker's configuration, data and log
     * @return the running broker
     * @throws IOException if it cannot be formatted or started within {@link #START_TIMEOUT}
     */
    public static KafkaBroker start(Path dir) throws IOException {
        int[] ports = freePorts(2);
        KafkaBroker broker = new KafkaBroker(dir, ports[0], ports[1]);
        broker.writeConfig();
        broker.format();
        broker.launch();
        return broker;
    }

    /**
     * Where clients connect: {@code 127.0.0.1:PORT}.
     *
     * @return the bootstrap servers string
     */
    public String bootstrap() {
        return "127.0.0.1:" + brokerPort;
    }

    /**
     * The broker's directory (configuration, data, {@code broker.log}).
     *
     * @return the directory
     */
    public Path directory() {
        return dir;
    }

    /**
     * Stops the broker (SIGTERM, a controlled shutdown; killed after 30 s), keeping its data and
     * ports for {@link #restart()}.
     */
    public void stop() {
        Process running = process;
        process = null;
        if (running == null) {
            return;
        }
        running.destroy();
        try {
            if (!running.waitFor(30, TimeUnit.SECONDS)) {
                running.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            running.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts the broker again on the same ports with the same data.
     *
     * @throws IOException if it does not come up within {@link #START_TIMEOUT}
     */
    public void restart() throws IOException {
        stop();
        launch();
    }

    /**
     * Creates a topic with one partition.
     *
     * @param topic the name
     */
    public void createTopic(String topic) {
        try (Admin admin = Admin.create(adminConfig())) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all()
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topic " + topic + ": " + e, e);
        }
    }

    /**
     * Reads every record of a one-partition topic from the beginning, waiting at most
     * {@code patience} for at least {@code atLeast} of them (then a little longer, so that
     * duplicates would show).
     *
     * @param topic    the topic
     * @param atLeast  how many records to wait for
     * @param patience the longest wait
     * @return the records in offset order
     */
    public List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int atLeast, Duration patience) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long until = System.nanoTime() + patience.toNanos();
            long quietUntil = Long.MAX_VALUE;
            while (System.nanoTime() - until < 0 && System.nanoTime() - quietUntil < 0) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                if (records.size() >= atLeast && quietUntil == Long.MAX_VALUE) {
                    quietUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
                }
            }
        }
        return records;
    }

    /** Stops the broker; the directory is the caller's to delete. */
    @Override
    public void close() {
        stop();
    }

    private Map<String, Object> adminConfig() {
        return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    }

    private void writeConfig() throws IOException {
        Files.createDirectories(dir.resolve("data"));
        String config = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + brokerPort,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dir.resolve("data").toAbsolutePath(),
                "num.partitions=1",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=true",
                "") ;
        Files.writeString(dir.resolve("server.properties"), config, UTF_8);
        // The broker logs through SLF4J to logback (on the test class path): warnings only.
        Files.writeString(dir.resolve("logback.xml"), "<configuration>\n"
                + "  <appender name=\"out\" class=\"ch.qos.logback.core.ConsoleAppender\">\n"
                + "    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>\n"
                + "  </appender>\n"
                + "  <root level=\"WARN\"><appender-ref ref=\"out\"/></root>\n"
                + "</configuration>\n", UTF_8);
    }

    private void format() throws IOException {
        Process tool = java("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
                "-c", dir.resolve("server.properties").toString())
                .redirectOutput(dir.resolve("format.log").toFile())
                .redirectErrorStream(true)
                .start();
        try {
            if (!tool.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                tool.destroyForcibly();
                throw new IOException("kafka StorageTool did not finish within " + START_TIMEOUT
                        + ": " + tail(dir.resolve("format.log")));
            }
        } catch (InterruptedException e) {
            tool.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while formatting kafka storage", e);
        }
        if (tool.exitValue() != 0) {
            throw new IOException("kafka StorageTool failed (exit " + tool.exitValue() + "): "
                    + tail(dir.resolve("format.log")));
        }
    }

    private void launch() throws IOException {
        Path log = dir.resolve("broker.log");
        process = java("kafka.Kafka", dir.resolve("server.properties").toString())
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true)
                .start();
        long until = System.nanoTime() + START_TIMEOUT.toNanos();
        Exception last = null;
        while (System.nanoTime() - until < 0) {
            if (!process.isAlive()) {
                throw new IOException("kafka broker exited with " + process.exitValue()
                        + " while starting: " + tail(log));
            }
            if (accepts(brokerPort)) {
                try (Admin admin = Admin.create(adminConfig())) {
                    admin.describeCluster().nodes().get(10, TimeUnit.SECONDS);
                    return;
                } catch (Exception e) {
                    last = e;
                }
            }
            sleep(200);
        }
        stop();
        throw new IOException("kafka broker did not start within " + START_TIMEOUT + " ("
                + last + "): " + tail(log));
    }

    private ProcessBuilder java(String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xms128m");
        command.add("-Xmx512m");
        command.add("-XX:+UseSerialGC");
        command.add("-Dlogback.configurationFile=" + dir.resolve("logback.xml").toAbsolutePath());
        command.add("-Dlog4j2.level=WARN");
        command.add("-cp");
        command.add(brokerClassPath());
        command.add(mainClass);
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(dir.toFile());
    }

    /**
     * The class path Maven resolved for the broker (kafka_2.13 and its dependencies), written
     * beside this class at build time; the test JVM's own class path when run without it.
     */
    private static String brokerClassPath() {
        try (var in = KafkaBroker.class.getResourceAsStream("broker.classpath")) {
            if (in != null) {
                return new String(in.readAllBytes(), UTF_8).strip();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the broker's class path", e);
        }
        return System.getProperty("java.class.path");
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Ports that were free a moment ago, held open together so that they differ. */
    private static int[] freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket();
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress("127.0.0.1", 0));
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // Closing a listening socket that never accepted does not fail in practice.
                }
            }
        }
    }

    private static String tail(Path log) {
        try (Stream<String> lines = Files.lines(log, UTF_8)) {
            List<String> all = lines.collect(Collectors.toList());
            return String.join(" | ", all.subList(Math.max(0, all.size() - 15), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the kafka broker", e);
        }
    }
}
