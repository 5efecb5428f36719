package io.ringwatch.detectors.model;

import io.ringwatch.detectors.features.FeatureNames;
import io.ringwatch.detectors.features.FeatureVector;
import java.io.IOException;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * A trained gradient-boosted tree model (XGBoost, binary logistic objective; ADR 0009) behind the
 * {@link Model} port. XGBoost trains and stores the trees; per event they are evaluated in Java
 * ({@link TreeEnsemble}), because one native call costs 100–500 µs and the trees a few. Reason
 * codes are path (Saabas) contributions in log-odds, XGBoost's {@code approx_contribs}: with the
 * base they sum to the model's margin exactly, as with the heuristic. Exact Shapley values
 * (TreeSHAP, equal to XGBoost's {@code predictContrib}) are computed in Java on request by {@link
 * #scoreWithShapleyValues}, at O(trees × leaves × depth²), about 30 times the path's cost (ADR
 * 0020). Cost per event: O(trees × depth).
 *
 * <p>Immutable and thread-safe for scoring; {@link #probabilities} uses the native booster under
 * this object's lock.
 */
public final class GradientBoostedModel implements Model {
  private final ModelFile file;
  private final Booster booster;
  private final int[] columns;

  /** The feature name of each column. */
  private final String[] names;

  private final TreeEnsemble trees;
  private final double base;

  private GradientBoostedModel(
      ModelFile file, Booster booster, int[] columns, TreeEnsemble trees, double base) {
    this.file = file;
    this.booster = booster;
    this.columns = columns;
    this.names = file.featureNames().toArray(String[]::new);
    this.trees = trees;
    this.base = base;
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
      // One event at a time: a thread pool per call costs far more than the trees.
      booster.setParam("nthread", 1);
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
    TreeEnsemble trees;
    double base;
    try {
      trees = TreeEnsemble.parse(booster.getModelDump((String) null, true), columns.length);
      // The intercept (base score) is the native margin of any row minus the trees' sum; a
      // second row checks that the Java evaluation agrees with the library.
      float[] zeros = new float[columns.length];
      base = nativeMargin(booster, zeros) - trees.sum(zeros);
      float[] probe = new float[columns.length];
      java.util.Arrays.fill(probe, 1.5f);
      double expected = nativeMargin(booster, probe);
      if (Math.abs(base + trees.sum(probe) - expected) > 1e-3 * Math.max(1, Math.abs(expected))) {
        throw new ModelFileException(
            "model " + file.version() + ": the Java tree evaluation disagrees with XGBoost");
      }
    } catch (XGBoostError | RuntimeException e) {
      throw new ModelFileException(
          "model " + file.version() + " has unreadable trees: " + e.getMessage(), e);
    }
    return new GradientBoostedModel(file, booster, columns, trees, base);
  }

  private static double nativeMargin(Booster booster, float[] row) throws XGBoostError {
    DMatrix matrix = new DMatrix(row, 1, row.length, Float.NaN);
    try {
      return booster.predict(matrix, true)[0][0];
    } finally {
      matrix.dispose();
    }
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

  /**
   * Fraud probabilities of many rows at once (each in {@code FeatureNames.ALL} order), without
   * reason codes: for evaluation, where one native call per row would dominate.
   */
  public synchronized double[] probabilities(java.util.List<double[]> rows) {
    float[] data = new float[rows.size() * columns.length];
    for (int r = 0; r < rows.size(); r++) {
      for (int c = 0; c < columns.length; c++) {
        data[r * columns.length + c] = (float) rows.get(r)[columns[c]];
      }
    }
    try {
      DMatrix matrix = new DMatrix(data, rows.size(), columns.length, Float.NaN);
      try {
        float[][] predictions = booster.predict(matrix);
        double[] p = new double[rows.size()];
        for (int r = 0; r < p.length; r++) {
          p[r] = predictions[r][0];
        }
        return p;
      } finally {
        matrix.dispose();
      }
    } catch (XGBoostError e) {
      throw new IllegalStateException("model " + version() + " failed to score", e);
    }
  }

  /** Scores {@code features} with path (Saabas) contributions as reason codes: the hot path. */
  @Override
  public ModelScore score(FeatureVector features) {
    return score(features, false);
  }

  /**
   * Scores {@code features} with exact Shapley values (TreeSHAP, as XGBoost's {@code
   * predictContrib}) as the contributions: the same insight score and base, each feature credited
   * with its Shapley value instead of its path share. About a hundred times the cost of {@link
   * #score} (ADR 0020): for explaining one decision, not for every event.
   */
  public ModelScore scoreWithShapleyValues(FeatureVector features) {
    return score(features, true);
  }

  private ModelScore score(FeatureVector features, boolean shapley) {
    float[] row = new float[columns.length];
    for (int c = 0; c < columns.length; c++) {
      row[c] = (float) features.get(columns[c]);
    }
    double[] contributions = new double[columns.length];
    if (shapley) {
      trees.shapley(row, contributions);
    } else {
      trees.contributions(row, contributions);
    }
    double bias = base + trees.rootSum();
    double logOdds = bias;
    int n = 0;
    for (int c = 0; c < columns.length; c++) {
      if (contributions[c] != 0) {
        n++;
        logOdds += contributions[c];
      }
    }
    // The credited columns, in column order; ModelScore orders them only when asked.
    String[] credited = new String[n];
    double[] values = new double[n];
    double[] credits = new double[n];
    int i = 0;
    for (int c = 0; c < columns.length; c++) {
      if (contributions[c] != 0) {
        credited[i] = names[c];
        values[i] = features.get(columns[c]);
        credits[i++] = contributions[c];
      }
    }
    double p = 1 / (1 + Math.exp(-logOdds));
    return ModelScore.ofCredits(
        (int) Math.round(ModelScore.MAX_SCORE * p), bias, credited, values, credits, n);
  }

  /**
   * Sorts the first {@code n} columns of {@code order} by decreasing contribution, equal ones in
   * column order: the order of a stable sort by {@code Double.compare}, without boxing or a
   * comparator. A merge sort of (contribution, column) pairs in primitive arrays, insertion sort
   * below 8 elements: O(n log n) for the n columns the trees credited.
   */
  static void sortByContributionDescending(int[] order, int n, double[] contributions) {
    double[] keys = new double[n];
    for (int i = 0; i < n; i++) {
      keys[i] = contributions[order[i]];
    }
    mergeSort(keys, order, new double[n], new int[n], 0, n);
  }

  /** Sorts {@code [from, to)} of the pairs by decreasing key, stably. */
  private static void mergeSort(
      double[] keys, int[] cols, double[] keyBuffer, int[] colBuffer, int from, int to) {
    if (to - from <= 8) {
      for (int i = from + 1; i < to; i++) {
        double key = keys[i];
        int col = cols[i];
        int j = i - 1;
        // shift only strictly smaller keys: equal ones keep their order
        while (j >= from && Double.compare(keys[j], key) < 0) {
          keys[j + 1] = keys[j];
          cols[j + 1] = cols[j];
          j--;
        }
        keys[j + 1] = key;
        cols[j + 1] = col;
      }
      return;
    }
    int mid = (from + to) >>> 1;
    mergeSort(keys, cols, keyBuffer, colBuffer, from, mid);
    mergeSort(keys, cols, keyBuffer, colBuffer, mid, to);
    if (Double.compare(keys[mid - 1], keys[mid]) >= 0) {
      return; // already in order
    }
    System.arraycopy(keys, from, keyBuffer, from, to - from);
    System.arraycopy(cols, from, colBuffer, from, to - from);
    int left = from;
    int right = mid;
    for (int k = from; k < to; k++) {
      // the left run wins ties (stable)
      if (right >= to || left < mid && Double.compare(keyBuffer[left], keyBuffer[right]) >= 0) {
        keys[k] = keyBuffer[left];
        cols[k] = colBuffer[left++];
      } else {
        keys[k] = keyBuffer[right];
        cols[k] = colBuffer[right++];
      }
    }
  }
}
