package io.ringwatch.service.stores;

import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.detectors.stores.StoreWindow;
import io.ringwatch.detectors.stores.SuspiciousSaleWindows;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The live store windows and the closed ones not yet on the {@code store-windows} topic. Stored
 * transactions are folded in after their graph commit; the Kafka listener publishes the pending
 * windows before it acknowledges its batch, and a window leaves the buffer only once it is on the
 * broker, so a failed send is retried with the redelivered batch. Thread-safe.
 */
public final class StoreWindowBuffer {
  private final SuspiciousSaleWindows windows;
  private final Duration size;
  private final List<StoreWindow> pending = new ArrayList<>();
  private final List<StoreWindow> closedInReplay = new ArrayList<>();

  public StoreWindowBuffer(Duration size, Duration allowedLateness) {
    this.windows = new SuspiciousSaleWindows(size, allowedLateness);
    this.size = size;
  }

  /** Folds stored transactions in; the windows they close become pending. */
  public synchronized void accept(List<Transaction> committed) {
    for (Transaction t : committed) {
      pending.addAll(windows.accept(t));
    }
  }

  /** Folds a transaction of the start-up replay in (ADR 0013); nothing becomes pending. */
  public synchronized void replay(Transaction t) {
    closedInReplay.addAll(windows.accept(t));
  }

  /**
   * Ends the start-up replay: the windows it closed within one window length of its final watermark
   * become pending again (their emission may have been cut short by the stop; consumers
   * de-duplicate on store id and window start), the older ones were emitted before the stop.
   */
  public synchronized int endReplay() {
    Instant watermark = windows.currentWatermark();
    int again = 0;
    if (watermark != null) {
      Instant horizon = watermark.minus(size);
      for (StoreWindow w : closedInReplay) {
        if (!w.windowEnd().isBefore(horizon)) {
          pending.add(w);
          again++;
        }
      }
    }
    closedInReplay.clear();
    return again;
  }

  /** The closed windows not yet published, oldest first. */
  public synchronized List<StoreWindow> pending() {
    return List.copyOf(pending);
  }

  /** Forgets {@code published}, now on the broker. */
  public synchronized void published(List<StoreWindow> published) {
    pending.removeAll(published);
  }

  /** Suspicious events dropped as late. */
  public synchronized long lateEvents() {
    return windows.lateEvents();
  }

  public Duration size() {
    return size;
  }
}
