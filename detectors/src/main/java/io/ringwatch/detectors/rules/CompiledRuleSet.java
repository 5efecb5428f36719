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
  private final Rule[] rules;
  private final RuleHit[] hitOf;
  private final FastRule.Bool[] fast;

  CompiledRuleSet(RuleSet source, List<JexlScript> scripts) {
    this.source = source;
    this.scripts = List.copyOf(scripts);
    this.rules = source.rules().toArray(new Rule[0]);
    this.hitOf = new RuleHit[rules.length];
    this.fast = new FastRule.Bool[rules.length];
    for (int i = 0; i < rules.length; i++) {
      hitOf[i] = new RuleHit(rules[i].id(), rules[i].outcome(), rules[i].priority());
      fast[i] = FastRule.compile(rules[i].expression());
    }
  }

  /** How many rules bypass the JEXL interpreter ({@link FastRule}); for tests and diagnostics. */
  public int directlyEvaluated() {
    int n = 0;
    for (FastRule.Bool f : fast) {
      n += f == null ? 0 : 1;
    }
    return n;
  }

  public RuleSet source() {
    return source;
  }

  public long version() {
    return source.version();
  }

  /** Evaluates every rule against {@code variables}. */
  public RuleEvaluation evaluate(RuleVariables variables) {
    return evaluate(variables, true);
  }

  /** Evaluates with JEXL alone when {@code direct} is false: tests compare the two paths. */
  RuleEvaluation evaluate(RuleVariables variables, boolean direct) {
    // Most events fire no rule: the list is made at the first hit.
    List<RuleHit> hits = List.of();
    List<String> errors = List.of();
    for (int i = 0; i < rules.length; i++) {
      Rule rule = rules[i];
      if (direct && fast[i] != null) {
        if (fast[i].test(variables)) {
          hits = add(hits, hitOf[i]);
        }
        continue;
      }
      Object result;
      try {
        result = scripts.get(i).execute(variables);
      } catch (JexlException | ArithmeticException e) {
        errors = add(errors, rule.id() + ": " + e.getMessage());
        continue;
      }
      if (result instanceof Boolean fired) {
        if (fired) {
          hits = add(hits, hitOf[i]);
        }
      } else {
        errors = add(errors, rule.id() + ": expression is not boolean, it gave " + result);
      }
    }
    if (hits.size() > 1) {
      hits.sort(DECIDING_FIRST);
    }
    Outcome outcome = hits.isEmpty() ? Outcome.APPROVE : hits.get(0).outcome();
    return new RuleEvaluation(outcome, hits, errors, source.version());
  }

  /** {@code list} with {@code element} added: a new mutable list in place of the empty one. */
  private static <T> List<T> add(List<T> list, T element) {
    List<T> more = list.isEmpty() ? new ArrayList<>(2) : list;
    more.add(element);
    return more;
  }
}
