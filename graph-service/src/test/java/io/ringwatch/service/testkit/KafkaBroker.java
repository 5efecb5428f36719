package io.ringwatch.service.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A real single-node Kafka broker (KRaft, combined broker + controller) run as a child process of
 * the test JVM from the jars that {@code launcher/} resolves into {@code launcher/target/
 * kafka.classpath}: the same broker {@code ./ringwatch kafka} runs, with no Docker.
 *
 * <p>Each broker gets its own temporary directory (config, data, log) and two free loopback ports.
 * A JVM shutdown hook kills it, so no broker outlives the test JVM even when a test forgets {@link
 * #close()}.
 *
 * <pre>{@code
 * try (KafkaBroker kafka = KafkaBroker.start()) {
 *   kafka.createTopic("transactions", 4);
 *   ... kafka.bootstrapServers() ...
 * }
 * }</pre>
 */
public final class KafkaBroker implements AutoCloseable {
  /** System property naming the directory that holds {@code kafka.classpath}. */
  public static final String LAUNCHER_DIR_PROPERTY = "ringwatch.launcher.dir";

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
  private static final int LOG_TAIL_LINES = 60;

  private final Path directory;
  private final Path log;
  private final String bootstrapServers;
  private final Process process;
  private final Thread shutdownHook;

  private KafkaBroker(Path directory, Path log, String bootstrapServers, Process process) {
    this.directory = directory;
    this.log = log;
    this.bootstrapServers = bootstrapServers;
    this.process = process;
    this.shutdownHook = new Thread(this::killQuietly, "kafka-broker-shutdown-" + process.pid());
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Formats a fresh KRaft log directory and starts a broker on free ports; returns once an {@link
   * Admin} client's {@code describeCluster} succeeds.
   *
   * @throws IllegalStateException if the launcher classpath is missing, formatting fails, or the
   *     broker is not ready within 60 seconds (the message carries the broker's log tail)
   */
  public static KafkaBroker start() {
    List<String> javaAndClasspath = javaCommand(readClasspath());
    Path directory;
    try {
      directory = Files.createTempDirectory("ringwatch-kafka-");
    } catch (IOException e) {
      throw new UncheckedIOException("could not create the broker's temp directory", e);
    }
    int brokerPort = freePort();
    int controllerPort = freePort();
    String bootstrap = "127.0.0.1:" + brokerPort;
    Path config = directory.resolve("server.properties");
    Path log = directory.resolve("broker.log");
    writeConfig(config, directory.resolve("data"), brokerPort, controllerPort);

    format(javaAndClasspath, directory, config);

    List<String> command = new ArrayList<>(javaAndClasspath);
    command.add("kafka.Kafka");
    command.add(config.toString());
    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      deleteRecursively(directory);
      throw new UncheckedIOException("could not start the Kafka broker", e);
    }
    KafkaBroker broker = new KafkaBroker(directory, log, bootstrap, process);
    try {
      broker.awaitReady();
    } catch (RuntimeException e) {
      broker.close();
      throw e;
    }
    return broker;
  }

  /** The {@code host:port} list to give Kafka clients. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** The broker's child process id (for tests that check it is gone). */
  public long pid() {
    return process.pid();
  }

  /** Whether the broker process is still running. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** Creates a topic with replication factor 1; succeeds if it already exists. */
  public void createTopic(String name, int partitions) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("topic name must not be blank");
    }
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be >= 1, was " + partitions);
    }
    try (Admin admin = admin()) {
      admin
          .createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("could not create topic " + name, e.getCause());
      }
    } catch (TimeoutException e) {
      throw new IllegalStateException("timed out creating topic " + name + "\n" + logTail(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted creating topic " + name, e);
    }
  }

  /** The last lines of the broker's output, for failure messages. */
  public String logTail() {
    return tail(log);
  }

  /**
   * Stops the broker: SIGTERM (a controlled shutdown), then SIGKILL if it is still running after 20
   * seconds. Idempotent.
   */
  public void stop() {
    if (process.isAlive()) {
      process.destroy();
      if (!waitFor(process, STOP_TIMEOUT)) {
        process.destroyForcibly();
        waitFor(process, Duration.ofSeconds(10));
      }
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or about to: it only kills what is already dead
    }
  }

  /** {@link #stop()}, then deletes the broker's temp directory. */
  @Override
  public void close() {
    stop();
    deleteRecursively(directory);
  }

  private void awaitReady() {
    Instant deadline = Instant.now().plus(READY_TIMEOUT);
    RuntimeException lastFailure = null;
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "Kafka broker exited with code " + process.exitValue() + "; log tail:\n" + logTail());
      }
      try (Admin admin = admin()) {
        admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
        return;
      } catch (ExecutionException | TimeoutException | RuntimeException e) {
        lastFailure = new IllegalStateException(e.toString(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for the Kafka broker", e);
      }
      sleep(250);
    }
    throw new IllegalStateException(
        "Kafka broker at "
            + bootstrapServers
            + " not ready within "
            + READY_TIMEOUT.toSeconds()
            + " s (last error: "
            + lastFailure
            + "); log tail:\n"
            + logTail());
  }

  private Admin admin() {
    Map<String, Object> config =
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
    return Admin.create(config);
  }

  private void killQuietly() {
    process.destroyForcibly();
  }

  private static void format(List<String> javaAndClasspath, Path directory, Path config) {
    List<String> command = new ArrayList<>(javaAndClasspath);
    command.addAll(
        List.of(
            "kafka.tools.StorageTool",
            "format",
            "--cluster-id",
            Uuid.randomUuid().toString(),
            "--config",
            config.toString(),
            "--standalone"));
    Path formatLog = directory.resolve("format.log");
    try {
      Process format =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(formatLog.toFile())
              .start();
      if (!waitFor(format, Duration.ofSeconds(60))) {
        format.destroyForcibly();
        throw new IllegalStateException("kafka-storage format timed out:\n" + tail(formatLog));
      }
      if (format.exitValue() != 0) {
        throw new IllegalStateException(
            "kafka-storage format failed with code "
                + format.exitValue()
                + ":\n"
                + tail(formatLog));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not run kafka-storage format", e);
    } catch (RuntimeException e) {
      deleteRecursively(directory);
      throw e;
    }
  }

  private static void writeConfig(Path config, Path data, int brokerPort, int controllerPort) {
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", "1");
    p.setProperty("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
    p.setProperty(
        "listeners",
        "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.setProperty(
        "advertised.listeners",
        "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
    p.setProperty("log.dirs", data.toString());
    p.setProperty("num.partitions", "1");
    p.setProperty("offsets.topic.replication.factor", "1");
    p.setProperty("offsets.topic.num.partitions", "1");
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("share.coordinator.state.topic.replication.factor", "1");
    p.setProperty("share.coordinator.state.topic.min.isr", "1");
    // Tests want their consumer group to start at once, not after the default 3 s delay.
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    p.setProperty("auto.create.topics.enable", "true");
    try (var out = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
      p.store(out, "single-node KRaft broker for Ringwatch integration tests");
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + config, e);
    }
  }

  private static List<String> javaCommand(String classpath) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xms128m");
    command.add("-Xmx512m");
    command.add("-XX:+UseG1GC");
    command.add("-Djava.awt.headless=true");
    Path log4j = launcherDir().getParent().resolve("conf").resolve("kafka-log4j2.yaml");
    if (Files.isRegularFile(log4j)) {
      command.add("-Dlog4j2.configurationFile=" + log4j.toAbsolutePath());
    }
    command.add("-cp");
    command.add(classpath);
    return command;
  }

  private static String readClasspath() {
    Path file = launcherDir().resolve("kafka.classpath");
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(
          "Kafka launcher classpath not found at "
              + file
              + ": run `./mvnw -B -pl launcher install` first (or set -D"
              + LAUNCHER_DIR_PROPERTY
              + "=<dir holding kafka.classpath>)");
    }
    try {
      String classpath = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (classpath.isEmpty()) {
        throw new IllegalStateException(file + " is empty");
      }
      return classpath;
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
  }

  /**
   * The directory holding the tool classpaths: {@code -Dringwatch.launcher.dir}, else {@code
   * ../launcher/target} relative to the working directory (graph-service's when run by Maven).
   */
  static Path launcherDir() {
    String configured = System.getProperty(LAUNCHER_DIR_PROPERTY);
    Path dir =
        configured != null && !configured.isBlank()
            ? Path.of(configured)
            : Path.of("..", "launcher", "target");
    return dir.toAbsolutePath().normalize();
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }

  static boolean waitFor(Process process, Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static String tail(Path file) {
    if (!Files.exists(file)) {
      return "(no output: " + file + " does not exist)";
    }
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join(
          "\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    } catch (IOException e) {
      return "(could not read " + file + ": " + e + ")";
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static void deleteRecursively(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              path -> {
                try {
                  Files.deleteIfExists(path);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + directory, e);
    }
  }
}
