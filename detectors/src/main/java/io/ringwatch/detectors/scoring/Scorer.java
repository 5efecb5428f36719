package io.ringwatch.detectors.scoring;

import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.detectors.domain.TransactionId;
import io.ringwatch.detectors.features.FeatureExtractor;
import io.ringwatch.detectors.features.FeatureVector;
import io.ringwatch.detectors.model.Model;
import io.ringwatch.detectors.model.ModelScore;
import io.ringwatch.detectors.rules.ActiveRules;
import io.ringwatch.detectors.rules.CompiledRuleSet;
import io.ringwatch.detectors.rules.RuleEvaluation;
import io.ringwatch.detectors.rules.RuleVariables;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Scores transactions: features (updating their state), then the model, then the active rules, into
 * a {@link Decision}.
 *
 * <p><b>Exactly-once state updates.</b> The scorer remembers the decisions of the last {@code
 * seenCapacity} transaction ids. A transaction whose id it has scored is answered with the same
 * decision and changes no state, so a Kafka redelivery or a repeated {@code POST /detect} never
 * counts twice in the windows. A replay older than that memory (or after a restart, when the state
 * itself was rebuilt from nothing) is scored again: the state then does not hold the first scoring
 * either, so it is still counted once.
 *
 * <p>Thread-safe by one lock: the feature state is single-threaded like the graph writer, and
 * scoring costs microseconds. Run one scorer per key range.
 */
public final class Scorer {
  private static final int TOP_REASONS = 3;

  private final FeatureExtractor features;
  private final Supplier<Model> model;
  private final ActiveRules rules;
  private final Clock clock;
  private final RecentDecisions seen;

  /**
   * @param model the model in force, read once per event (so that a reload takes effect between two
   *     events)
   * @param seenCapacity decisions remembered for de-duplication and {@link #recent}
   */
  public Scorer(
      FeatureExtractor features,
      Supplier<Model> model,
      ActiveRules rules,
      Clock clock,
      int seenCapacity) {
    this.features = Objects.requireNonNull(features, "features");
    this.model = Objects.requireNonNull(model, "model");
    this.rules = Objects.requireNonNull(rules, "rules");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (seenCapacity < 1) {
      throw new IllegalArgumentException("seenCapacity must be at least 1, was " + seenCapacity);
    }
    this.seen = new RecentDecisions(seenCapacity);
  }

  /** The decision on {@code t}; the remembered one when {@code t}'s id was scored already. */
  public synchronized Decision score(Transaction t) {
    Decision known = seen.get(t.id());
    if (known != null) {
      return known;
    }
    long start = System.nanoTime();
    // Read by the model and the rules within this call and kept by neither (Model's contract).
    FeatureVector vector = features.extractTransient(t);
    Model m = model.get();
    ModelScore score = m.score(vector);
    CompiledRuleSet active = rules.current();
    RuleEvaluation evaluation = active.evaluate(new RuleVariables(t, vector, score.insightScore()));
    long latency = System.nanoTime() - start;
    Decision decision =
        new Decision(
            t.id(),
            t.account(),
            evaluation.outcome(),
            score.insightScore(),
            evaluation.hits(),
            score.topReasons(TOP_REASONS),
            evaluation.errors(),
            m.version(),
            evaluation.ruleSetVersion(),
            t.timestamp(),
            clock.instant(),
            latency);
    seen.add(decision);
    return decision;
  }

  /**
   * Counts {@code t} in the feature state as {@link #score} would, but remembers {@code decided}
   * (taken on {@code t} earlier, by this process before a restart) instead of scoring it again, so
   * that the event is counted once and keeps the decision it was answered with. An id already
   * remembered changes nothing and keeps its remembered decision, which is returned.
   *
   * @throws IllegalArgumentException when {@code decided} is not a decision on {@code t}
   */
  public synchronized Decision remember(Transaction t, Decision decided) {
    if (!decided.eventId().equals(t.id())) {
      throw new IllegalArgumentException(
          "decision on " + decided.eventId() + " given for transaction " + t.id());
    }
    Decision known = seen.get(t.id());
    if (known != null) {
      return known;
    }
    features.extractTransient(t);
    seen.add(decided);
    return decided;
  }

  /** The decision on {@code id} if it is among the remembered ones. */
  public synchronized Optional<Decision> recent(TransactionId id) {
    return Optional.ofNullable(seen.get(id));
  }

  /** Keys held by the feature state. */
  public synchronized int stateKeys() {
    return features.keys();
  }
}
