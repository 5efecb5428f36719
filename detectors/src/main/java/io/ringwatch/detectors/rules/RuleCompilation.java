package io.ringwatch.detectors.rules;

import java.util.List;
import java.util.Objects;

/** The result of compiling a rule set: usable, or the errors of every rule that did not compile. */
public sealed interface RuleCompilation permits RuleCompilation.Compiled, RuleCompilation.Failed {

  /** Every rule compiled. */
  record Compiled(CompiledRuleSet rules) implements RuleCompilation {
    public Compiled {
      Objects.requireNonNull(rules, "rules");
    }
  }

  /** At least one rule did not compile; nothing of the set is usable. */
  record Failed(List<RuleCompileError> errors) implements RuleCompilation {
    public Failed {
      errors = List.copyOf(errors);
      if (errors.isEmpty()) {
        throw new IllegalArgumentException("a failed compilation has at least one error");
      }
    }
  }
}
