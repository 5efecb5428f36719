package io.ringwatch.detectors.rings;

import io.ringwatch.detectors.domain.AccountId;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One entry of a ring's history: a {@link RingEvent} without the full ring, as it is stored in the
 * graph and listed by {@code GET /rings/{id}/history}.
 *
 * @param ring the ring that changed
 * @param type what happened
 * @param at when the tracker saw it
 * @param score the ring's score after the change
 * @param members how many members the ring had after the change
 * @param related the other rings involved, sorted
 * @param added accounts that joined, sorted
 * @param removed accounts that left, sorted
 */
public record RingChange(
    RingId ring,
    RingEventType type,
    Instant at,
    double score,
    int members,
    List<RingId> related,
    Set<AccountId> added,
    Set<AccountId> removed) {
  public RingChange {
    Objects.requireNonNull(ring, "ring");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(at, "at");
    related = related.stream().sorted().toList();
    added = Collections.unmodifiableSet(new TreeSet<>(added));
    removed = Collections.unmodifiableSet(new TreeSet<>(removed));
  }

  public static RingChange of(RingEvent event) {
    return new RingChange(
        event.ring().id(),
        event.type(),
        event.at(),
        event.ring().score(),
        event.ring().members().size(),
        event.related(),
        event.added(),
        event.removed());
  }

  /**
   * Whether this is the same change as {@code other} at millisecond precision (what the graph
   * stores of the time).
   */
  public boolean sameAs(RingChange other) {
    return ring.equals(other.ring)
        && type == other.type
        && at.toEpochMilli() == other.at.toEpochMilli();
  }
}
