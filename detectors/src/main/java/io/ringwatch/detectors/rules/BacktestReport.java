package io.ringwatch.detectors.rules;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link Backtest} found: per rule set (candidate and active) the hits per rule and the
 * precision and recall of its flags against the labels, and the difference between the two.
 *
 * @param replayed distinct events replayed (warm-up included)
 * @param counted events counted and compared (those from {@code countFrom} on)
 * @param labelled counted events with a fraud label
 * @param positives counted events labelled fraud
 * @param firstEventTime event time of the first counted event, null when none was counted
 * @param lastEventTime event time of the last counted event, null when none was counted
 * @param modelVersion the model that gave the insight scores
 * @param candidate the candidate rule set's result
 * @param active the active rule set's result
 * @param transitions how many events went from each active outcome (outer key) to each candidate
 *     outcome (inner key); every pair is present
 * @param newlyFlagged events the candidate flags (REVIEW/BLOCK) and the active set approves
 * @param noLongerFlagged events the active set flags and the candidate approves
 * @param newlyFlaggedSample the first ids of {@code newlyFlagged}, in event-time order
 * @param noLongerFlaggedSample the first ids of {@code noLongerFlagged}, in event-time order
 */
public record BacktestReport(
    long replayed,
    long counted,
    long labelled,
    long positives,
    Instant firstEventTime,
    Instant lastEventTime,
    String modelVersion,
    RuleSetResult candidate,
    RuleSetResult active,
    Map<Outcome, Map<Outcome, Long>> transitions,
    long newlyFlagged,
    long noLongerFlagged,
    List<String> newlyFlaggedSample,
    List<String> noLongerFlaggedSample) {

  public BacktestReport {
    Objects.requireNonNull(candidate, "candidate");
    Objects.requireNonNull(active, "active");
    Map<Outcome, Map<Outcome, Long>> copy = new EnumMap<>(Outcome.class);
    transitions.forEach((from, row) -> copy.put(from, Map.copyOf(row)));
    transitions = Map.copyOf(copy);
    newlyFlaggedSample = List.copyOf(newlyFlaggedSample);
    noLongerFlaggedSample = List.copyOf(noLongerFlaggedSample);
  }

  /** Events whose outcome differs between the two rule sets. */
  public long changed() {
    long changed = 0;
    for (Map.Entry<Outcome, Map<Outcome, Long>> row : transitions.entrySet()) {
      for (Map.Entry<Outcome, Long> cell : row.getValue().entrySet()) {
        changed += row.getKey() == cell.getKey() ? 0 : cell.getValue();
      }
    }
    return changed;
  }

  /**
   * One rule set's result.
   *
   * @param version the rule set's version
   * @param flagged counted events it flags (REVIEW or BLOCK)
   * @param outcomes counted events per outcome; every outcome is present
   * @param quality its flags against the labels
   * @param rules per rule, in the set's order
   * @param eventsWithErrors events on which at least one rule failed at run time
   */
  public record RuleSetResult(
      long version,
      long flagged,
      Map<Outcome, Long> outcomes,
      Quality quality,
      List<RuleResult> rules,
      long eventsWithErrors) {
    public RuleSetResult {
      outcomes = Map.copyOf(outcomes);
      rules = List.copyOf(rules);
    }
  }

  /**
   * Flags against labels, over the labelled events.
   *
   * @param precision flagged fraud / flagged; null when nothing labelled was flagged
   * @param recall flagged fraud / fraud; null when no event is labelled fraud
   */
  public record Quality(
      long truePositives,
      long falsePositives,
      long falseNegatives,
      long trueNegatives,
      Double precision,
      Double recall) {}

  /**
   * One rule's hits.
   *
   * @param hits counted events on which the rule fired
   * @param decidingHits hits where the rule was the deciding one (highest priority)
   * @param fraudHits hits on events labelled fraud
   * @param precision fraud hits / labelled hits; null without labelled hits
   * @param recall fraud hits / events labelled fraud; null without such events
   */
  public record RuleResult(
      String ruleId,
      Outcome outcome,
      int priority,
      long hits,
      long decidingHits,
      long fraudHits,
      Double precision,
      Double recall) {}
}
