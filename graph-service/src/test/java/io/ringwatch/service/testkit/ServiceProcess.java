package io.ringwatch.service.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged Ringwatch service ({@code target/quarkus-app/quarkus-run.jar}) run as a child
 * process, so that tests can crash it with SIGKILL and start it again on the same storage.
 */
public final class ServiceProcess implements AutoCloseable {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

  private final Process process;
  private final Path log;
  private final int httpPort;
  private final int gremlinPort;
  private final HttpClient http = HttpClient.newHttpClient();

  private ServiceProcess(Process process, Path log, int httpPort, int gremlinPort) {
    this.process = process;
    this.log = log;
    this.httpPort = httpPort;
    this.gremlinPort = gremlinPort;
  }

  /**
   * Starts the service on BerkeleyJE in {@code graphDir}, consuming from {@code bootstrap}, and
   * returns once {@code /q/health/ready} answers 200.
   */
  public static ServiceProcess start(Path graphDir, String bootstrap, Map<String, String> extra) {
    Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
    if (!Files.exists(jar)) {
      throw new IllegalStateException("service not packaged: " + jar + " is missing");
    }
    int httpPort = freePort();
    int gremlinPort = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    command.add("-Dquarkus.http.port=" + httpPort);
    command.add("-Dquarkus.http.host=127.0.0.1");
    command.add("-Dringwatch.gremlin.port=" + gremlinPort);
    command.add("-Dringwatch.graph.backend=berkeleyje");
    command.add("-Dringwatch.graph.directory=" + graphDir.toAbsolutePath());
    command.add("-Dkafka.bootstrap.servers=" + bootstrap);
    extra.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add("-jar");
    command.add(jar.toString());
    try {
      Path log = Files.createTempFile("ringwatch-service-", ".log");
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      ServiceProcess service = new ServiceProcess(process, log, httpPort, gremlinPort);
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
      service.awaitReady();
      return service;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the service", e);
    }
  }

  private void awaitReady() {
    Instant deadline = Instant.now().plus(READY_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "service exited with " + process.exitValue() + "; log tail:\n" + logTail());
      }
      try {
        if (get("/q/health/ready").statusCode() == 200) {
          return;
        }
      } catch (UncheckedIOException notYet) {
        // not listening yet
      }
      sleep(500);
    }
    process.destroyForcibly();
    throw new IllegalStateException(
        "service not ready in " + READY_TIMEOUT + "; log:\n" + logTail());
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + httpPort;
  }

  public int gremlinPort() {
    return gremlinPort;
  }

  public HttpResponse<String> get(String path) {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create(baseUrl() + path))
              .timeout(Duration.ofSeconds(30))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Crashes the service: SIGKILL, no shutdown hooks, no graceful close of the graph. */
  public void kill() {
    process.destroyForcibly();
    waitFor(30);
  }

  /** Stops the service gracefully (SIGTERM), forcibly after 30 seconds. */
  public void stop() {
    process.destroy();
    if (!waitFor(30)) {
      process.destroyForcibly();
      waitFor(10);
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** The exit code of a stopped service. */
  public int exitValue() {
    return process.exitValue();
  }

  /** The whole log so far. */
  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  private boolean waitFor(int seconds) {
    try {
      return process.waitFor(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      stop();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
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
}
