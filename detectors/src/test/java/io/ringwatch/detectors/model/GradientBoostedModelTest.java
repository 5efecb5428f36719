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
}
