package io.ringwatch.detectors.stores;

import io.ringwatch.detectors.domain.Transaction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * One store window's suspicious events set against what was later confirmed: the fraud labels now
 * stored on the transactions. Built by {@link #of} from stored transactions.
 *
 * @param window the window as the stream would have emitted it (late events included)
 * @param confirmedFraud suspicious ids labelled fraud
 * @param notConfirmed suspicious ids labelled not fraud, or without a label yet
 * @param missedFraud the store's sale events in the window labelled fraud that were not suspicious
 */
public record WindowReconciliation(
    StoreWindow window,
    List<String> confirmedFraud,
    List<String> notConfirmed,
    List<String> missedFraud) {
  public WindowReconciliation {
    Objects.requireNonNull(window, "window");
    confirmedFraud = List.copyOf(confirmedFraud);
    notConfirmed = List.copyOf(notConfirmed);
    missedFraud = List.copyOf(missedFraud);
  }

  /** Share of the window's suspicious ids confirmed as fraud. */
  public double precision() {
    return window.ids().isEmpty() ? 0 : (double) confirmedFraud.size() / window.ids().size();
  }

  /**
   * The reconciliation of every window of {@code events} (optionally of one store) that holds a
   * suspicious event or a missed fraud, by window start then store. Cost: O(n log n).
   *
   * @param store only this store, or null for all
   */
  public static List<WindowReconciliation> of(
      List<Transaction> events, Duration size, String store) {
    Map<String, Boolean> labels = new HashMap<>();
    // missed fraud: labelled fraud, in a store, not suspicious; keyed like the windows
    Map<String, TreeSet<String>> missed = new LinkedHashMap<>();
    long millis = size.toMillis();
    for (Transaction t : events) {
      labels.put(t.id().value(), t.fraudLabel());
      if (t.store() != null
          && t.store().storeId() != null
          && (store == null || store.equals(t.store().storeId()))
          && Boolean.TRUE.equals(t.fraudLabel())
          && !SuspiciousSaleWindows.isSuspicious(t)) {
        long start = SuspiciousSaleWindows.windowStart(t.timestamp().toEpochMilli(), millis);
        missed
            .computeIfAbsent(key(t.store().storeId(), start), k -> new TreeSet<>())
            .add(t.id().value());
      }
    }
    List<WindowReconciliation> result = new ArrayList<>();
    for (StoreWindow window : SuspiciousSaleWindows.group(events, size)) {
      if (store != null && !store.equals(window.storeId())) {
        continue;
      }
      List<String> confirmed = new ArrayList<>();
      List<String> not = new ArrayList<>();
      for (String id : window.ids()) {
        (Boolean.TRUE.equals(labels.get(id)) ? confirmed : not).add(id);
      }
      TreeSet<String> missing =
          missed.remove(key(window.storeId(), window.windowStart().toEpochMilli()));
      result.add(
          new WindowReconciliation(
              window, confirmed, not, missing == null ? List.of() : List.copyOf(missing)));
    }
    // windows with missed fraud only
    missed.forEach(
        (key, ids) -> {
          int bar = key.lastIndexOf('|');
          long start = Long.parseLong(key.substring(bar + 1));
          result.add(
              new WindowReconciliation(
                  new StoreWindow(
                      key.substring(0, bar),
                      Instant.ofEpochMilli(start),
                      Instant.ofEpochMilli(start + millis),
                      List.of()),
                  List.of(),
                  List.of(),
                  List.copyOf(ids)));
        });
    result.sort(
        java.util.Comparator.comparing((WindowReconciliation r) -> r.window().windowStart())
            .thenComparing(r -> r.window().storeId()));
    return result;
  }

  private static String key(String store, long start) {
    return store + "|" + start;
  }
}
