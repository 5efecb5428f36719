package io.ringwatch.ingest.evaluate;

import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.detectors.features.GraphFeatureLookup;
import io.ringwatch.detectors.rings.AccountProjection;
import io.ringwatch.detectors.rings.ProjectionSettings;
import io.ringwatch.detectors.rings.RingEvent;
import io.ringwatch.detectors.rings.RingTracker;
import io.ringwatch.detectors.rings.TrackerSettings;
import io.ringwatch.detectors.scoring.Decision;
import io.ringwatch.detectors.time.EventTimeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Drives a {@link RingTracker} through a replay as the service does: transactions reach it in
 * batches of the ingest batch size with their decisions' risk ({@link
 * RingTracker#reportDecisions}), dirty components are re-clustered when the tracker's threshold is
 * reached or every {@code reclusterEvery} of event time (the service's scheduler), and every
 * changed ring is handed to the scorer's graph features ({@link GraphFeatureLookup#ringsChanged},
 * the service's {@code RingService}), so ring-membership features see what the service's would. Not
 * thread-safe.
 */
final class RingReplay {
  private final RingTracker tracker;
  private final GraphFeatureLookup features;
  private final Duration reclusterEvery;
  private final int batchSize;
  private final List<Transaction> batch;
  private final List<Decision> decisions;
  private Instant nextRecluster;
  private int reclusterings;
  private long ringEvents;

  RingReplay(
      EventTimeClock clock,
      GraphFeatureLookup features,
      Duration reclusterEvery,
      int batchSize,
      long seed) {
    this.tracker =
        new RingTracker(
            new AccountProjection(ProjectionSettings.defaults()),
            TrackerSettings.defaults().withSeed(seed),
            clock);
    this.features = Objects.requireNonNull(features, "features");
    this.reclusterEvery = Objects.requireNonNull(reclusterEvery, "reclusterEvery");
    this.batchSize = batchSize;
    this.batch = new ArrayList<>(batchSize);
    this.decisions = new ArrayList<>(batchSize);
    this.nextRecluster = clock.instant().plus(reclusterEvery);
  }

  /**
   * Folds one event (scored already, at event time {@code now}) into the tracker.
   *
   * @param decision the event's decision, or null in a pass without a model
   */
  void add(Transaction event, Decision decision, Instant now) {
    batch.add(event);
    if (decision != null) {
      decisions.add(decision);
    }
    if (batch.size() >= batchSize) {
      flush();
    }
    if (tracker.thresholdReached() || !now.isBefore(nextRecluster)) {
      flush();
      recluster();
      nextRecluster = now.plus(reclusterEvery);
    }
  }

  /** Hands over the last batch and re-clusters what is still dirty. */
  void finish() {
    flush();
    recluster();
  }

  RingTracker tracker() {
    return tracker;
  }

  int reclusterings() {
    return reclusterings;
  }

  long ringEvents() {
    return ringEvents;
  }

  private void flush() {
    tracker.accept(batch);
    tracker.reportDecisions(decisions);
    batch.clear();
    decisions.clear();
  }

  private void recluster() {
    List<RingEvent> events = tracker.reclusterDirty();
    if (!events.isEmpty()) {
      features.ringsChanged(events.stream().map(RingEvent::ring).toList());
    }
    ringEvents += events.size();
    reclusterings++;
  }
}
