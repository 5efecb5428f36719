package io.ringwatch.detectors.model;

import io.ringwatch.detectors.features.FeatureNames;
import io.ringwatch.detectors.features.FeatureVector;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * A trained gradient-boosted tree model (XGBoost, binary logistic objective; ADR 0009) behind the
 * {@link Model} port. One {@code predictContrib} call per event gives the exact TreeSHAP
 * contribution of every column (Lundberg et al., "Consistent individualized feature attribution for
 * tree ensembles", 2018) plus the bias, in log-odds: their sum is the model's margin, so reason
 * codes sum with the base to the score, as with the heuristic. Cost: O(trees × leaves × depth²) per
 * event plus one native call.
 *
 * <p>Immutable after construction; the native booster is used under this object's lock.
 */
public final class GradientBoostedModel implements Model {
  private final ModelFile file;
  private final Booster booster;
  private final int[] columns;

  private GradientBoostedModel(ModelFile file, Booster booster, int[] columns) {
    this.file = file;
    this.booster = booster;
    this.columns = columns;
  }

  /** Loads {@code file}'s booster, checking that every column is a feature of this build. */
  public static GradientBoostedModel of(ModelFile file) throws ModelFileException {
    int[] columns = new int[file.featureNames().size()];
    for (int c = 0; c < columns.length; c++) {
      columns[c] = FeatureNames.indexOf(file.featureNames().get(c));
      if (columns[c] < 0) {
        throw new ModelFileException(
            "model "
                + file.version()
                + " uses feature '"
                + file.featureNames().get(c)
                + "', which this build does not compute");
      }
    }
    Booster booster;
    try {
      booster = XGBoost.loadModel(file.booster());
      if (booster.getNumFeature() != columns.length) {
        throw new ModelFileException(
            "model "
                + file.version()
                + " has "
                + booster.getNumFeature()
                + " columns in its trees but names "
                + columns.length);
      }
    } catch (XGBoostError | IOException | RuntimeException e) {
      throw new ModelFileException(
          "model " + file.version() + " has a corrupt booster: " + e.getMessage(), e);
    }
    return new GradientBoostedModel(file, booster, columns);
  }

  @Override
  public String version() {
    return file.version();
  }

  /** The file this model was loaded from (metrics included). */
  public ModelFile file() {
    return file;
  }

  /** Held-out metrics recorded at training. */
  public Map<String, Double> metrics() {
    return file.metrics();
  }

  @Override
  public synchronized ModelScore score(FeatureVector features) {
    float[] row = new float[columns.length];
    for (int c = 0; c < columns.length; c++) {
      row[c] = (float) features.get(columns[c]);
    }
    float[] contributions;
    try {
      DMatrix matrix = new DMatrix(row, 1, columns.length, Float.NaN);
      try {
        contributions = booster.predictContrib(matrix, 0)[0];
      } finally {
        matrix.dispose();
      }
    } catch (XGBoostError e) {
      throw new IllegalStateException("model " + version() + " failed to score", e);
    }
    double base = contributions[columns.length];
    double logOdds = base;
    List<ReasonCode> reasons = new ArrayList<>(columns.length);
    for (int c = 0; c < columns.length; c++) {
      double contribution = contributions[c];
      if (contribution != 0) {
        reasons.add(new ReasonCode(file.featureNames().get(c), row[c], contribution));
        logOdds += contribution;
      }
    }
    reasons.sort(Comparator.comparingDouble(ReasonCode::contribution).reversed());
    double p = 1 / (1 + Math.exp(-logOdds));
    return new ModelScore((int) Math.round(ModelScore.MAX_SCORE * p), base, reasons);
  }
}
