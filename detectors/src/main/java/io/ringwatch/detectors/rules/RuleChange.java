package io.ringwatch.detectors.rules;

import java.time.Instant;
import java.util.Objects;

/**
 * One accepted change of the active rule set.
 *
 * @param rules the rule set that became active
 * @param user who made the change
 * @param at when
 */
public record RuleChange(RuleSet rules, String user, Instant at) {
  public RuleChange {
    Objects.requireNonNull(rules, "rules");
    Objects.requireNonNull(at, "at");
    user = user == null || user.isBlank() ? "anonymous" : user.strip();
  }
}
