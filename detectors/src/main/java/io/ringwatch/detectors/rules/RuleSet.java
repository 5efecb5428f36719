package io.ringwatch.detectors.rules;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A versioned set of rules. Versions increase by one with every accepted change.
 *
 * @param version at least 1
 * @param rules at most {@link #MAX_RULES} rules with distinct ids
 */
public record RuleSet(long version, List<Rule> rules) {
  public static final int MAX_RULES = 500;

  public RuleSet {
    if (version < 1) {
      throw new IllegalArgumentException("rule set version must be at least 1, was " + version);
    }
    rules = List.copyOf(rules);
    if (rules.size() > MAX_RULES) {
      throw new IllegalArgumentException(
          "a rule set has at most " + MAX_RULES + " rules, got " + rules.size());
    }
    Set<String> ids = new HashSet<>();
    for (Rule rule : rules) {
      if (!ids.add(rule.id())) {
        throw new IllegalArgumentException("rule id " + rule.id() + " appears twice");
      }
    }
  }
}
