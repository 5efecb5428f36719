package io.ringwatch.ingest.training;

import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.detectors.features.FeatureExtractor;
import io.ringwatch.detectors.features.FeatureSettings;
import io.ringwatch.detectors.features.InMemoryGraphFeatures;
import io.ringwatch.detectors.model.GradientBoostedModel;
import io.ringwatch.detectors.model.GradientBoostedTrainer;
import io.ringwatch.detectors.model.ModelFile;
import io.ringwatch.detectors.model.ModelFileException;
import io.ringwatch.detectors.model.RankingMetrics;
import io.ringwatch.ingest.CanonicalJson;
import io.ringwatch.ingest.DecodeResult;
import io.ringwatch.ingest.sim.SimulatedEvent;
import io.ringwatch.ingest.sim.SimulationConfig;
import io.ringwatch.ingest.sim.Simulator;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * Training data and training for the gradient-boosted model: labelled transactions in event-time
 * order are featurised by the same {@link FeatureExtractor} the service runs (so the model sees
 * exactly what it will score), split by time (the later share is the test set, as production scores
 * the future), trained, and measured on the test split.
 */
public final class ModelTraining {

  /** Feature rows and labels, in event-time order. */
  public record Dataset(List<double[]> rows, boolean[] labels) {
    public int positives() {
      int n = 0;
      for (boolean label : labels) {
        n += label ? 1 : 0;
      }
      return n;
    }
  }

  /** A trained model file and what it measured on the later, held-out events. */
  public record Result(ModelFile file, RankingMetrics test, int trainRows) {}

  private ModelTraining() {}

  /** Features of every event of a simulation run, labelled by its truth. */
  public static Dataset fromSimulation(SimulationConfig config, LongConsumer progress) {
    Iterator<SimulatedEvent> events = new Simulator(config).iterator();
    List<Transaction> transactions = new ArrayList<>();
    List<Boolean> labels = new ArrayList<>();
    while (events.hasNext()) {
      SimulatedEvent event = events.next();
      transactions.add(event.transaction());
      labels.add(event.isFraud());
    }
    return featurise(transactions, labels, progress);
  }

  /**
   * Features of a JSON-lines file of canonical events, each with its {@code is_fraud} label, sorted
   * by event time. A line that does not decode or has no label fails with its line number.
   */
  public static Dataset fromJsonLines(Path file, LongConsumer progress) throws IOException {
    List<Transaction> transactions = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int lineNumber = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        DecodeResult result = CanonicalJson.decode(line.getBytes(StandardCharsets.UTF_8));
        if (!(result instanceof DecodeResult.Accepted accepted)) {
          throw new IllegalArgumentException(file + " line " + lineNumber + ": " + result);
        }
        if (accepted.transaction().fraudLabel() == null) {
          throw new IllegalArgumentException(
              file + " line " + lineNumber + ": no is_fraud label, training needs every label");
        }
        transactions.add(accepted.transaction());
      }
    }
    transactions.sort(Comparator.comparing(Transaction::timestamp));
    return featurise(
        transactions, transactions.stream().map(Transaction::fraudLabel).toList(), progress);
  }

  private static Dataset featurise(
      List<Transaction> transactions, List<Boolean> labels, LongConsumer progress) {
    FeatureExtractor extractor =
        new FeatureExtractor(FeatureSettings.defaults(), new InMemoryGraphFeatures(100_000, 1000));
    List<double[]> rows = new ArrayList<>(transactions.size());
    boolean[] y = new boolean[transactions.size()];
    for (int i = 0; i < transactions.size(); i++) {
      rows.add(extractor.extract(transactions.get(i)).toArray());
      y[i] = labels.get(i);
      if ((i & 4095) == 0) {
        progress.accept(i);
      }
    }
    progress.accept(transactions.size());
    return new Dataset(rows, y);
  }

  /**
   * Trains on the earlier {@code 1 - testShare} of {@code data} and measures ROC AUC, PR AUC and
   * precision at the top 1% on the later {@code testShare}; the metrics go into the model file.
   */
  public static Result train(
      Dataset data, double testShare, GradientBoostedTrainer trainer, String version) {
    if (!(testShare > 0 && testShare < 1)) {
      throw new IllegalArgumentException("the test share must be in (0, 1), was " + testShare);
    }
    int n = data.rows().size();
    int split = (int) Math.floor(n * (1 - testShare));
    if (split < 1 || split >= n) {
      throw new IllegalArgumentException("too few events to split: " + n);
    }
    List<double[]> trainRows = data.rows().subList(0, split);
    boolean[] trainLabels = java.util.Arrays.copyOfRange(data.labels(), 0, split);
    List<double[]> testRows = data.rows().subList(split, n);
    boolean[] testLabels = java.util.Arrays.copyOfRange(data.labels(), split, n);

    ModelFile unmeasured = trainer.train(trainRows, trainLabels, version, Map.of());
    RankingMetrics test;
    try {
      test =
          RankingMetrics.of(
              GradientBoostedModel.of(unmeasured).probabilities(testRows), testLabels);
    } catch (ModelFileException e) {
      throw new IllegalStateException("a model just trained does not load: " + e.getMessage(), e);
    }
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("test_roc_auc", test.rocAuc());
    metrics.put("test_pr_auc", test.prAuc());
    metrics.put("test_precision_at_1pct", test.precisionAtTop1Percent());
    metrics.put("test_events", (double) test.n());
    metrics.put("test_fraud_events", (double) test.positives());
    metrics.put("train_events", (double) split);
    metrics.put("rounds", (double) trainer.rounds());
    metrics.put("max_depth", (double) trainer.maxDepth());
    metrics.put("seed", (double) trainer.seed());
    ModelFile file =
        new ModelFile(version, unmeasured.featureNames(), metrics, unmeasured.booster());
    return new Result(file, test, split);
  }
}
