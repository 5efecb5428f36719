package io.ringwatch.ingest.evaluate;

import io.ringwatch.detectors.domain.AccountId;
import io.ringwatch.detectors.rings.Ring;
import io.ringwatch.detectors.rings.RingKind;
import io.ringwatch.ingest.external.ExternalDataset;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Writes an evaluation's {@code rings.csv}, {@code scores.csv} and {@code report.md}. */
public final class EvaluationReport {
  private EvaluationReport() {}

  /**
   * {@code account,ring_id} for every account in a ring. An account in several rings is listed
   * once, under its highest-scoring ring (the rings come sorted by score).
   */
  public static int writeRings(Path file, Evaluation.Result result) throws IOException {
    Set<AccountId> listed = new HashSet<>();
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("account,ring_id\n");
      for (Ring ring : result.rings()) {
        for (AccountId member : ring.memberIds()) {
          if (listed.add(member)) {
            out.write(member.value() + "," + ring.id().value() + "\n");
          }
        }
      }
    }
    return listed.size();
  }

  /** {@code event_id,score} for every event: the 0–1000 insight score. */
  public static void writeScores(Path file, Evaluation.Result result) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("event_id,score\n");
      for (var entry : result.scores().entrySet()) {
        out.write(entry.getKey().value() + "," + entry.getValue() + "\n");
      }
    }
  }

  /** A readable summary: input counts, stage times, decisions, rings. */
  public static void writeReport(
      Path file, String commandLine, ExternalDataset data, Evaluation.Result result, int inRings)
      throws IOException {
    writeReport(file, commandLine, data, result, inRings, null);
  }

  /** The report, with the metrics after the time split when a truth file gave them (or null). */
  public static void writeReport(
      Path file,
      String commandLine,
      ExternalDataset data,
      Evaluation.Result result,
      int inRings,
      SplitMetrics metrics)
      throws IOException {
    StringBuilder md = new StringBuilder();
    md.append("# Ringwatch evaluation: ").append(data.format()).append("\n\n");
    md.append("Command: `").append(commandLine).append("`\n\n");
    md.append("## Input\n\n| what | count |\n| --- | ---: |\n");
    data.counts()
        .forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
    if (!data.transactions().isEmpty()) {
      md.append("\nEvent time from ")
          .append(data.transactions().get(0).timestamp())
          .append(" to ")
          .append(data.transactions().get(data.transactions().size() - 1).timestamp())
          .append(".\n");
    }
    md.append("\n## Stages (wall time)\n\n| stage | seconds |\n| --- | ---: |\n");
    Duration total = Duration.ZERO;
    for (Map.Entry<String, Duration> stage : result.stages().entrySet()) {
      md.append(String.format("| %s | %.2f |%n", stage.getKey(), seconds(stage.getValue())));
      total = total.plus(stage.getValue());
    }
    md.append(String.format("| total | %.2f |%n", seconds(total)));
    md.append("\n## Events\n\n");
    md.append("Model: `").append(result.modelVersion()).append("`");
    if (result.training() != null) {
      Evaluation.Training t = result.training();
      md.append(" ").append(describe(t));
    }
    md.append(".\n\n| outcome | events |\n| --- | ---: |\n");
    result
        .outcomes()
        .forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
    if (metrics != null) {
      md.append("\n").append(describe(metrics)).append("\n");
    }
    long high = result.scores().values().stream().filter(s -> s >= 500).count();
    md.append(
        String.format(
            "%nInsight score ≥ 500: %d of %d events (%.2f%%).%n",
            high, result.scores().size(), 100.0 * high / Math.max(1, result.scores().size())));
    md.append("\n## Rings\n\n");
    md.append(
        String.format(
            "%d active rings with %d accounts after %d re-clusterings (%d lifecycle events).%n%n",
            result.rings().size(), inRings, result.reclusterings(), result.ringEvents()));
    Map<RingKind, Integer> byKind = new EnumMap<>(RingKind.class);
    Map<Integer, Integer> bySize = new TreeMap<>();
    for (Ring ring : result.rings()) {
      byKind.merge(ring.kind(), 1, Integer::sum);
      bySize.merge(ring.members().size(), 1, Integer::sum);
    }
    md.append("| kind | rings |\n| --- | ---: |\n");
    byKind.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
    Map<String, Integer> byTypology = new TreeMap<>();
    for (Ring ring : result.rings()) {
      ring.evidence().signals().keySet().stream()
          .filter(k -> k.startsWith("offRhythm."))
          .forEach(k -> byTypology.merge(k.substring("offRhythm.".length()), 1, Integer::sum));
    }
    if (!byTypology.isEmpty()) {
      md.append("\n| laundering typology | rings |\n| --- | ---: |\n");
      byTypology.forEach(
          (k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
    }
    md.append("\n| members | rings |\n| ---: | ---: |\n");
    bySize.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
    md.append("\nOutputs: `rings.csv` (account,ring_id), `scores.csv` (event_id,score).\n");
    Files.writeString(file, md.toString(), StandardCharsets.UTF_8);
  }

  /** The time split a model learnt from, in one sentence without a final period. */
  public static String describe(Evaluation.Training t) {
    return String.format(
        "trained on %d labelled events (%d fraud) from %s to %s, labels known to the features %s"
            + " after their event; %d label ids not in the data",
        t.labelled(),
        t.positives(),
        t.firstLabelledEvent(),
        t.lastLabelledEvent(),
        human(t.labelDelay()),
        t.unknownIds());
  }

  /** The metrics after the split, in one line. */
  public static String describe(SplitMetrics m) {
    return String.format(
        java.util.Locale.ROOT,
        "%s (%s to %s, %d events, %d fraud): ROC AUC %.4f, PR AUC %.4f, recall at 1%% FPR %.4f.",
        m.afterSplit() ? "After the split" : "On the truth file's events",
        m.from(),
        m.to(),
        m.events(),
        m.positives(),
        m.rocAuc(),
        m.prAuc(),
        m.recallAt1PercentFpr());
  }

  private static String human(Duration d) {
    return d.toHours() % 24 == 0 && d.toSeconds() % 3600 == 0 ? d.toDays() + " days" : d.toString();
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }
}
