package io.ringwatch.detectors.rules;

import java.util.Objects;

/**
 * Why one rule did not compile, and where.
 *
 * @param ruleId the rule
 * @param line 1-based line in the expression
 * @param column 1-based column in the expression
 * @param message what is wrong
 */
public record RuleCompileError(String ruleId, int line, int column, String message) {
  public RuleCompileError {
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(message, "message");
  }

  /** For example {@code rule card-velocity at 1:17: unknown variable 'card_cnt_10m'}. */
  public String describe() {
    return "rule " + ruleId + " at " + line + ":" + column + ": " + message;
  }
}
