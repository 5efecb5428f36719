package io.ringwatch.detectors.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.jexl3.JexlException;
import org.apache.commons.jexl3.JexlScript;

/**
 * A {@link RuleSet} whose expressions are compiled and ready to evaluate. Immutable and
 * thread-safe: a rule-set swap replaces the whole object, so an event is always evaluated against
 * exactly one version. Cost: one expression evaluation per rule.
 */
public final class CompiledRuleSet {
  private static final Comparator<RuleHit> DECIDING_FIRST =
      Comparator.comparingInt(RuleHit::priority).thenComparing(RuleHit::outcome).reversed();

  private final RuleSet source;
  private final List<JexlScript> scripts;

  CompiledRuleSet(RuleSet source, List<JexlScript> scripts) {
    this.source = source;
    this.scripts = List.copyOf(scripts);
  }

  public RuleSet source() {
    return source;
  }

  public long version() {
    return source.version();
  }

  /** Evaluates every rule against {@code variables}. */
  public RuleEvaluation evaluate(RuleVariables variables) {
    List<RuleHit> hits = new ArrayList<>(2);
    List<String> errors = List.of();
    List<Rule> rules = source.rules();
    for (int i = 0; i < rules.size(); i++) {
      Rule rule = rules.get(i);
      Object result;
      try {
        result = scripts.get(i).execute(variables);
      } catch (JexlException | ArithmeticException e) {
        errors = add(errors, rule.id() + ": " + e.getMessage());
        continue;
      }
      if (result instanceof Boolean fired) {
        if (fired) {
          hits.add(new RuleHit(rule.id(), rule.outcome(), rule.priority()));
        }
      } else {
        errors = add(errors, rule.id() + ": expression is not boolean, it gave " + result);
      }
    }
    hits.sort(DECIDING_FIRST);
    Outcome outcome = hits.isEmpty() ? Outcome.APPROVE : hits.get(0).outcome();
    return new RuleEvaluation(outcome, hits, errors, source.version());
  }

  private static List<String> add(List<String> errors, String error) {
    List<String> more = errors.isEmpty() ? new ArrayList<>(1) : errors;
    more.add(error);
    return more;
  }
}
