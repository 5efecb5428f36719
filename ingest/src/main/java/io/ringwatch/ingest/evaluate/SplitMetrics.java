package io.ringwatch.ingest.evaluate;

import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.detectors.domain.TransactionId;
import io.ringwatch.detectors.model.RankingMetrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How well an evaluation's scores rank the events after its time split: every event later than the
 * last labelled one (all events without labels) that a truth file labels. Computed after the replay
 * from its scores alone; the truth never reaches the detectors or the model.
 *
 * @param from event time of the first event measured
 * @param to event time of the last event measured
 * @param events events measured
 * @param positives frauds among them
 * @param rocAuc ROC AUC
 * @param prAuc PR AUC (average precision)
 * @param recallAt1PercentFpr recall at a false-positive rate of at most 1%
 * @param afterSplit true when a model was trained, so that these are the events after its split
 */
public record SplitMetrics(
    Instant from,
    Instant to,
    int events,
    int positives,
    double rocAuc,
    double prAuc,
    double recallAt1PercentFpr,
    boolean afterSplit) {

  /**
   * The metrics of {@code result}'s scores on the events of {@code events} after the split that
   * {@code truth} labels, or null when none are.
   */
  public static SplitMetrics of(
      Evaluation.Result result, List<Transaction> events, Map<TransactionId, Boolean> truth) {
    Instant split = result.training() == null ? Instant.MIN : result.training().lastLabelledEvent();
    List<Double> scores = new ArrayList<>();
    List<Boolean> labels = new ArrayList<>();
    Instant from = null;
    Instant to = null;
    for (Transaction event : events) {
      Boolean label = truth.get(event.id());
      Integer score = result.scores().get(event.id());
      if (label == null || score == null || !event.timestamp().isAfter(split)) {
        continue;
      }
      scores.add((double) score);
      labels.add(label);
      from = from == null || event.timestamp().isBefore(from) ? event.timestamp() : from;
      to = to == null || event.timestamp().isAfter(to) ? event.timestamp() : to;
    }
    if (scores.isEmpty()) {
      return null;
    }
    double[] s = new double[scores.size()];
    boolean[] y = new boolean[scores.size()];
    for (int i = 0; i < s.length; i++) {
      s[i] = scores.get(i);
      y[i] = labels.get(i);
    }
    RankingMetrics ranking = RankingMetrics.of(s, y);
    return new SplitMetrics(
        from,
        to,
        ranking.n(),
        ranking.positives(),
        ranking.rocAuc(),
        ranking.prAuc(),
        RankingMetrics.recallAtFalsePositiveRate(s, y, 0.01),
        result.training() != null);
  }
}
