package io.ringwatch.detectors.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.ringwatch.detectors.features.FeatureNames;
import io.ringwatch.detectors.features.FeatureVector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GradientBoostedModelTest {
  private static final int BURST = FeatureNames.indexOf(FeatureNames.CARD_VELOCITY_Z_1M);
  private static final int AMOUNT = FeatureNames.indexOf(FeatureNames.AMOUNT);

  @TempDir Path dir;

  /** Fraud when the card's burst z-score is above 4; amounts are noise. */
  private static ModelFile trainedOnBursts(long seed) {
    Random random = new Random(seed);
    List<double[]> rows = new ArrayList<>();
    boolean[] labels = new boolean[2000];
    for (int i = 0; i < labels.length; i++) {
      double[] row = new double[FeatureNames.size()];
      row[BURST] = random.nextDouble() * 10;
      row[AMOUNT] = random.nextDouble() * 100;
      labels[i] = row[BURST] > 4;
      rows.add(row);
    }
    return new GradientBoostedTrainer(30, 3, 0.3, seed)
        .train(rows, labels, "gbt-test-1", Map.of("roc_auc", 0.99));
  }

  private static FeatureVector withBurst(double z) {
    double[] values = new double[FeatureNames.size()];
    values[BURST] = z;
    values[AMOUNT] = 50;
    return new FeatureVector(values);
  }

  @Test
  void shouldLearnTheFraudSignalAndExplainItWithContributionsThatSumToTheScore() throws Exception {
    GradientBoostedModel model = GradientBoostedModel.of(trainedOnBursts(1));

    ModelScore burst = model.score(withBurst(8));
    ModelScore calm = model.score(withBurst(1));

    assertThat(burst.insightScore()).isGreaterThan(900);
    assertThat(calm.insightScore()).isLessThan(100);
    assertThat(burst.topReasons(1))
        .extracting(ReasonCode::feature)
        .containsExactly("card_velocity_z_1m");
    double p = 1 / (1 + Math.exp(-burst.logOdds()));
    assertThat(burst.insightScore()).isEqualTo((int) Math.round(1000 * p));
    assertThat(Math.abs(burst.topReasons(1).get(0).contribution()))
        .isGreaterThan(
            burst.contributions().stream()
                .filter(r -> !r.feature().equals("card_velocity_z_1m"))
                .mapToDouble(r -> Math.abs(r.contribution()))
                .sum());
    assertThat(model.version()).isEqualTo("gbt-test-1");
  }

  @Test
  void shouldTrainTheSameModelTwiceFromTheSameSeed() {
    assertThat(trainedOnBursts(5).booster()).isEqualTo(trainedOnBursts(5).booster());
  }

  @Test
  void shouldScoreTheSameAfterAWriteAndReadOfTheModelFile() throws Exception {
    ModelFile trained = trainedOnBursts(2);
    Path path = dir.resolve("model.rwm");

    trained.write(path);
    ModelFile read = ModelFile.read(path);

    assertThat(read.version()).isEqualTo("gbt-test-1");
    assertThat(read.featureNames()).isEqualTo(FeatureNames.ALL);
    assertThat(read.metrics()).containsEntry("roc_auc", 0.99);
    FeatureVector event = withBurst(6);
    assertThat(GradientBoostedModel.of(read).score(event).logOdds())
        .isCloseTo(GradientBoostedModel.of(trained).score(event).logOdds(), within(1e-6));
  }

  @Test
  void shouldRefuseAMissingFileWithItsPath() {
    Path missing = dir.resolve("nowhere.rwm");
    assertThatThrownBy(() -> ModelFile.read(missing))
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("nowhere.rwm")
        .hasMessageContaining("does not exist");
  }

  @Test
  void shouldRefuseAFileThatIsNotAModel() throws IOException {
    Path garbage = Files.writeString(dir.resolve("garbage.rwm"), "not a zip at all");
    assertThatThrownBy(() -> ModelFile.read(garbage))
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("not a ringwatch-model-1 file");
  }

  @Test
  void shouldRefuseACorruptBooster() throws Exception {
    ModelFile trained = trainedOnBursts(3);
    ModelFile corrupt =
        new ModelFile(trained.version(), trained.featureNames(), Map.of(), new byte[] {1, 2, 3});
    assertThatThrownBy(() -> GradientBoostedModel.of(corrupt))
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("corrupt booster");
  }

  @Test
  void shouldRefuseAModelNamingAFeatureThisBuildDoesNotCompute() {
    ModelFile trained = trainedOnBursts(4);
    List<String> renamed = new ArrayList<>(trained.featureNames());
    renamed.set(0, "no_such_feature");
    ModelFile foreign = new ModelFile("gbt-x", renamed, Map.of(), trained.booster());
    assertThatThrownBy(() -> GradientBoostedModel.of(foreign))
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("no_such_feature");
  }

  /**
   * A model file of an earlier build names only the features that existed then (the first 87, in
   * their order): it still loads, reads its columns by name and ignores the features added since.
   */
  @Test
  void shouldLoadAModelFileTrainedBeforeTheLongWindowAndLabelFedFeaturesExisted() throws Exception {
    List<String> earlier = FeatureNames.ALL.subList(0, 87);
    assertThat(earlier.get(86)).isEqualTo(FeatureNames.CARD_VELOCITY_Z_10M);
    int burst = earlier.indexOf(FeatureNames.CARD_VELOCITY_Z_1M);
    Random random = new Random(9);
    int rows = 1000;
    float[] data = new float[rows * earlier.size()];
    float[] labels = new float[rows];
    for (int r = 0; r < rows; r++) {
      float z = random.nextFloat() * 10;
      data[r * earlier.size() + burst] = z;
      labels[r] = z > 4 ? 1 : 0;
    }
    DMatrix matrix = new DMatrix(data, rows, earlier.size(), Float.NaN);
    matrix.setLabel(labels);
    Booster booster =
        XGBoost.train(
            matrix,
            Map.of("objective", "binary:logistic", "max_depth", 3, "nthread", 1, "seed", 9),
            20,
            Map.of(),
            null,
            null);
    ModelFile old = new ModelFile("gbt-87", earlier, Map.of(), booster.toByteArray("ubj"));
    booster.dispose();
    matrix.dispose();
    Path path = dir.resolve("old.rwm");
    old.write(path);

    GradientBoostedModel model = GradientBoostedModel.of(ModelFile.read(path));
    double[] values = new double[FeatureNames.size()];
    values[BURST] = 8;
    values[FeatureNames.indexOf(FeatureNames.MERCHANT_KNOWN_FRAUD_SHARE_7D)] = 1;
    ModelScore score = model.score(new FeatureVector(values));

    assertThat(score.insightScore()).isGreaterThan(900);
    assertThat(score.contributions())
        .extracting(ReasonCode::feature)
        .doesNotContain(FeatureNames.MERCHANT_KNOWN_FRAUD_SHARE_7D);
  }

  /** Fraud from an interaction of six features, so that the trees split on many columns. */
  private static ModelFile trainedOnSeveralFeatures(long seed, int[] informative) {
    return trainedOnSeveralFeatures(seed, informative, false);
  }

  /** As above; with {@code gaps}, a third of the values are missing (NaN) and mean fraud. */
  private static ModelFile trainedOnSeveralFeatures(long seed, int[] informative, boolean gaps) {
    Random random = new Random(seed);
    List<double[]> rows = new ArrayList<>();
    boolean[] labels = new boolean[4000];
    for (int i = 0; i < labels.length; i++) {
      double[] row = randomRow(random, informative);
      labels[i] =
          row[informative[0]] * row[informative[1]] > 20
              || row[informative[2]] > 8 && row[informative[3]] < 3
              || row[informative[4]] + row[informative[5]] > 17 + random.nextGaussian();
      if (gaps) {
        for (int c : informative) {
          if (random.nextInt(3) == 0) {
            row[c] = Double.NaN;
            labels[i] |= random.nextBoolean();
          }
        }
      }
      rows.add(row);
    }
    return GradientBoostedTrainer.defaults(seed)
        .train(rows, labels, "gbt-wide-1", Map.of("roc_auc", 0.9));
  }

  private static double[] randomRow(Random random, int[] informative) {
    double[] row = new double[FeatureNames.size()];
    for (int c : informative) {
      // a few repeated values too: XGBoost's hist bins put thresholds right at data values
      row[c] = random.nextInt(5) == 0 ? random.nextInt(10) : random.nextDouble() * 10;
    }
    return row;
  }

  /**
   * The Java trees against XGBoost itself on 5,000 rows the model was not trained on: the same
   * probability within 1e-5, and base plus the contributions equal to XGBoost's margin, so the
   * reason codes add up to the score the library computes. (XGBoost sums the trees in {@code
   * float}, about seven significant digits, Java in {@code double}: margins agree to 1e-5 of their
   * size.)
   */
  @Test
  void shouldScoreEveryRowAsXgboostDoesWithContributionsThatSumToItsMargin() throws Exception {
    int[] informative = {0, 5, 17, 40, 77, FeatureNames.size() - 1};
    ModelFile file = trainedOnSeveralFeatures(6, informative);
    GradientBoostedModel model = GradientBoostedModel.of(file);
    Random random = new Random(60);
    List<double[]> rows = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      rows.add(randomRow(random, informative));
    }

    double[] nativeP = model.probabilities(rows);
    double[] nativeMargin = nativeMargins(file, rows);

    int splitColumns = 0;
    for (int i = 0; i < rows.size(); i++) {
      ModelScore score = model.score(new FeatureVector(rows.get(i)));
      double javaMargin =
          score.base() + score.contributions().stream().mapToDouble(ReasonCode::contribution).sum();
      double javaP = 1 / (1 + Math.exp(-javaMargin));
      assertThat(javaP).as("probability of row %d", i).isCloseTo(nativeP[i], within(1e-5));
      assertThat(javaMargin)
          .as("margin of row %d", i)
          .isCloseTo(nativeMargin[i], within(1e-5 * Math.max(1, Math.abs(nativeMargin[i]))));
      assertThat(score.insightScore()).isEqualTo((int) Math.round(1000 * javaP));
      splitColumns = Math.max(splitColumns, score.contributions().size());
    }
    assertThat(splitColumns).as("the trees use several columns").isGreaterThanOrEqualTo(5);
  }

  /**
   * A missing value (NaN; the service never produces one, a future feature might) takes the branch
   * each split learnt for it, as in XGBoost, not the "not below" branch a plain comparison gives.
   */
  @Test
  void shouldSendMissingValuesWhereXgboostDoes() throws Exception {
    int[] informative = {1, 2, 3, 4, 6, 7};
    ModelFile file = trainedOnSeveralFeatures(8, informative, true);
    Random random = new Random(80);
    List<double[]> rows = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      double[] row = randomRow(random, informative);
      for (int c : informative) {
        if (random.nextInt(3) == 0) {
          row[c] = Double.NaN;
        }
      }
      rows.add(row);
    }
    Booster booster = XGBoost.loadModel(file.booster());
    TreeEnsemble trees = TreeEnsemble.parse(booster.getModelDump((String) null, true), columns());
    booster.dispose();
    double[] nativeMargin = nativeMargins(file, rows);
    float[] zeros = new float[columns()];
    double base = nativeMargins(file, List.of(new double[columns()]))[0] - trees.sum(zeros);

    for (int i = 0; i < rows.size(); i++) {
      float[] row = new float[columns()];
      for (int c = 0; c < row.length; c++) {
        row[c] = (float) rows.get(i)[c];
      }
      assertThat(base + trees.sum(row))
          .as("margin of row %d", i)
          .isCloseTo(nativeMargin[i], within(1e-5 * Math.max(1, Math.abs(nativeMargin[i]))));
    }
  }

  private static int columns() {
    return FeatureNames.size();
  }

  /** XGBoost's own margins (log-odds) of {@code rows}, NaN as missing. */
  private static double[] nativeMargins(ModelFile file, List<double[]> rows) throws Exception {
    int columns = columns();
    float[] data = new float[rows.size() * columns];
    for (int r = 0; r < rows.size(); r++) {
      for (int c = 0; c < columns; c++) {
        data[r * columns + c] = (float) rows.get(r)[c];
      }
    }
    Booster booster = XGBoost.loadModel(file.booster());
    DMatrix matrix = new DMatrix(data, rows.size(), columns, Float.NaN);
    try {
      float[][] margins = booster.predict(matrix, true);
      double[] out = new double[rows.size()];
      for (int r = 0; r < out.length; r++) {
        out[r] = margins[r][0];
      }
      return out;
    } finally {
      matrix.dispose();
      booster.dispose();
    }
  }

  @Test
  void shouldOrderReasonsAsAStableSortByDecreasingContribution() {
    Random random = new Random(12);
    for (int round = 0; round < 200; round++) {
      int n = random.nextInt(70);
      double[] contributions = new double[n];
      for (int c = 0; c < n; c++) {
        // few distinct values, so that ties (kept in column order) are common; zeros of both signs
        contributions[c] =
            switch (random.nextInt(4)) {
              case 0 -> 0.0;
              case 1 -> -0.0;
              default -> (random.nextInt(9) - 4) / 8.0;
            };
      }
      int[] order = new int[n];
      List<Integer> expected = new ArrayList<>();
      for (int c = 0; c < n; c++) {
        order[c] = c;
        expected.add(c);
      }
      expected.sort(
          java.util.Comparator.comparingDouble((Integer c) -> contributions[c]).reversed());

      GradientBoostedModel.sortByContributionDescending(order, n, contributions);

      assertThat(order).containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
    }
  }

  /**
   * The Java TreeSHAP against XGBoost's {@code predictContrib} on 300 rows: every column's Shapley
   * value agrees, and base plus the values is the margin, as for the path contributions.
   */
  @Test
  void shouldComputeTheShapleyValuesXgboostComputes() throws Exception {
    int[] informative = {0, 5, 17, 40, 77, FeatureNames.size() - 1};
    ModelFile file = trainedOnSeveralFeatures(7, informative);
    GradientBoostedModel model = GradientBoostedModel.of(file);
    Random random = new Random(70);
    int rows = 300;
    int columns = columns();
    float[] data = new float[rows * columns];
    List<double[]> values = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      double[] row = randomRow(random, informative);
      values.add(row);
      for (int c = 0; c < columns; c++) {
        data[r * columns + c] = (float) row[c];
      }
    }
    Booster booster = XGBoost.loadModel(file.booster());
    DMatrix matrix = new DMatrix(data, rows, columns, Float.NaN);
    float[][] expected = booster.predictContrib(matrix, 0);
    matrix.dispose();
    booster.dispose();
    double[] margins = nativeMargins(file, values);

    for (int r = 0; r < rows; r++) {
      ModelScore shap = model.scoreWithShapleyValues(new FeatureVector(values.get(r)));
      double[] phi = new double[columns];
      for (ReasonCode reason : shap.contributions()) {
        phi[FeatureNames.indexOf(reason.feature())] = reason.contribution();
      }
      for (int c = 0; c < columns; c++) {
        assertThat(phi[c]).as("row %d column %d", r, c).isCloseTo(expected[r][c], within(1e-4));
      }
      assertThat(shap.base()).isCloseTo(expected[r][columns], within(1e-4));
      assertThat(shap.logOdds())
          .isCloseTo(margins[r], within(1e-5 * Math.max(1, Math.abs(margins[r]))));
      assertThat(shap.insightScore())
          .isEqualTo(model.score(new FeatureVector(values.get(r))).insightScore());
    }
  }
}
