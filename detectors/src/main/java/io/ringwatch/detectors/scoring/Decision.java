package io.ringwatch.detectors.scoring;

import io.ringwatch.detectors.domain.AccountId;
import io.ringwatch.detectors.domain.TransactionId;
import io.ringwatch.detectors.model.ModelScore;
import io.ringwatch.detectors.model.ReasonCode;
import io.ringwatch.detectors.rules.Outcome;
import io.ringwatch.detectors.rules.RuleHit;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The verdict on one transaction.
 *
 * @param eventId the transaction id
 * @param accountId the paying account (the key of the decision topics)
 * @param outcome APPROVE, REVIEW or BLOCK
 * @param insightScore the model's score, 0–1000
 * @param ruleHits the rules that fired, deciding one first
 * @param reasons the model's top reason codes (largest contribution first)
 * @param ruleErrors rules that failed at run time on this event ({@code id: message})
 * @param modelVersion the model that scored
 * @param ruleSetVersion the rule set evaluated
 * @param eventTime the transaction's event time
 * @param decidedAt wall-clock time of the decision
 * @param latencyNanos time spent scoring (features, model, rules)
 */
public record Decision(
    TransactionId eventId,
    AccountId accountId,
    Outcome outcome,
    int insightScore,
    List<RuleHit> ruleHits,
    List<ReasonCode> reasons,
    List<String> ruleErrors,
    String modelVersion,
    long ruleSetVersion,
    Instant eventTime,
    Instant decidedAt,
    long latencyNanos) {

  public Decision {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(modelVersion, "modelVersion");
    Objects.requireNonNull(eventTime, "eventTime");
    Objects.requireNonNull(decidedAt, "decidedAt");
    if (insightScore < 0 || insightScore > ModelScore.MAX_SCORE) {
      throw new IllegalArgumentException("insight score must be in 0..1000, was " + insightScore);
    }
    if (latencyNanos < 0) {
      throw new IllegalArgumentException("latency must not be negative");
    }
    ruleHits = List.copyOf(ruleHits);
    reasons = ReasonCode.copyOf(reasons);
    ruleErrors = List.copyOf(ruleErrors);
  }

  /** True when the decision is REVIEW or BLOCK: the event is flagged as likely fraud. */
  public boolean flagged() {
    return outcome.isAlert();
  }
}
