package io.ringwatch.detectors.rules;

import java.util.Objects;

/**
 * A rule that fired on an event.
 *
 * @param ruleId the rule
 * @param outcome its outcome
 * @param priority its priority
 */
public record RuleHit(String ruleId, Outcome outcome, int priority) {
  public RuleHit {
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(outcome, "outcome");
  }
}
