package io.ringwatch.detectors.features;

import io.ringwatch.detectors.domain.Transaction;

/**
 * Port: the graph questions the scorer asks about an event. Implementations answer from memory or
 * from the graph's caches, never with a per-event round trip to storage (the hot path's budget is
 * microseconds). {@link InMemoryGraphFeatures} learns from the scored events themselves; a
 * graph-backed implementation lives in {@code gremlin/}.
 */
public interface GraphFeatureLookup {

  /**
   * Called once per accepted event, before {@link #lookup}, so that an implementation fed from the
   * event stream can learn the event's identifiers. Graph-backed implementations ignore it.
   */
  default void observe(Transaction transaction) {}

  /** The graph features of {@code transaction}. */
  GraphFeatures lookup(Transaction transaction);
}
