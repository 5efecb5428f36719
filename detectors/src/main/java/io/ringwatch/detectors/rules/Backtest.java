package io.ringwatch.detectors.rules;

import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.detectors.domain.TransactionId;
import io.ringwatch.detectors.features.FeatureExtractor;
import io.ringwatch.detectors.features.FeatureVector;
import io.ringwatch.detectors.model.Model;
import io.ringwatch.detectors.model.ModelScore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Replays labelled events through a candidate rule set and the active one, before anyone publishes
 * the candidate. The events are sorted by event time (then id) and each is featurised once by a
 * fresh {@link FeatureExtractor} and scored once by the {@link Model}; both rule sets are evaluated
 * over the same feature vector and insight score, so every difference in the report comes from the
 * rules alone. A transaction id seen twice is replayed once (as the {@code Scorer} does).
 *
 * <p>Events before {@code countFrom} only warm the feature state: they are neither counted nor
 * compared (in production the state is warm, and a cold start would blame the rules for it).
 *
 * <p>Precision and recall are measured on the counted events that carry a fraud label; flagged
 * means REVIEW or BLOCK. Cost: one feature extraction, one model score and two rule-set evaluations
 * per event, plus an O(n log n) sort; memory O(n) for the sorted copy and O(sample) for the report.
 */
public final class Backtest {
  /** Ids listed per direction of change when no other sample size is given. */
  public static final int DEFAULT_SAMPLE = 20;

  private static final Comparator<Transaction> EVENT_TIME_ORDER =
      Comparator.comparing(Transaction::timestamp).thenComparing(t -> t.id().value());

  private final FeatureExtractor features;
  private final Model model;
  private final CompiledRuleSet candidate;
  private final CompiledRuleSet active;
  private final Instant countFrom;
  private final int sample;

  /**
   * @param features a fresh extractor: its state is consumed by the replay
   * @param model the model in force
   * @param candidate the rule set under test
   * @param active the rule set it would replace
   * @param countFrom events before this only warm the state; null counts every event
   * @param sample ids listed per direction of change (newly flagged, no longer flagged), 0–1000
   */
  public Backtest(
      FeatureExtractor features,
      Model model,
      CompiledRuleSet candidate,
      CompiledRuleSet active,
      Instant countFrom,
      int sample) {
    this.features = Objects.requireNonNull(features, "features");
    this.model = Objects.requireNonNull(model, "model");
    this.candidate = Objects.requireNonNull(candidate, "candidate");
    this.active = Objects.requireNonNull(active, "active");
    if (sample < 0 || sample > 1000) {
      throw new IllegalArgumentException("sample must be in 0..1000, was " + sample);
    }
    this.countFrom = countFrom;
    this.sample = sample;
  }

