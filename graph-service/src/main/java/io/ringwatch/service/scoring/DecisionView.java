package io.ringwatch.service.scoring;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.ringwatch.detectors.domain.AccountId;
import io.ringwatch.detectors.domain.TransactionId;
import io.ringwatch.detectors.model.ReasonCode;
import io.ringwatch.detectors.rules.Outcome;
import io.ringwatch.detectors.rules.RuleHit;
import io.ringwatch.detectors.scoring.Decision;
import java.time.Instant;
import java.util.List;

/**
 * A decision on the wire: the body of {@code POST /detect} and {@code GET /decisions/{id}}, the
 * value of the {@code decisions} and {@code fraud-alerts} records, and the {@code decision}
 * property of the transaction's edge. {@code fraud_label} is true for REVIEW and BLOCK.
 */
public record DecisionView(
    @JsonProperty("event_id") String eventId,
    @JsonProperty("account_id") String accountId,
    @JsonProperty("fraud_label") boolean fraudLabel,
    @JsonProperty("insight_score") int insightScore,
    String outcome,
    @JsonProperty("rule_hits") List<Hit> ruleHits,
    List<Reason> reasons,
    @JsonProperty("rule_errors") List<String> ruleErrors,
    @JsonProperty("model_version") String modelVersion,
    @JsonProperty("rule_set_version") long ruleSetVersion,
    @JsonProperty("event_time") Instant eventTime,
    Instant timestamp,
    @JsonProperty("latency_micros") double latencyMicros) {

  /** A rule that fired. */
  public record Hit(@JsonProperty("rule_id") String ruleId, String outcome, int priority) {}

  /** A reason code: the feature, its value, and its contribution to the model's log-odds. */
  public record Reason(String feature, double value, double contribution) {}

  public static DecisionView of(Decision d) {
    return new DecisionView(
        d.eventId().value(),
        d.accountId().value(),
        d.flagged(),
        d.insightScore(),
        d.outcome().name(),
        d.ruleHits().stream().map(DecisionView::hit).toList(),
        d.reasons().stream().map(DecisionView::reason).toList(),
        d.ruleErrors(),
        d.modelVersion(),
        d.ruleSetVersion(),
        d.eventTime(),
        d.decidedAt(),
        d.latencyNanos() / 1000.0);
  }

  /**
   * The domain decision this view was made from ({@link #of} backwards): what a decision carried on
   * a Kafka record turns back into. The latency is rounded to the nanosecond.
   *
   * @throws IllegalArgumentException when a field is missing or out of range
   */
  public Decision toDecision() {
    return new Decision(
        TransactionId.of(eventId),
        AccountId.of(accountId),
        Outcome.valueOf(outcome),
        insightScore,
        ruleHits == null
            ? List.of()
            : ruleHits.stream()
                .map(h -> new RuleHit(h.ruleId(), Outcome.valueOf(h.outcome()), h.priority()))
                .toList(),
        reasons == null
            ? List.of()
            : reasons.stream()
                .map(r -> new ReasonCode(r.feature(), r.value(), r.contribution()))
                .toList(),
        ruleErrors == null ? List.of() : ruleErrors,
        modelVersion,
        ruleSetVersion,
        eventTime,
        timestamp,
        Math.round(latencyMicros * 1000.0));
  }

  private static Hit hit(RuleHit h) {
    return new Hit(h.ruleId(), h.outcome().name(), h.priority());
  }

  private static Reason reason(ReasonCode r) {
    return new Reason(r.feature(), r.value(), r.contribution());
  }
}
