import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.detectors.domain.TransactionId;
import io.ringwatch.detectors.features.FeatureExtractor;
import io.ringwatch.detectors.features.FeatureNames;
import io.ringwatch.detectors.features.FeatureSettings;
import io.ringwatch.detectors.features.FeatureVector;
import io.ringwatch.detectors.features.InMemoryGraphFeatures;
import io.ringwatch.detectors.features.KnownOutcome;
import io.ringwatch.detectors.features.KnownOutcomes;
import io.ringwatch.detectors.model.GradientBoostedModel;
import io.ringwatch.detectors.model.GradientBoostedTrainer;
import io.ringwatch.detectors.model.RankingMetrics;
import io.ringwatch.detectors.time.EventTimeClock;
import io.ringwatch.ingest.evaluate.LabelsFile;
import io.ringwatch.ingest.external.FdhLoader;
import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Model trials on the Handbook's card data without a full {@code evaluate} per trial (issue 7,
 * docs/quality.md "Trials"): the features of every event are computed once, as evaluate's training
 * pass computes them (label feedback known {@code --label-delay} 7 days after each labelled event;
 * the ring replay is left out, the Handbook has no rings), and any number of trainer settings are
 * then trained on the labelled rows and scored on the test rows with the product's trainer, model
 * and metrics. The margin (log-odds) is scored rather than the rounded 0–1000 insight score, so
 * figures can differ from evaluate's in the third decimal.
 *
 * <pre>
 * CP="ingest/target/ingest-0.1.0-SNAPSHOT.jar:$(cat ingest/target/runtime.classpath)"
 * java -Xmx3g -cp "$CP" bench/quality/FdhTrials.java features INPUT_DIR LABELS.csv DIR/feat.csv
 * java -Xmx3g -cp "$CP" bench/quality/FdhTrials.java train DIR ROUNDS:DEPTH:ETA:BAG:DROP_DAYS...
 * </pre>
 *
 * {@code DIR} holds {@code labels.csv}, {@code truth.csv} (the test events) and {@code feat.csv};
 * {@code BAG} models with seeds 42, 43, ... are averaged in log-odds; {@code DROP_DAYS} leaves out
 * the labelled rows of the first days (200:5:0.1:1:0 is evaluate's default training). An optional
 * sixth field lists, comma-separated, changes to the feature rows of that trial: {@code x=NAME}
 * sets the column to 0 in every row (the model cannot split on it: the feature left out), {@code
 * c=NAME@V} caps it at {@code V}, {@code s=SEED} starts the seeds at {@code SEED} instead of 42;
 * e.g. {@code 200:5:0.1:1:0:s=7,x=merchant_known_fraud_run_days}.
 */
public class FdhTrials {

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "features" -> features(Path.of(args[1]), Path.of(args[2]), Path.of(args[3]));
      case "train" -> {
        for (int k = 2; k < args.length; k++) {
          train(Path.of(args[1]), args[k]);
        }
      }
      default -> throw new IllegalArgumentException("features | train, not " + args[0]);
    }
  }

  static void features(Path input, Path labelsFile, Path out) throws Exception {
    Duration delay = Duration.ofDays(7);
    Map<TransactionId, Boolean> labels = LabelsFile.read(labelsFile);
    List<Transaction> events = new FdhLoader().load(input).transactions();
    KnownOutcomes outcomes = new KnownOutcomes(KnownOutcomes.Settings.withLag(delay));
    for (Transaction e : events) {
      Boolean label = labels.get(e.id());
      if (label != null) {
        outcomes.offer(KnownOutcome.of(e, label, delay));
      }
    }
    EventTimeClock clock = new EventTimeClock(events.get(0).timestamp());
    FeatureExtractor extractor =
        new FeatureExtractor(
            FeatureSettings.defaults(), new InMemoryGraphFeatures(100_000, 1000), outcomes);
    try (PrintWriter w = new PrintWriter(new BufferedWriter(Files.newBufferedWriter(out)))) {
      w.print("event_id,ts");
      for (String name : FeatureNames.ALL) {
        w.print("," + name);
      }
      w.println();
      for (Transaction e : events) {
        clock.advanceTo(e.timestamp());
        StringBuilder row = new StringBuilder(e.id().value());
        row.append(',').append(e.timestamp().toEpochMilli());
        for (double v : extractor.extract(e).toArray()) {
          row.append(',').append((float) v);
        }
        w.println(row);
      }
    }
  }

  static void train(Path dir, String trial) throws Exception {
    String[] c = trial.split(":");
    int rounds = Integer.parseInt(c[0]);
    int depth = Integer.parseInt(c[1]);
    double eta = Double.parseDouble(c[2]);
    int bag = Integer.parseInt(c[3]);
    long dropMillis = Long.parseLong(c[4]) * 86_400_000L;
    Set<Integer> zeroed = new HashSet<>();
    Map<Integer, Double> caps = new HashMap<>();
    long seed = 42;
    for (String op : c.length > 5 ? c[5].split(",") : new String[0]) {
      if (op.startsWith("s=")) {
        seed = Long.parseLong(op.substring(2));
      } else if (op.startsWith("x=")) {
        zeroed.add(column(op.substring(2)));
      } else if (op.startsWith("c=")) {
        String[] q = op.substring(2).split("@");
        caps.put(column(q[0]), Double.parseDouble(q[1]));
      } else {
        throw new IllegalArgumentException("x=NAME, c=NAME@V or s=SEED, not " + op);
      }
    }
    Map<TransactionId, Boolean> labels = LabelsFile.read(dir.resolve("labels.csv"));
    Map<TransactionId, Boolean> truth = LabelsFile.read(dir.resolve("truth.csv"));
    List<double[]> trainRows = new ArrayList<>();
    List<Boolean> trainLabels = new ArrayList<>();
    List<Long> trainTimes = new ArrayList<>();
    List<double[]> testRows = new ArrayList<>();
    List<Boolean> testLabels = new ArrayList<>();
    long first = Long.MAX_VALUE;
    try (var r = Files.newBufferedReader(dir.resolve("feat.csv"))) {
      r.readLine();
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] p = line.split(",");
        TransactionId id = new TransactionId(p[0]);
        long ts = Long.parseLong(p[1]);
        first = Math.min(first, ts);
        double[] row = new double[p.length - 2];
        for (int i = 2; i < p.length; i++) {
          int k = i - 2;
          row[k] = zeroed.contains(k) ? 0 : Double.parseDouble(p[i]);
          if (caps.containsKey(k)) {
            row[k] = Math.min(row[k], caps.get(k));
          }
        }
        if (labels.containsKey(id)) {
          trainRows.add(row);
          trainLabels.add(labels.get(id));
          trainTimes.add(ts);
        }
        if (truth.containsKey(id)) {
          testRows.add(row);
          testLabels.add(truth.get(id));
        }
      }
    }
    List<double[]> rows = new ArrayList<>();
    List<Boolean> kept = new ArrayList<>();
    for (int i = 0; i < trainRows.size(); i++) {
      if (trainTimes.get(i) >= first + dropMillis) {
        rows.add(trainRows.get(i));
        kept.add(trainLabels.get(i));
      }
    }
    boolean[] y = new boolean[kept.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = kept.get(i);
    }
    double[] scores = new double[testRows.size()];
    boolean[] yTest = new boolean[testRows.size()];
    for (int b = 0; b < bag; b++) {
      GradientBoostedModel model =
          GradientBoostedModel.of(
              new GradientBoostedTrainer(rounds, depth, eta, seed + b)
                  .train(rows, y, "trial", Map.of()));
      for (int i = 0; i < scores.length; i++) {
        scores[i] += model.score(new FeatureVector(testRows.get(i))).logOdds();
      }
    }
    for (int i = 0; i < yTest.length; i++) {
      yTest[i] = testLabels.get(i);
    }
    RankingMetrics m = RankingMetrics.of(scores, yTest);
    System.out.printf(
        "%s %s: ROC AUC %.4f, PR AUC %.4f, recall at 1%% FPR %.4f%n",
        dir,
        trial,
        m.rocAuc(),
        m.prAuc(),
        RankingMetrics.recallAtFalsePositiveRate(scores, yTest, 0.01));
  }

  private static int column(String name) {
    int k = FeatureNames.indexOf(name);
    if (k < 0) {
      throw new IllegalArgumentException("no feature " + name + " in this build");
    }
    return k;
  }
}
