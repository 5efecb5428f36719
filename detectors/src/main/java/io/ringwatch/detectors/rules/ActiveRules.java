package io.ringwatch.detectors.rules;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The rule set in force, replaceable at run time. A replacement is compiled first and swapped in
 * atomically: every event is evaluated against the set it read at its start, so no event is lost or
 * evaluated twice across a swap, and a set that does not compile never becomes active. Keeps the
 * last {@code historyLimit} changes with who made them and when. Thread-safe.
 */
public final class ActiveRules {
  private final RuleCompiler compiler;
  private final AtomicReference<CompiledRuleSet> current = new AtomicReference<>();
  private final Deque<RuleChange> history = new ArrayDeque<>();
  private final int historyLimit;

  /**
   * @throws IllegalArgumentException when {@code initial} does not compile
   */
  public ActiveRules(
      RuleCompiler compiler, RuleSet initial, String user, Instant at, int historyLimit) {
    this.compiler = Objects.requireNonNull(compiler, "compiler");
    if (historyLimit < 1) {
      throw new IllegalArgumentException("historyLimit must be at least 1");
    }
    this.historyLimit = historyLimit;
    RuleCompilation compiled = compiler.compile(initial);
    if (compiled instanceof RuleCompilation.Failed failed) {
      throw new IllegalArgumentException(
          "initial rule set does not compile: " + failed.errors().get(0).describe());
    }
    current.set(((RuleCompilation.Compiled) compiled).rules());
    history.addLast(new RuleChange(initial, user, at));
  }

  /** The rule set in force. */
  public CompiledRuleSet current() {
    return current.get();
  }

  /**
   * Compiles {@code rules} as the next version and, when every rule compiles, makes it the active
   * set. Returns the compilation: {@link RuleCompilation.Failed} leaves the active set unchanged.
   */
  public synchronized RuleCompilation replace(List<Rule> rules, String user, Instant at) {
    RuleSet next = new RuleSet(current.get().version() + 1, rules);
    RuleCompilation compiled = compiler.compile(next);
    if (compiled instanceof RuleCompilation.Compiled ok) {
      current.set(ok.rules());
      history.addLast(new RuleChange(next, user, at));
      while (history.size() > historyLimit) {
        history.removeFirst();
      }
    }
    return compiled;
  }

  /** The remembered changes, oldest first. */
  public synchronized List<RuleChange> history() {
    return List.copyOf(history);
  }
}
