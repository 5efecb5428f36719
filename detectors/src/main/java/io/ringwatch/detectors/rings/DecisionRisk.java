package io.ringwatch.detectors.rings;

import io.ringwatch.detectors.model.ModelScore;
import io.ringwatch.detectors.rules.Outcome;

/**
 * The risk (0–1) a per-event decision reports to the ring scorer for its paying account: the
 * insight score / 1000 when the decision is REVIEW or BLOCK, nothing (0) for an APPROVE. Approved
 * decisions are left out on purpose: a community of ordinary accounts whose model scores sit in the
 * middle of the range would otherwise be lifted toward the ring threshold by sheer size, while a
 * flagged decision is the scorer's explicit suspicion. The live tracker and the projection rebuilt
 * from the graph's stored decisions both use this one rule, so a restart scores rings as before.
 */
public final class DecisionRisk {
  private DecisionRisk() {}

  /**
   * @param outcome the decision's outcome
   * @param insightScore the decision's insight score, 0–1000
   * @return the reported risk, 0–1; 0 for APPROVE
   */
  public static double of(Outcome outcome, double insightScore) {
    if (outcome == Outcome.APPROVE) {
      return 0;
    }
    if (!(insightScore >= 0 && insightScore <= ModelScore.MAX_SCORE)) {
      throw new IllegalArgumentException("insight score must be in 0..1000, was " + insightScore);
    }
    return insightScore / ModelScore.MAX_SCORE;
  }
}
