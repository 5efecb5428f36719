package io.ringwatch.detectors.model;

import java.util.Arrays;
import java.util.Comparator;

/**
 * How well a score ranks labelled events: ROC AUC (the probability that a random positive scores
 * above a random negative, ties counting half: the Mann–Whitney U statistic), PR AUC (average
 * precision: the mean of the precision at each positive's rank, tied scores taken as one block) and
 * the precision among the top-scored share. Runs in O(n log n) for the sort.
 *
 * @param n events scored
 * @param positives events labelled positive
 * @param rocAuc area under the ROC curve, 0.5 for a useless score (NaN without both classes)
 * @param prAuc average precision (NaN without positives); a useless score gets the positive rate
 * @param precisionAtTop1Percent share of positives among the top 1% by score (at least one event)
 */
public record RankingMetrics(
    int n, int positives, double rocAuc, double prAuc, double precisionAtTop1Percent) {

  /** Metrics of {@code scores} against {@code labels} (same length, at least one event). */
  public static RankingMetrics of(double[] scores, boolean[] labels) {
    if (scores.length != labels.length || scores.length == 0) {
      throw new IllegalArgumentException(
          "need as many labels as scores, and at least one: "
              + scores.length
              + " scores, "
              + labels.length
              + " labels");
    }
    int n = scores.length;
    Integer[] order = descending(scores);
    int positives = positives(labels);
    int negatives = n - positives;
    // Walk down from the top score, one block of tied scores at a time.
    double rankSumNegativesAbove =
        0; // Σ over positives of negatives ranked strictly above + ties/2
    double averagePrecision = 0;
    int seenPositives = 0;
    int seenNegatives = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      int blockPositives = 0;
      while (j < n && scores[order[j]] == scores[order[i]]) {
        blockPositives += labels[order[j]] ? 1 : 0;
        j++;
      }
      int blockNegatives = (j - i) - blockPositives;
      rankSumNegativesAbove += blockPositives * (seenNegatives + blockNegatives / 2.0);
      seenPositives += blockPositives;
      seenNegatives += blockNegatives;
      if (blockPositives > 0) {
        averagePrecision +=
            blockPositives * (seenPositives / (double) (seenPositives + seenNegatives));
      }
      i = j;
    }
    double roc =
        positives == 0 || negatives == 0
            ? Double.NaN
            : 1 - rankSumNegativesAbove / ((double) positives * negatives);
    double pr = positives == 0 ? Double.NaN : averagePrecision / positives;
    int top = Math.max(1, (int) Math.ceil(n * 0.01));
    int topPositives = 0;
    for (int k = 0; k < top; k++) {
      topPositives += labels[order[k]] ? 1 : 0;
    }
    return new RankingMetrics(n, positives, roc, pr, topPositives / (double) top);
  }

  /**
   * Recall (true-positive rate) at a false-positive rate of at most {@code fpr}: the highest share
   * of positives scored at or above a threshold that lets through at most {@code fpr} of the
   * negatives, tied scores taken as one block (scikit-learn's {@code roc_curve} read at {@code
   * fpr}). NaN without both classes. Runs in O(n log n).
   */
  public static double recallAtFalsePositiveRate(double[] scores, boolean[] labels, double fpr) {
    if (scores.length != labels.length || scores.length == 0) {
      throw new IllegalArgumentException("need as many labels as scores, and at least one");
    }
    if (!(fpr >= 0 && fpr <= 1)) {
      throw new IllegalArgumentException("fpr must be in [0, 1], was " + fpr);
    }
    int n = scores.length;
    Integer[] order = descending(scores);
    int positives = positives(labels);
    int negatives = n - positives;
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    double best = 0;
    int seenPositives = 0;
    int seenNegatives = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j < n && scores[order[j]] == scores[order[i]]) {
        if (labels[order[j]]) {
          seenPositives++;
        } else {
          seenNegatives++;
        }
        j++;
      }
      if (seenNegatives / (double) negatives > fpr + 1e-12) {
        break;
      }
      best = seenPositives / (double) positives;
      i = j;
    }
    return best;
  }

  /** Indices of {@code scores}, highest score first (ties in index order). */
  private static Integer[] descending(double[] scores) {
    Integer[] order = new Integer[scores.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
    return order;
  }

  private static int positives(boolean[] labels) {
    int positives = 0;
    for (boolean label : labels) {
      positives += label ? 1 : 0;
    }
    return positives;
  }
}
