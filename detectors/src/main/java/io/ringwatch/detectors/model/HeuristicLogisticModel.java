package io.ringwatch.detectors.model;

import io.ringwatch.detectors.features.FeatureNames;
import io.ringwatch.detectors.features.FeatureVector;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * A <b>hand-weighted, untrained</b> logistic scorer: {@code p = 1 / (1 + e^-(b + Σ w_i g_i(x_i)))},
 * insight score {@code round(1000 p)}. The weights and transforms below were set by hand from the
 * fraud patterns the simulator plants (bursts, shared devices, unusual amounts, ring contacts); no
 * data fitted them. It stands in for the trained model of issue 3 part 4 behind the same {@link
 * Model} port, so that every decision has a score and reason codes from day one. Its reason codes
 * are exact: base plus the contributions is the log-odds.
 *
 * <p>Velocity enters only relative to the key's own baseline (the capped {@code *_velocity_z_*}
 * features, ADR 0010), never as a raw count: a busy account is not suspicious for being busy. With
 * no signal the score is {@code 1000 / (1 + e^6) ≈ 2}; a burst of card swipes far above the card's
 * usual rate, on a new device with an amount 10 MADs above the account's median, scores in the
 * 900s.
 */
public final class HeuristicLogisticModel implements Model {
  public static final String VERSION = "heuristic-logistic-2";

  private static final double BIAS = -6.0;
  private static final double PUBLIC_IDENTIFIER = 50;

  private record Term(String feature, int index, double weight, DoubleUnaryOperator transform) {}

  private static final List<Term> TERMS =
      List.of(
          term(FeatureNames.CARD_VELOCITY_Z_1M, 0.5, x -> Math.min(8, x)),
          term(FeatureNames.CARD_VELOCITY_Z_10M, 0.3, x -> Math.min(8, x)),
          term(FeatureNames.ACCOUNT_VELOCITY_Z_1M, 0.4, x -> Math.min(8, x)),
          term(FeatureNames.ACCOUNT_VELOCITY_Z_10M, 0.2, x -> Math.min(8, x)),
          term(FeatureNames.AMOUNT_ZSCORE, 0.35, x -> Math.min(10, Math.max(0, x - 3))),
          term("device_distinct_accounts_24h", 1.3, x -> shared(x, 1)),
          term("ip_distinct_accounts_24h", 0.5, x -> shared(x, 2)),
          term(FeatureNames.DEVICE_NEW_FOR_ACCOUNT, 1.0, x -> x),
          term(FeatureNames.IP_NEW_FOR_ACCOUNT, 0.5, x -> x),
          term(FeatureNames.LOCATION_NEW_FOR_ACCOUNT, 0.5, x -> x),
          term(FeatureNames.ACCOUNT_LOCATION_CHANGES_1H, 0.8, x -> Math.log1p(x)),
          term(FeatureNames.ACCOUNT_BENFORD_MAD, 40, x -> Math.max(0, x - 0.05)),
          term(FeatureNames.DEVICE_MATE_IN_RING, 2.5, x -> x),
          term(FeatureNames.COUNTERPARTY_IN_RING, 2.0, x -> x),
          term(FeatureNames.RING_SCORE, 2.0, x -> x));

  private static final Term[] TERM_ARRAY = TERMS.toArray(new Term[0]);

  static {
    if (TERM_ARRAY.length > Long.SIZE) {
      throw new IllegalStateException("a credited-term mask holds at most 64 terms");
    }
  }

  /**
   * Sharing beyond {@code usual} accounts, on a log scale; an identifier shared by more than {@link
   * #PUBLIC_IDENTIFIER} accounts is public infrastructure (a café IP, a carrier NAT) and says
   * nothing, as in ring detection's degree cap.
   */
  private static double shared(double accounts, double usual) {
    return accounts > PUBLIC_IDENTIFIER ? 0 : Math.log1p(Math.max(0, accounts - usual));
  }

  private static Term term(String feature, double weight, DoubleUnaryOperator transform) {
    int index = FeatureNames.indexOf(feature);
    if (index < 0) {
      throw new IllegalStateException("heuristic model refers to unknown feature " + feature);
    }
    return new Term(feature, index, weight, transform);
  }

  @Override
  public String version() {
    return VERSION;
  }

  @Override
  public ModelScore score(FeatureVector features) {
    // Two passes, so that the score's arrays have exactly one entry per credited term (a few of
    // the fifteen): the first sums the log-odds and marks the credited terms, the second copies
    // them. The contributions are computed again, with the same result.
    long creditedTerms = 0;
    int n = 0;
    double logOdds = BIAS;
    for (int k = 0; k < TERM_ARRAY.length; k++) {
      Term term = TERM_ARRAY[k];
      double contribution =
          term.weight() * term.transform().applyAsDouble(features.get(term.index()));
      if (contribution != 0) {
        creditedTerms |= 1L << k;
        n++;
        logOdds += contribution;
      }
    }
    String[] credited = new String[n];
    double[] values = new double[n];
    double[] credits = new double[n];
    int i = 0;
    for (int k = 0; k < TERM_ARRAY.length; k++) {
      if ((creditedTerms & (1L << k)) != 0) {
        Term term = TERM_ARRAY[k];
        double value = features.get(term.index());
        credited[i] = term.feature();
        values[i] = value;
        credits[i++] = term.weight() * term.transform().applyAsDouble(value);
      }
    }
    double p = 1 / (1 + Math.exp(-logOdds));
    return ModelScore.ofCredits(
        (int) Math.round(ModelScore.MAX_SCORE * p), BIAS, credited, values, credits, n);
  }
}
