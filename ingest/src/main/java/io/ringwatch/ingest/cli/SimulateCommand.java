package io.ringwatch.ingest.cli;

import io.ringwatch.ingest.sim.Scenario;
import io.ringwatch.ingest.sim.SimulatedEvent;
import io.ringwatch.ingest.sim.SimulationConfig;
import io.ringwatch.ingest.sim.Simulator;
import io.ringwatch.ingest.sim.TruthCsv;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ringwatch simulate}: realistic traffic with labelled fraud, to Kafka or to a file. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = "Publishes simulated transactions with injected, labelled fraud.")
final class SimulateCommand implements Callable<Integer> {
  /** Event-time density used with --rate 0, which sends as fast as possible. */
  private static final double UNPACED_RATE = 1000;

  @Spec private CommandSpec spec;

  @Option(
      names = "--bootstrap-servers",
      defaultValue = "localhost:9092",
      description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
  String bootstrapServers;

  @Option(
      names = "--topic",
      defaultValue = "transactions",
      description = "Topic to publish to (default: ${DEFAULT-VALUE}).")
  String topic;

  @Option(
      names = "--rate",
      defaultValue = "50",
      description =
          "Benign events per second; 0 = as fast as possible (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(
      names = "--seconds",
      defaultValue = "0",
      description =
          "Length of the run in event-time seconds; 0 = until Ctrl-C (default: ${DEFAULT-VALUE}).")
  long seconds;

  @Option(
      names = "--accounts",
      defaultValue = "2000",
      description = "Number of benign accounts (default: ${DEFAULT-VALUE}).")
  int accounts;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--scenarios",
      defaultValue = "all",
      description =
          "Comma-separated scenarios or 'all' or 'none': ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
      completionCandidates = ScenarioNames.class)
  String scenarios;

  @Option(
      names = "--truth",
      paramLabel = "FILE",
      description = "Write the truth CSV (event_id,account_id,scenario,ring_id) here.")
  Path truth;

  @Option(
      names = "--output",
      paramLabel = "FILE|-",
      description = "Write JSON lines to FILE (or stdout for '-') instead of publishing to Kafka.")
  String output;

  private volatile boolean running = true;

  @Override
  public Integer call() throws IOException {
    SimulationConfig config = config();
    PrintWriter err = spec.commandLine().getErr();
    CountDownLatch done = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              running = false;
              try {
                done.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "ringwatch-simulate-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try (TruthCsv truthCsv = truth == null ? null : TruthCsv.open(truth)) {
      return output != null ? writeLines(config, truthCsv, err) : publish(config, truthCsv, err);
    } finally {
      done.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is already exiting because of Ctrl-C: the hook is running and will return
      }
    }
  }

  private SimulationConfig config() {
    if (rate < 0 || Double.isNaN(rate) || Double.isInfinite(rate)) {
      throw usage("--rate must be 0 or a positive number, was " + rate);
    }
    if (seconds < 0) {
      throw usage("--seconds must not be negative, was " + seconds);
    }
    if (accounts < 10) {
      throw usage("--accounts must be at least 10, was " + accounts);
    }
    return new SimulationConfig(
        accounts,
        rate == 0 ? UNPACED_RATE : rate,
        seconds,
        seed,
        parseScenarios(),
        Instant.now().truncatedTo(ChronoUnit.MILLIS));
  }

  private Set<Scenario> parseScenarios() {
    String text = scenarios.strip().toLowerCase(Locale.ROOT);
    if (text.equals("all")) {
      return EnumSet.allOf(Scenario.class);
    }
    Set<Scenario> parsed = EnumSet.noneOf(Scenario.class);
    if (text.equals("none") || text.isEmpty()) {
      return parsed;
    }
    for (String name : text.split(",")) {
      try {
        parsed.add(Scenario.valueOf(name.strip().toUpperCase(Locale.ROOT).replace('-', '_')));
      } catch (IllegalArgumentException e) {
        throw usage(
            "unknown scenario '"
                + name.strip()
                + "'; expected 'all', 'none' or some of "
                + EnumSet.allOf(Scenario.class));
      }
    }
    return parsed;
  }

  private int writeLines(SimulationConfig config, TruthCsv truthCsv, PrintWriter err)
      throws IOException {
    boolean toStdout = output.equals("-");
    long sent = 0;
    long fraud = 0;
    try (OutputStream out = toStdout ? System.out : Files.newOutputStream(Path.of(output))) {
      Iterator<SimulatedEvent> events = new Simulator(config).iterator();
      while (running && events.hasNext()) {
        SimulatedEvent event = events.next();
        out.write(event.value());
        out.write('\n');
        sent++;
        if (event.isFraud()) {
          fraud++;
          if (truthCsv != null) {
            truthCsv.write(event.truth());
          }
        }
      }
      out.flush();
    }
    err.printf(
        "simulate: wrote %d events (%d fraud) to %s%n", sent, fraud, toStdout ? "stdout" : output);
    err.flush();
    return 0;
  }

  private int publish(SimulationConfig config, TruthCsv truthCsv, PrintWriter err)
      throws IOException {
    Progress progress = new Progress(err, "simulate", "fraud");
    long sent = 0;
    long fraud = 0;
    try (KafkaPublisher publisher =
        new KafkaPublisher(bootstrapServers, topic, "ringwatch-simulator")) {
      long wallStart = System.nanoTime();
      Iterator<SimulatedEvent> events = new Simulator(config).iterator();
      while (running && events.hasNext()) {
        SimulatedEvent event = events.next();
        if (rate > 0) {
          pace(wallStart, Duration.between(config.start(), event.transaction().timestamp()));
          if (!running) {
            break;
          }
        }
        publisher.send(event.key(), event.value());
        sent++;
        if (event.isFraud()) {
          fraud++;
          if (truthCsv != null) {
            truthCsv.write(event.truth());
          }
        }
        if (publisher.reportIfUnreachable(err, "simulate", topic, bootstrapServers)) {
          return 1;
        }
        progress.maybeReport(sent, fraud, publisher.errors());
      }
      publisher.close();
      progress.report(sent, fraud, publisher.errors());
      err.printf(
          "simulate: sent %d events (%d fraud) to %s at %s, %d acknowledged, %d errors%n",
          sent, fraud, topic, bootstrapServers, publisher.acknowledged(), publisher.errors());
      if (publisher.firstError() != null) {
        err.println("simulate: first error: " + publisher.firstError());
      }
      err.flush();
      return publisher.errors() == 0 ? 0 : 1;
    }
  }

  private void pace(long wallStart, Duration due) {
    long waitNanos = wallStart + due.toNanos() - System.nanoTime();
    while (running && waitNanos > 0) {
      try {
        TimeUnit.NANOSECONDS.sleep(Math.min(waitNanos, 200_000_000L));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running = false;
        return;
      }
      waitNanos = wallStart + due.toNanos() - System.nanoTime();
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  /** The scenario names for the help text. */
  static final class ScenarioNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return EnumSet.allOf(Scenario.class).stream()
          .map(s -> s.name().toLowerCase(Locale.ROOT))
          .iterator();
    }
  }
}
