package io.ringwatch.service.scoring;

import io.ringwatch.detectors.domain.TransactionId;
import io.ringwatch.detectors.features.KnownOutcome;
import io.ringwatch.detectors.features.KnownOutcomes;
import io.ringwatch.detectors.rings.RingTracker;
import io.ringwatch.gremlin.LabelWriter;
import io.ringwatch.gremlin.RingwatchGraph;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Confirmed outcomes learnt after the fact (chargebacks, analysts' verdicts) reach everything that
 * learns from labels: the transaction's edge in the graph ({@code fraudLabel}: ring rebuilds,
 * backtests, store-window reconciliation), the ring tracker (fraud-labelled members raise a ring's
 * score at the next re-clustering) and the label-fed features ({@link KnownOutcomes}, ADR 0018),
 * which apply an outcome only once the scoring clock passes the moment it became known: now, or
 * just after the event for an event stamped in the future.
 */
@ApplicationScoped
public class LabelFeedback {
  /** What a batch of labels did. */
  public record Result(int applied, int unchanged, List<String> unknown) {}

  private final LabelWriter writer;
  private final RingTracker rings;
  private final KnownOutcomes outcomes;
  private final Clock clock;

  public LabelFeedback(RingwatchGraph graph, RingTracker rings, KnownOutcomes outcomes) {
    this.writer = graph.labelWriter();
    this.rings = rings;
    this.outcomes = outcomes;
    this.clock = Clock.systemUTC();
  }

  /** Applies each label in order (a later one for the same event wins). */
  public Result apply(List<Map.Entry<TransactionId, Boolean>> labels) {
    int applied = 0;
    int unchanged = 0;
    List<String> unknown = new ArrayList<>();
    for (Map.Entry<TransactionId, Boolean> label : labels) {
      Optional<LabelWriter.Labelled> done = writer.label(label.getKey(), label.getValue());
      if (done.isEmpty()) {
        unknown.add(label.getKey().value());
        continue;
      }
      LabelWriter.Labelled l = done.get();
      if (!l.changed()) {
        unchanged++;
        continue;
      }
      applied++;
      rings.reportLabel(l.account(), l.previous(), l.fraud());
      Instant now = clock.instant();
      Instant knownAt = now.isAfter(l.eventTime()) ? now : l.eventTime().plusMillis(1);
      outcomes.offer(
          new KnownOutcome(
              l.transaction(),
              l.account(),
              l.card(),
              l.merchant(),
              l.eventTime(),
              l.fraud(),
              knownAt));
    }
    return new Result(applied, unchanged, List.copyOf(unknown));
  }
}
