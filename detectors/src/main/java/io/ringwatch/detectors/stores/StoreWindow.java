package io.ringwatch.detectors.stores;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The suspicious sale events of one store in one tumbling event-time window {@code [windowStart,
 * windowEnd)}.
 *
 * @param storeId the store
 * @param windowStart first instant of the window (inclusive)
 * @param windowEnd end of the window (exclusive: an event at exactly {@code windowEnd} belongs to
 *     the next window)
 * @param ids the suspicious events' transaction ids, in the order they arrived, each once
 */
public record StoreWindow(
    String storeId, Instant windowStart, Instant windowEnd, List<String> ids) {
  public StoreWindow {
    Objects.requireNonNull(storeId, "storeId");
    Objects.requireNonNull(windowStart, "windowStart");
    Objects.requireNonNull(windowEnd, "windowEnd");
    if (!windowStart.isBefore(windowEnd)) {
      throw new IllegalArgumentException("a window ends after it starts");
    }
    ids = List.copyOf(ids);
  }
}
