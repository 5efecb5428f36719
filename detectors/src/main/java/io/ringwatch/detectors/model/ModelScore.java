package io.ringwatch.detectors.model;

import java.util.List;

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
    contributions = List.copyOf(contributions);
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
    return contributions.stream().filter(r -> r.contribution() > 0).limit(n).toList();
  }
}
