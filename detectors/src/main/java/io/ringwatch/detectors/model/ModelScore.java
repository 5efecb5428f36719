package io.ringwatch.detectors.model;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * A model's verdict on one event.
 *
 * @param insightScore the fraud score on a 0–1000 scale (1000 × probability, rounded)
 * @param base the model's log-odds before any feature (its bias)
 * @param contributions every non-zero feature contribution, largest first; {@code base} plus their
 *     sum is the model's log-odds
 */
public record ModelScore(int insightScore, double base, List<ReasonCode> contributions) {
  public static final int MAX_SCORE = 1000;

  public ModelScore {
    if (insightScore < 0 || insightScore > MAX_SCORE) {
      throw new IllegalArgumentException("insight score must be in 0..1000, was " + insightScore);
    }
    contributions = contributions instanceof Credits ? contributions : List.copyOf(contributions);
  }

  /**
   * A score whose contributions are the first {@code n} entries of the arrays, in feature (column)
   * order; they are ordered only when {@link #contributions} is read, and {@link #topReasons}
   * selects its few without ordering the rest. The arrays are the score's from then on.
   *
   * @throws IllegalArgumentException when a value or contribution is not finite (as {@link
   *     ReasonCode} would)
   */
  static ModelScore ofCredits(
      int insightScore,
      double base,
      String[] features,
      double[] values,
      double[] contributions,
      int n) {
    return new ModelScore(insightScore, base, new Credits(features, values, contributions, n));
  }

  /** The log-odds: base plus every contribution. */
  public double logOdds() {
    double sum = base;
    for (ReasonCode reason : contributions) {
      sum += reason.contribution();
    }
    return sum;
  }

  /** The {@code n} contributions that raised the score most. */
  public List<ReasonCode> topReasons(int n) {
    if (contributions instanceof Credits credits) {
      return credits.top(n);
    }
    return contributions.stream().filter(r -> r.contribution() > 0).limit(n).toList();
  }

  /**
   * Contributions kept in primitive arrays in column order: ordered (largest first, equal ones in
   * column order, as a stable sort by {@code Double.compare}) into reason codes on first read; the
   * top few are selected in one pass without ordering the rest. Immutable.
   */
  private static final class Credits extends AbstractList<ReasonCode> implements RandomAccess {
    private final String[] features;
    private final double[] values;
    private final double[] contributions;
    private final int n;
    private volatile ReasonCode[] ordered;

    Credits(String[] features, double[] values, double[] contributions, int n) {
      for (int i = 0; i < n; i++) {
        if (!Double.isFinite(values[i]) || !Double.isFinite(contributions[i])) {
          throw new IllegalArgumentException("reason code values must be finite: " + features[i]);
        }
      }
      this.features = features;
      this.values = values;
      this.contributions = contributions;
      this.n = n;
    }

    @Override
    public ReasonCode get(int index) {
      return ordered()[index];
    }

    @Override
    public int size() {
      return n;
    }

    private ReasonCode[] ordered() {
      ReasonCode[] codes = ordered;
      if (codes == null) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
          order[i] = i;
        }
        GradientBoostedModel.sortByContributionDescending(order, n, contributions);
        codes = new ReasonCode[n];
        for (int i = 0; i < n; i++) {
          codes[i] = reason(order[i]);
        }
        ordered = codes;
      }
      return codes;
    }

    private ReasonCode reason(int i) {
      return new ReasonCode(features[i], values[i], contributions[i]);
    }

    /**
     * The first {@code k} positive contributions of the order, selected by one pass keeping the
     * best {@code k} so far (a later column goes after an equal one): O(n k).
     */
    List<ReasonCode> top(int k) {
      if (k < 0) {
        throw new IllegalArgumentException("maxSize must not be negative, was " + k);
      }
      int[] best = new int[Math.min(k, n)];
      int m = 0;
      for (int i = 0; i < n && best.length > 0; i++) {
        double c = contributions[i];
        if (!(c > 0)) {
          continue;
        }
        int j = m;
        while (j > 0 && Double.compare(contributions[best[j - 1]], c) < 0) {
          j--;
        }
        if (j == best.length) {
          continue;
        }
        int last = Math.min(m, best.length - 1);
        System.arraycopy(best, j, best, j + 1, last - j);
        best[j] = i;
        m = Math.min(m + 1, best.length);
      }
      // A decision keeps its top reasons: up to three in one object (FewReasons), not a list, an
      // array and a record each.
      if (m == 0) {
        return List.of();
      }
      if (m <= 3) {
        return new FewReasons(m, features, values, contributions, best);
      }
      ReasonCode[] top = new ReasonCode[m];
      for (int i = 0; i < m; i++) {
        top[i] = reason(best[i]);
      }
      return List.of(top);
    }
  }
}