  /** Replays {@code events} (any order) and reports. */
  public BacktestReport run(List<Transaction> events) {
    List<Transaction> ordered = new ArrayList<>(events);
    ordered.sort(EVENT_TIME_ORDER);
    Tally candidateTally = new Tally(candidate);
    Tally activeTally = new Tally(active);
    Map<Outcome, Map<Outcome, Long>> transitions = new EnumMap<>(Outcome.class);
    for (Outcome from : Outcome.values()) {
      Map<Outcome, Long> row = new EnumMap<>(Outcome.class);
      for (Outcome to : Outcome.values()) {
        row.put(to, 0L);
      }
      transitions.put(from, row);
    }
    List<String> newlyFlagged = new ArrayList<>();
    List<String> noLongerFlagged = new ArrayList<>();
    long newlyFlaggedCount = 0;
    long noLongerFlaggedCount = 0;
    long replayed = 0;
    long counted = 0;
    Instant first = null;
    Instant last = null;
    Set<TransactionId> seen = new HashSet<>();
    for (Transaction t : ordered) {
      if (!seen.add(t.id())) {
        continue;
      }
      replayed++;
      FeatureVector vector = features.extract(t);
      if (countFrom != null && t.timestamp().isBefore(countFrom)) {
        continue;
      }
      ModelScore score = model.score(vector);
      RuleVariables variables = new RuleVariables(t, vector, score.insightScore());
      RuleEvaluation byCandidate = candidate.evaluate(variables);
      RuleEvaluation byActive = active.evaluate(variables);
      Boolean label = t.fraudLabel();
      candidateTally.add(byCandidate, label);
      activeTally.add(byActive, label);
      transitions.get(byActive.outcome()).merge(byCandidate.outcome(), 1L, Long::sum);
      boolean was = byActive.outcome().isAlert();
      boolean now = byCandidate.outcome().isAlert();
      if (now && !was) {
        newlyFlaggedCount++;
        if (newlyFlagged.size() < sample) {
          newlyFlagged.add(t.id().value());
        }
      } else if (was && !now) {
        noLongerFlaggedCount++;
        if (noLongerFlagged.size() < sample) {
          noLongerFlagged.add(t.id().value());
        }
      }
      counted++;
      first = first == null ? t.timestamp() : first;
      last = t.timestamp();
    }
    return new BacktestReport(
        replayed,
        counted,
        candidateTally.labelled,
        candidateTally.positives,
        first,
        last,
        model.version(),
        candidateTally.summary(),
        activeTally.summary(),
        transitions,
        newlyFlaggedCount,
        noLongerFlaggedCount,
        newlyFlagged,
        noLongerFlagged);
  }

  /** Counts for one rule set. */
  private static final class Tally {
    final CompiledRuleSet rules;
    final Map<String, long[]> perRule = new LinkedHashMap<>();
    final Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
    long labelled;
    long positives;
    long truePositives;
    long falsePositives;
    long flagged;
    long errors;

    Tally(CompiledRuleSet rules) {
      this.rules = rules;
      for (Rule rule : rules.source().rules()) {
        // hits, labelled hits, fraud hits, deciding hits
        perRule.put(rule.id(), new long[4]);
      }
      for (Outcome outcome : Outcome.values()) {
        outcomes.put(outcome, 0L);
      }
    }

    void add(RuleEvaluation evaluation, Boolean label) {
      outcomes.merge(evaluation.outcome(), 1L, Long::sum);
      boolean alert = evaluation.outcome().isAlert();
      flagged += alert ? 1 : 0;
      errors += evaluation.errors().isEmpty() ? 0 : 1;
      boolean deciding = true;
      for (RuleHit hit : evaluation.hits()) {
        long[] counts = perRule.get(hit.ruleId());
        counts[0]++;
        if (label != null) {
          counts[1]++;
          counts[2] += label ? 1 : 0;
        }
        counts[3] += deciding ? 1 : 0;
        deciding = false;
      }
      if (label != null) {
        labelled++;
        positives += label ? 1 : 0;
        if (alert) {
          truePositives += label ? 1 : 0;
          falsePositives += label ? 0 : 1;
        }
      }
    }

    BacktestReport.RuleSetResult summary() {
      List<BacktestReport.RuleResult> results = new ArrayList<>();
      for (Rule rule : rules.source().rules()) {
        long[] c = perRule.get(rule.id());
        results.add(
            new BacktestReport.RuleResult(
                rule.id(),
                rule.outcome(),
                rule.priority(),
                c[0],
                c[3],
                c[2],
                ratio(c[2], c[1]),
                ratio(c[2], positives)));
      }
      return new BacktestReport.RuleSetResult(
          rules.version(),
          flagged,
          outcomes,
          new BacktestReport.Quality(
              truePositives,
              falsePositives,
              positives - truePositives,
              labelled - positives - falsePositives,
              ratio(truePositives, truePositives + falsePositives),
              ratio(truePositives, positives)),
          results,
          errors);
    }
  }

  /** {@code a / b}, or null when {@code b} is 0 (undefined rather than a misleading 0). */
  static Double ratio(long a, long b) {
    return b == 0 ? null : (double) a / b;
  }
}
