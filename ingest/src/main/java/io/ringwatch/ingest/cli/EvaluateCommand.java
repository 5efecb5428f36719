package io.ringwatch.ingest.cli;

import io.ringwatch.detectors.model.ModelFile;
import io.ringwatch.ingest.evaluate.Evaluation;
import io.ringwatch.ingest.evaluate.EvaluationReport;
import io.ringwatch.ingest.evaluate.LabelsFile;
import io.ringwatch.ingest.evaluate.SplitMetrics;
import io.ringwatch.ingest.external.ExternalDataset;
import io.ringwatch.ingest.external.ExternalFormat;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ringwatch evaluate}: replays a public generator's files through the service's detectors,
 * model and ring tracker in event time, and writes what it found for scoring against the truth.
 */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {
      "Replays a generator's native files (AMLSim, PaySim, Fraud Detection Handbook) through the",
      "same detectors, model and ring tracker the service uses, in event time, and writes",
      "OUT/rings.csv (account,ring_id), OUT/scores.csv (event_id,score 0-1000) and OUT/report.md.",
      "Label columns are never read; known outcomes come only from --labels."
    })
final class EvaluateCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Option(names = "--format", required = true, description = "Input format: amlsim, paysim or fdh.")
  String format;

  @Option(
      names = "--input",
      required = true,
      description = "Directory with the generator's files (.csv or .csv.gz).")
  Path input;

  @Option(names = "--out", required = true, description = "Directory to write the results to.")
  Path out;

  @Option(
      names = "--labels",
      description =
          "CSV of known outcomes (event_id,label) for part of the history; the model learns from"
              + " exactly these.")
  Path labels;

  @Option(
      names = "--model",
      description =
          "Model file to score with (default: the built-in heuristic; ignored with" + " --labels).")
  Path model;

  @Option(
      names = "--recluster-every",
      defaultValue = "PT1H",
      description =
          "Event time between re-clusterings of changed components, ISO-8601 (default:"
              + " ${DEFAULT-VALUE}).")
  Duration reclusterEvery;

  @Option(
      names = "--truth",
      description =
          "CSV of true outcomes (event_id,label) read only after the replay, to print ROC AUC, PR"
              + " AUC and recall at 1%% FPR of the events after the time split (the last labelled"
              + " event); never seen by the detectors or the model.")
  Path truth;

  @Option(
      names = "--label-delay",
      defaultValue = "P7D",
      description =
          "How long after its event a label from --labels becomes known to the label-fed features"
              + " (merchant, account and card fraud history), ISO-8601 (default: ${DEFAULT-VALUE},"
              + " the Handbook's feedback delay).")
  Duration labelDelay;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Seed of clustering and training (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ExternalFormat source;
    try {
      source = ExternalFormat.of(format);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    if (!Files.isDirectory(input)) {
      throw new ParameterException(spec.commandLine(), "--input " + input + " is not a directory");
    }
    if (reclusterEvery.isNegative() || reclusterEvery.isZero()) {
      throw new ParameterException(spec.commandLine(), "--recluster-every must be positive");
    }
    if (labelDelay.isNegative() || labelDelay.isZero()) {
      throw new ParameterException(spec.commandLine(), "--label-delay must be positive");
    }
    Evaluation.Options options =
        Evaluation.Options.defaults()
            .withReclusterEvery(reclusterEvery)
            .withSeed(seed)
            .withLabelDelay(labelDelay);
    if (labels != null) {
      options = options.withLabels(LabelsFile.read(labels));
    }
    if (model != null) {
      options = options.withModel(ModelFile.read(model));
    }

    long start = System.nanoTime();
    err.printf("evaluate: loading %s from %s%n", source.cliName(), input);
    err.flush();
    ExternalDataset data = source.loader().load(input);
    double loadSeconds = (System.nanoTime() - start) / 1e9;
    err.printf("evaluate: loaded %s in %.1f s%n", data.counts(), loadSeconds);
    err.flush();

    long[] lastReport = {System.nanoTime()};
    long[] stageStart = {System.nanoTime()};
    String[] stageName = {""};
    Evaluation evaluation =
        new Evaluation(
            options,
            (stage, done, total) -> {
              long now = System.nanoTime();
              if (!stage.equals(stageName[0])) {
                stageName[0] = stage;
                stageStart[0] = now;
              }
              if (now - lastReport[0] >= 2_000_000_000L || done == total) {
                lastReport[0] = now;
                double secs = Math.max(1e-9, (now - stageStart[0]) / 1e9);
                err.printf(
                    "evaluate: %s %d/%d (%.0f%%) %.0f/s%n",
                    stage, done, total, 100.0 * done / Math.max(1, total), done / secs);
                err.flush();
              }
            });
    Evaluation.Result result = evaluation.run(data);
    if (result.training() != null) {
      stdout.println("time split: " + EvaluationReport.describe(result.training()));
    }
    SplitMetrics metrics =
        truth == null ? null : SplitMetrics.of(result, data.transactions(), LabelsFile.read(truth));
    if (metrics != null) {
      stdout.println(EvaluationReport.describe(metrics));
    } else if (truth != null) {
      stdout.println("the truth file labels no event after the time split: no metrics");
    }
    Files.createDirectories(out);
    int inRings = EvaluationReport.writeRings(out.resolve("rings.csv"), result);
    EvaluationReport.writeScores(out.resolve("scores.csv"), result);
    var stages = new java.util.LinkedHashMap<String, Duration>();
    stages.put("load", Duration.ofNanos((long) (loadSeconds * 1e9)));
    stages.putAll(result.stages());
    Evaluation.Result timed =
        new Evaluation.Result(
            result.scores(),
            result.outcomes(),
            result.rings(),
            result.modelVersion(),
            result.training(),
            stages,
            result.reclusterings(),
            result.ringEvents());
    EvaluationReport.writeReport(
        out.resolve("report.md"),
        "ringwatch " + String.join(" ", spec.commandLine().getParseResult().originalArgs()),
        data,
        timed,
        inRings,
        metrics);
    stages.forEach((k, v) -> stdout.printf("%-9s %8.2f s%n", k, v.toNanos() / 1e9));
    stdout.printf(
        "scored %d events, %d rings with %d accounts; wrote %s/{rings.csv,scores.csv,report.md}%n",
        result.scores().size(), result.rings().size(), inRings, out);
    stdout.flush();
    return 0;
  }
}
