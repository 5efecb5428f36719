package io.ringwatch.gremlin;

import io.ringwatch.detectors.domain.Transaction;
import java.util.List;

/**
 * Stored transactions read back for a replay, in event-time order (then by id).
 *
 * @param events the newest {@code limit} transactions that matched, oldest first
 * @param matched how many stored transactions matched before the limit was applied
 * @param fromEdgeOnly how many transactions read had no stored event and were rebuilt from the
 *     edge's own properties (no device, IP, location or store fields: written before ADR 0012)
 */
public record History(List<Transaction> events, long matched, long fromEdgeOnly) {
  public History {
    events = List.copyOf(events);
  }

  /** True when more transactions matched than were returned. */
  public boolean truncated() {
    return matched > events.size();
  }
}
