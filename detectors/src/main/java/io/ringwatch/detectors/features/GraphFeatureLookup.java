package io.ringwatch.detectors.features;

import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.detectors.rings.Ring;
import java.util.Collection;

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

  /**
   * Called with the new state of every ring the tracker changed (and, at start-up, with the
   * restored rings), from the tracker's thread, so that an implementation fed from the event stream
   * knows which accounts are in an active ring and its score. Graph-backed implementations read
   * {@code member_of} edges instead and ignore it.
   */
  default void ringsChanged(Collection<Ring> rings) {}

  /** The graph features of {@code transaction}. */
  GraphFeatures lookup(Transaction transaction);
}
