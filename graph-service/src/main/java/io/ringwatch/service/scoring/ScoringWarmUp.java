package io.ringwatch.service.scoring;

import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.detectors.scoring.Scorer;
import io.ringwatch.gremlin.GraphQueries;
import io.ringwatch.gremlin.History;
import io.ringwatch.service.ingest.StoredEvents;
import io.ringwatch.service.stores.StoreWindowBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Rebuilds the in-memory scoring state at start-up (ADR 0013): the graph's recent history (the last
 * {@code window} of event time before the newest stored transaction, at most {@code maxEvents}
 * transactions) is replayed in event-time order through the scorer, whose decisions are discarded
 * (they were published when the events first arrived), and through the store windows. Each replayed
 * id is then remembered by the scorer, so a Kafka redelivery of an event already in the graph is
 * not counted twice.
 */
public final class ScoringWarmUp {

  /**
   * What the warm-up did.
   *
   * @param replayed transactions replayed
   * @param matched stored transactions read (before the count bound)
   * @param from event time of the first replayed transaction, null when none
   * @param to event time of the last replayed transaction, null when none
   * @param windowsPending store windows closed during the replay and published again
   * @param millis wall time spent
   */
  public record Result(
      int replayed, long matched, Instant from, Instant to, int windowsPending, long millis) {}

  private ScoringWarmUp() {}

  public static Result run(
      GraphQueries graph,
      Scorer scorer,
      StoreWindowBuffer windows,
      Duration window,
      int maxEvents) {
    long started = System.nanoTime();
    if (window.isZero() || window.isNegative() || maxEvents < 1) {
      return new Result(0, 0, null, null, 0, 0);
    }
    History history = graph.history(null, null, maxEvents, StoredEvents::decode);
    List<Transaction> events = history.events();
    if (events.isEmpty()) {
      return new Result(0, 0, null, null, 0, (System.nanoTime() - started) / 1_000_000);
    }
    Instant horizon = events.get(events.size() - 1).timestamp().minus(window);
    int replayed = 0;
    Instant first = null;
    for (Transaction t : events) {
      if (t.timestamp().isBefore(horizon)) {
        continue;
      }
      first = first == null ? t.timestamp() : first;
      scorer.score(t);
      windows.replay(t);
      replayed++;
    }
    int pending = windows.endReplay();
    return new Result(
        replayed,
        history.matched(),
        first,
        events.get(events.size() - 1).timestamp(),
        pending,
        (System.nanoTime() - started) / 1_000_000);
  }
}
