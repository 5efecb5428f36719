package io.ringwatch.detectors.rules;

import java.util.List;
import java.util.Objects;

/**
 * The rules' verdict on one event.
 *
 * @param outcome the outcome of the deciding hit, APPROVE when nothing fired
 * @param hits every rule that fired, deciding one first
 * @param errors rules that failed at run time (for example a non-boolean result), as {@code id:
 *     message}; such a rule counts as not fired
 * @param ruleSetVersion the version of the rule set evaluated
 */
public record RuleEvaluation(
    Outcome outcome, List<RuleHit> hits, List<String> errors, long ruleSetVersion) {
  public RuleEvaluation {
    Objects.requireNonNull(outcome, "outcome");
    hits = List.copyOf(hits);
    errors = List.copyOf(errors);
  }
}
