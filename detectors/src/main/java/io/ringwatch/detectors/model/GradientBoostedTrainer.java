package io.ringwatch.detectors.model;

import io.ringwatch.detectors.features.FeatureNames;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Trains a {@link GradientBoostedModel} on labelled feature vectors: XGBoost's {@code hist} tree
 * method with the binary logistic objective, one thread and a fixed seed, so that equal data give
 * an equal model. Cost: O(rounds × rows × columns) for the histogram passes.
 *
 * @param rounds boosting rounds (trees)
 * @param maxDepth depth of each tree
 * @param eta learning rate
 * @param seed seed of the row and column subsampling
 */
public record GradientBoostedTrainer(int rounds, int maxDepth, double eta, long seed) {

  public GradientBoostedTrainer {
    if (rounds < 1 || maxDepth < 1 || !(eta > 0 && eta <= 1)) {
      throw new IllegalArgumentException(
          "need rounds >= 1, maxDepth >= 1 and 0 < eta <= 1, got "
              + rounds
              + ", "
              + maxDepth
              + ", "
              + eta);
    }
  }

  /** 200 trees of depth 5, learning rate 0.1. */
  public static GradientBoostedTrainer defaults(long seed) {
    return new GradientBoostedTrainer(200, 5, 0.1, seed);
  }

  /**
   * Trains on {@code rows} (each a vector in {@link FeatureNames#ALL} order) with {@code labels} (1
   * = fraud) and packs the result as a model file of {@code version} carrying {@code metrics}.
   */
  public ModelFile train(
      List<double[]> rows, boolean[] labels, String version, Map<String, Double> metrics) {
    Objects.requireNonNull(rows, "rows");
    int columns = FeatureNames.size();
    float[] data = new float[rows.size() * columns];
    for (int r = 0; r < rows.size(); r++) {
      double[] row = rows.get(r);
      for (int c = 0; c < columns; c++) {
        data[r * columns + c] = (float) row[c];
      }
    }
    return train(data, labels, version, metrics);
  }

  /**
   * As {@link #train(List, boolean[], String, Map)}, on the rows laid end to end in {@code data}
   * ({@link FeatureNames#size} values a row, XGBoost's own layout): a caller with millions of rows
   * fills it directly and saves the rows' copy.
   */
  public ModelFile train(
      float[] data, boolean[] labels, String version, Map<String, Double> metrics) {
    int columns = FeatureNames.size();
    int n = labels.length;
    if (data.length != (long) n * columns || n == 0) {
      throw new IllegalArgumentException(
          "need one label per row and at least one row: " + data.length / columns + " / " + n);
    }
    float[] y = new float[n];
    int positives = 0;
    for (int r = 0; r < n; r++) {
      y[r] = labels[r] ? 1 : 0;
      positives += labels[r] ? 1 : 0;
    }
    if (positives == 0 || positives == n) {
      throw new IllegalArgumentException("training needs both fraud and benign rows");
    }
    Map<String, Object> params = new HashMap<>();
    params.put("objective", "binary:logistic");
    params.put("tree_method", "hist");
    params.put("max_depth", maxDepth);
    params.put("eta", eta);
    params.put("subsample", 0.8);
    params.put("colsample_bytree", 0.8);
    params.put("min_child_weight", 2);
    params.put("seed", seed);
    params.put("nthread", 1);
    params.put("verbosity", 0);
    try {
      DMatrix train = new DMatrix(data, n, columns, Float.NaN);
      try {
        train.setLabel(y);
        Booster booster = XGBoost.train(train, params, rounds, Map.of(), null, null);
        try {
          return new ModelFile(version, FeatureNames.ALL, metrics, booster.toByteArray("ubj"));
        } finally {
          booster.dispose();
        }
      } finally {
        train.dispose();
      }
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost failed to train: " + e.getMessage(), e);
    }
  }
}
