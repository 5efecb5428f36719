package io.ringwatch.detectors.rings;

import io.ringwatch.detectors.features.FeatureNames;
import io.ringwatch.detectors.model.ModelScore;
import io.ringwatch.detectors.model.ReasonCode;
import io.ringwatch.detectors.rules.Outcome;
import io.ringwatch.detectors.scoring.Decision;
import java.util.Set;

/**
 * The risk (0–1) a per-event decision reports to the ring scorer for its paying account: the
 * insight score / 1000 of a BLOCK whose reasons are not ring membership, nothing (0) otherwise.
 *
 * <ul>
 *   <li>Only BLOCK counts: REVIEW is the scorer's doubt, and on data nobody labelled (PaySim
 *       replayed without labels) the REVIEWs of ordinary accounts sharing identifiers glued them
 *       into false rings.
 *   <li>A BLOCK driven by ring membership (a positive reason code on {@code device_mate_in_ring},
 *       {@code counterparty_in_ring} or {@code ring_score}) is not independent evidence of a ring:
 *       counting it closes a loop (ring → features → BLOCK → ring) through which a ring spreads to
 *       its members' device-mates. Measured on the PaySim sample: with the loop, 4–5 false rings
 *       (all-pairs precision 0.92–0.95); without it, none.
 * </ul>
 *
 * The service stores this risk with the decision (edge property {@code ringRisk}), so that the
 * projection rebuilt at start-up scores rings as the live tracker did.
 */
public final class DecisionRisk {
  private static final Set<String> RING_FEATURES =
      Set.of(
          FeatureNames.DEVICE_MATE_IN_RING,
          FeatureNames.COUNTERPARTY_IN_RING,
          FeatureNames.RING_SCORE);

  private DecisionRisk() {}

  /** The decision's risk for ring scoring, 0–1. */
  public static double of(Decision decision) {
    if (decision.outcome() != Outcome.BLOCK) {
      return 0;
    }
    for (ReasonCode reason : decision.reasons()) {
      if (reason.contribution() > 0 && RING_FEATURES.contains(reason.feature())) {
        return 0;
      }
    }
    return decision.insightScore() / (double) ModelScore.MAX_SCORE;
  }
}
