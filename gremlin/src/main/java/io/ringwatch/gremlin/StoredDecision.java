package io.ringwatch.gremlin;

import java.util.Objects;

/**
 * The decision on a transaction as stored on its {@code pays} or {@code transfers} edge.
 *
 * @param outcome APPROVE, REVIEW or BLOCK (property {@code outcome})
 * @param score the insight score, 0–1000 (property {@code score})
 * @param detail the whole decision as the service serialised it (JSON; property {@code decision}),
 *     at most {@link #MAX_DETAIL} characters
 * @param ringRisk what the decision reported to the ring scorer, 0–1 (property {@code ringRisk},
 *     stored when above 0; {@code DecisionRisk}), so that a rebuilt projection agrees with the live
 *     one
 */
public record StoredDecision(String outcome, double score, String detail, double ringRisk) {
  public static final int MAX_DETAIL = 16_384;

  public StoredDecision {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(detail, "detail");
    if (!(score >= 0 && score <= 1000)) {
      throw new IllegalArgumentException("score must be in 0..1000, was " + score);
    }
    if (detail.length() > MAX_DETAIL) {
      throw new IllegalArgumentException("decision detail is longer than " + MAX_DETAIL);
    }
    if (!(ringRisk >= 0 && ringRisk <= 1)) {
      throw new IllegalArgumentException("ring risk must be in 0..1, was " + ringRisk);
    }
  }

  /** A decision that reports no ring risk. */
  public StoredDecision(String outcome, double score, String detail) {
    this(outcome, score, detail, 0);
  }
}
