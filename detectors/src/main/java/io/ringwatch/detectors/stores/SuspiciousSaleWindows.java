package io.ringwatch.detectors.stores;

import io.ringwatch.detectors.domain.StoreDetails;
import io.ringwatch.detectors.domain.Transaction;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Per store, tumbling event-time windows of the ids of suspicious sale events ({@link
 * #isSuspicious}: a {@code sale_event} with discount above 50% and priority shipping), each window
 * emitted once when it closes.
 *
 * <p><b>Event time and lateness.</b> Windows are aligned on the epoch: {@code [k·size,
 * (k+1)·size)}. The watermark is the largest event time seen (of any event, suspicious or not)
 * minus {@code allowedLateness}; a window closes, and is returned by {@link #accept}, as soon as
 * the watermark reaches its end. A suspicious event whose window has already closed is late: it is
 * dropped from the stream (counted by {@link #lateEvents}) and appears only in a recomputation from
 * the stored transactions ({@link #group}). An event whose id is already in its open window is not
 * added again (a redelivery).
 *
 * <p>Cost: O(log w) per event for {@code w} open windows; memory O(open windows + their ids). Open
 * windows span at most {@code allowedLateness + size} of event time per store. Not thread-safe.
 */
public final class SuspiciousSaleWindows {
  /** The window: five minutes. */
  public static final Duration DEFAULT_SIZE = Duration.ofMinutes(5);

  /** Default allowed lateness: one minute of event-time disorder (see ADR 0013). */
  public static final Duration DEFAULT_LATENESS = Duration.ofMinutes(1);

  private static final BigDecimal FIFTY = BigDecimal.valueOf(50);
  private static final Comparator<StoreWindow> EMISSION_ORDER =
      Comparator.comparing(StoreWindow::windowEnd).thenComparing(StoreWindow::storeId);

  private final long size;
  private final long lateness;

  /** Open windows by end, then store: the earliest end closes first. */
  private final TreeMap<Long, Map<String, Set<String>>> open = new TreeMap<>();

  private long maxEventTime = Long.MIN_VALUE;
  private long lateEvents;

  public SuspiciousSaleWindows(Duration size, Duration allowedLateness) {
    Objects.requireNonNull(size, "size");
    Objects.requireNonNull(allowedLateness, "allowedLateness");
    if (size.toMillis() < 1 || allowedLateness.isNegative()) {
      throw new IllegalArgumentException("need size >= 1 ms and allowedLateness >= 0");
    }
    this.size = size.toMillis();
    this.lateness = allowedLateness.toMillis();
  }

  /** Whether {@code t} is a suspicious sale: discount above 50 and priority shipping. */
  public static boolean isSuspicious(Transaction t) {
    StoreDetails store = t.store();
    return store != null
        && store.isSale()
        && store.storeId() != null
        && store.discount() != null
        && store.discount().compareTo(FIFTY) > 0
        && Boolean.TRUE.equals(store.priorityShipping());
  }

  /**
   * Folds {@code t} in (any event advances the watermark; a suspicious sale joins its store's
   * window) and returns the windows that closed, by end then store.
   */
  public List<StoreWindow> accept(Transaction t) {
    long at = t.timestamp().toEpochMilli();
    maxEventTime = Math.max(maxEventTime, at);
    if (isSuspicious(t)) {
      long end = windowStart(at, size) + size;
      if (end <= watermark()) {
        lateEvents++;
      } else {
        open.computeIfAbsent(end, e -> new HashMap<>())
            .computeIfAbsent(t.store().storeId(), s -> new LinkedHashSet<>())
            .add(t.id().value());
      }
    }
    return closeUpTo(watermark());
  }

  /** Closes and returns every open window (at shutdown, or at the end of a finite replay). */
  public List<StoreWindow> flush() {
    return closeUpTo(Long.MAX_VALUE);
  }

  /** The current watermark, or null before the first event. */
  public Instant currentWatermark() {
    return maxEventTime == Long.MIN_VALUE ? null : Instant.ofEpochMilli(watermark());
  }

  /** Suspicious events dropped because their window had closed. */
  public long lateEvents() {
    return lateEvents;
  }

  /** Windows currently open, over every store. */
  public int openWindows() {
    int n = 0;
    for (Map<String, Set<String>> byStore : open.values()) {
      n += byStore.size();
    }
    return n;
  }

  private long watermark() {
    return maxEventTime == Long.MIN_VALUE ? Long.MIN_VALUE : maxEventTime - lateness;
  }

  private List<StoreWindow> closeUpTo(long watermark) {
    List<StoreWindow> closed = new ArrayList<>();
    Iterator<Map.Entry<Long, Map<String, Set<String>>>> it = open.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<Long, Map<String, Set<String>>> entry = it.next();
      if (entry.getKey() > watermark) {
        break;
      }
      Instant end = Instant.ofEpochMilli(entry.getKey());
      Instant start = Instant.ofEpochMilli(entry.getKey() - size);
      entry
          .getValue()
          .forEach(
              (store, ids) -> closed.add(new StoreWindow(store, start, end, List.copyOf(ids))));
      it.remove();
    }
    closed.sort(EMISSION_ORDER);
    return closed;
  }

  /**
   * The windows of {@code events} regardless of arrival order or lateness: what the stream would
   * have emitted had nothing been late. For reconciliation from the stored transactions. Ids in
   * each window are in event-time order (then by id); windows by start, then store.
   */
  public static List<StoreWindow> group(List<Transaction> events, Duration size) {
    long millis = size.toMillis();
    List<Transaction> suspicious = new ArrayList<>();
    for (Transaction t : events) {
      if (isSuspicious(t)) {
        suspicious.add(t);
      }
    }
    suspicious.sort(
        Comparator.comparing(Transaction::timestamp).thenComparing(t -> t.id().value()));
    TreeMap<Long, TreeMap<String, Set<String>>> windows = new TreeMap<>();
    for (Transaction t : suspicious) {
      long start = windowStart(t.timestamp().toEpochMilli(), millis);
      windows
          .computeIfAbsent(start, s -> new TreeMap<>())
          .computeIfAbsent(t.store().storeId(), s -> new LinkedHashSet<>())
          .add(t.id().value());
    }
    List<StoreWindow> result = new ArrayList<>();
    windows.forEach(
        (start, byStore) ->
            byStore.forEach(
                (store, ids) ->
                    result.add(
                        new StoreWindow(
                            store,
                            Instant.ofEpochMilli(start),
                            Instant.ofEpochMilli(start + millis),
                            List.copyOf(ids)))));
    return result;
  }

  /**
   * Start of the window holding {@code at}: floor to a multiple of {@code size} (epoch-aligned).
   */
  static long windowStart(long at, long size) {
    return Math.floorDiv(at, size) * size;
  }
}
