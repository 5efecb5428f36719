package io.ringwatch.detectors.rules;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A rule as data: when {@code expression} (a JEXL expression over features and event fields, see
 * {@link RuleVariables}) is true, the event gets {@code outcome}. Among the rules that fire, the
 * one with the highest priority decides; ties go to the most severe outcome.
 *
 * @param id stable identifier: letters, digits, {@code _ . -}, at most 64 characters
 * @param expression a boolean expression, at most {@link #MAX_EXPRESSION} characters
 * @param outcome the outcome when the rule fires
 * @param priority higher wins
 * @param description what the rule is for, for analysts (may be empty)
 */
public record Rule(
    String id, String expression, Outcome outcome, int priority, String description) {
  public static final int MAX_EXPRESSION = 4096;
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  public Rule {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "rule id must be 1-64 letters, digits, '_', '.' or '-', was '" + id + "'");
    }
    if (expression == null || expression.isBlank()) {
      throw new IllegalArgumentException("rule " + id + " has no expression");
    }
    if (expression.length() > MAX_EXPRESSION) {
      throw new IllegalArgumentException(
          "rule " + id + " expression is longer than " + MAX_EXPRESSION + " characters");
    }
    Objects.requireNonNull(outcome, () -> "rule " + id + " has no outcome");
    description = description == null ? "" : description.strip();
  }
}
