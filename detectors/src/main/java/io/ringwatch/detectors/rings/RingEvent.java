package io.ringwatch.detectors.rings;

import io.ringwatch.detectors.domain.AccountId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A change in a ring's life, published as a ring alert.
 *
 * @param type what happened
 * @param ring the ring after the change
 * @param related the other rings involved (merged into or from, split parts), sorted
 * @param added accounts that joined in this change
 * @param removed accounts that left in this change
 * @param at when the tracker saw the change
 */
public record RingEvent(
    RingEventType type,
    Ring ring,
    List<RingId> related,
    Set<AccountId> added,
    Set<AccountId> removed,
    Instant at) {
  public RingEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(ring, "ring");
    related = related.stream().sorted().toList();
    added = java.util.Collections.unmodifiableSet(new TreeSet<>(added));
    removed = java.util.Collections.unmodifiableSet(new TreeSet<>(removed));
    Objects.requireNonNull(at, "at");
  }
}
