package io.ringwatch.service.rest;

import io.ringwatch.detectors.rules.RuleCompileError;
import java.util.List;

/** A rule set that does not compile: answered 422 with every error, rule and position. */
public final class InvalidRules extends RuntimeException {
  private final List<RuleCompileError> errors;

  public InvalidRules(List<RuleCompileError> errors) {
    super(
        errors.get(0).describe()
            + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""),
        null,
        false,
        false);
    this.errors = List.copyOf(errors);
  }

  public List<RuleCompileError> errors() {
    return errors;
  }
}
