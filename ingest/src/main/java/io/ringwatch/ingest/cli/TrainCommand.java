package io.ringwatch.ingest.cli;

import io.ringwatch.detectors.model.GradientBoostedTrainer;
import io.ringwatch.detectors.model.RankingMetrics;
import io.ringwatch.ingest.training.ModelTraining;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ringwatch train}: a gradient-boosted model from simulator output or a labelled file, with
 * a time-ordered hold-out, written as a versioned model file for {@code
 * ringwatch.scoring.model-path}.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Trains the gradient-boosted fraud model on labelled events (a simulation or a JSON-lines",
      "file of canonical events with is_fraud), holds out the latest events by time, prints ROC",
      "AUC, PR AUC and precision at the top 1%% on them, and writes a versioned model file."
    })
final class TrainCommand implements Callable<Integer> {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  @Spec private CommandSpec spec;

  @Option(
      names = "--input",
      description = "JSON-lines file of labelled canonical events (default: simulate instead).")
  Path input;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Simulation seed, also the training seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--seconds",
      defaultValue = "3600",
      description = "Simulated event-time seconds (default: ${DEFAULT-VALUE}).")
  long seconds;

  @Option(
      names = "--accounts",
      defaultValue = "2000",
      description = "Simulated benign accounts (default: ${DEFAULT-VALUE}).")
  int accounts;

  @Option(
      names = "--test-share",
      defaultValue = "0.2",
      description = "Share of the latest events held out for testing (default: ${DEFAULT-VALUE}).")
  double testShare;

  @Option(
      names = "--rounds",
      defaultValue = "200",
      description = "Boosting rounds (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(
      names = "--max-depth",
      defaultValue = "5",
      description = "Depth of each tree (default: ${DEFAULT-VALUE}).")
  int maxDepth;

  @Option(
      names = "--model-version",
      description = "Version written into every decision (default: gbt-<UTC time>).")
  String version;

  @Option(
      names = {"-o", "--output"},
      defaultValue = "ringwatch-model.zip",
      description = "Model file to write (default: ${DEFAULT-VALUE}).")
  Path output;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (seconds < 1 || accounts < 10 || !(testShare > 0 && testShare < 1) || rounds < 1) {
      throw new ParameterException(
          spec.commandLine(),
          "need --seconds >= 1, --accounts >= 10, 0 < --test-share < 1 and --rounds >= 1");
    }
    String modelVersion = version != null ? version : "gbt-" + STAMP.format(Instant.now());
    Progress progress = new Progress(err, "train", "fraud");
    long start = System.nanoTime();
    ModelTraining.Dataset data =
        input != null
            ? ModelTraining.fromJsonLines(input, n -> progress.maybeReport(n, 0, 0))
            : ModelTraining.fromSimulation(
                io.ringwatch.ingest.sim.SimulationConfig.defaults()
                    .withSeed(seed)
                    .withSeconds(seconds)
                    .withAccounts(accounts),
                n -> progress.maybeReport(n, 0, 0));
    progress.report(data.rows().size(), data.positives(), 0);
    out.printf(
        "featurised %d events (%d fraud) from %s in %.1f s%n",
        data.rows().size(),
        data.positives(),
        input != null ? input : "a simulation (seed " + seed + ", " + seconds + " s)",
        (System.nanoTime() - start) / 1e9);
    out.printf(
        "training %d trees of depth %d on the earliest %.0f%% ...%n",
        rounds, maxDepth, 100 * (1 - testShare));
    out.flush();
    ModelTraining.Result result =
        ModelTraining.train(
            data, testShare, new GradientBoostedTrainer(rounds, maxDepth, 0.1, seed), modelVersion);
    RankingMetrics test = result.test();
    out.printf(
        "held out the latest %d events (%d fraud): ROC AUC %.4f, PR AUC %.4f, precision@1%% %.4f%n",
        test.n(), test.positives(), test.rocAuc(), test.prAuc(), test.precisionAtTop1Percent());
    result.file().write(output);
    out.printf("wrote model %s to %s%n", modelVersion, output);
    return 0;
  }
}
