package io.ringwatch.detectors.stores;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringwatch.detectors.domain.Channel;
import io.ringwatch.detectors.domain.StoreDetails;
import io.ringwatch.detectors.domain.Transaction;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SuspiciousSaleWindowsTest {
  /** A window boundary: 10:00 is a multiple of five minutes since the epoch. */
  private static final Instant W0 = Instant.parse("2026-11-02T10:00:00Z");

  private final SuspiciousSaleWindows windows =
      new SuspiciousSaleWindows(Duration.ofMinutes(5), Duration.ofMinutes(1));

  private static Transaction sale(String id, String store, Instant at, int discount, boolean prio) {
    return Transaction.builder()
        .id(id)
        .account("cust-" + id)
        .amount("10.00")
        .timestamp(at)
        .channel(Channel.STORE)
        .store(
            new StoreDetails(
                store,
                StoreDetails.SALE_EVENT,
                BigDecimal.valueOf(discount),
                prio,
                false,
                null,
                null,
                1))
        .build();
  }

  private static Transaction suspicious(String id, String store, Instant at) {
    return sale(id, store, at, 60, true);
  }

  private static Transaction tick(Instant at) {
    return Transaction.builder().id("tick-" + at).account("x").amount("1").timestamp(at).build();
  }

  @Test
  void shouldRecogniseOnlyDiscountAboveFiftyWithPriorityShippingOnASale() {
    assertThat(SuspiciousSaleWindows.isSuspicious(sale("a", "S", W0, 51, true))).isTrue();
    assertThat(SuspiciousSaleWindows.isSuspicious(sale("b", "S", W0, 50, true))).isFalse();
    assertThat(SuspiciousSaleWindows.isSuspicious(sale("c", "S", W0, 90, false))).isFalse();
    assertThat(SuspiciousSaleWindows.isSuspicious(tick(W0))).isFalse();
  }

  @Test
  void shouldPutAnEventAtExactlyWindowEndIntoTheNextWindow() {
    windows.accept(suspicious("first", "S-1", W0));
    windows.accept(suspicious("last-ms", "S-1", W0.plus(Duration.ofMinutes(5)).minusMillis(1)));
    windows.accept(suspicious("at-end", "S-1", W0.plus(Duration.ofMinutes(5))));

    List<StoreWindow> closed = windows.flush();

    assertThat(closed).hasSize(2);
    assertThat(closed.get(0).windowStart()).isEqualTo(W0);
    assertThat(closed.get(0).windowEnd()).isEqualTo(W0.plus(Duration.ofMinutes(5)));
    assertThat(closed.get(0).ids()).containsExactly("first", "last-ms");
    assertThat(closed.get(1).windowStart()).isEqualTo(W0.plus(Duration.ofMinutes(5)));
    assertThat(closed.get(1).ids()).containsExactly("at-end");
  }

  @Test
  void shouldEmitAWindowWhenTheWatermarkPassesItsEndAndNotBefore() {
    assertThat(windows.accept(suspicious("s1", "S-1", W0.plusSeconds(10)))).isEmpty();
    assertThat(windows.accept(suspicious("s2", "S-2", W0.plusSeconds(20)))).isEmpty();
    // max event time 10:05:59.999 -> watermark 10:04:59.999: still open
    assertThat(windows.accept(tick(W0.plus(Duration.ofSeconds(359)).plusMillis(999)))).isEmpty();

    // max event time 10:06:00 -> watermark 10:05:00 = window end: both stores' windows close
    List<StoreWindow> closed = windows.accept(tick(W0.plus(Duration.ofMinutes(6))));

    assertThat(closed)
        .containsExactly(
            new StoreWindow("S-1", W0, W0.plus(Duration.ofMinutes(5)), List.of("s1")),
            new StoreWindow("S-2", W0, W0.plus(Duration.ofMinutes(5)), List.of("s2")));
    assertThat(windows.openWindows()).isZero();
    assertThat(windows.accept(tick(W0.plus(Duration.ofMinutes(7))))).isEmpty();
  }

  @Test
  void shouldAcceptAnEventWithinTheAllowedLatenessAndDropALaterOne() {
    windows.accept(suspicious("s1", "S-1", W0.plusSeconds(10)));
    windows.accept(tick(W0.plus(Duration.ofMinutes(5)).plusSeconds(30)));
    // 30 s late for a window that ended at 10:05: within the minute allowed
    windows.accept(suspicious("late-ok", "S-1", W0.plusSeconds(200)));

    List<StoreWindow> closed = windows.accept(tick(W0.plus(Duration.ofMinutes(6))));
    windows.accept(suspicious("too-late", "S-1", W0.plusSeconds(250)));

    assertThat(closed)
        .singleElement()
        .satisfies(w -> assertThat(w.ids()).containsExactly("s1", "late-ok"));
    assertThat(windows.lateEvents()).isEqualTo(1);
    assertThat(windows.flush()).isEmpty();
  }

  @Test
  void shouldKeepARedeliveredIdOnceInItsWindow() {
    windows.accept(suspicious("s1", "S-1", W0.plusSeconds(10)));
    windows.accept(suspicious("s1", "S-1", W0.plusSeconds(10)));

    assertThat(windows.flush())
        .singleElement()
        .satisfies(w -> assertThat(w.ids()).containsExactly("s1"));
  }

  @Test
  void shouldGroupStoredEventsAsTheStreamWouldHaveWithLateOnesIncluded() {
    List<Transaction> events = new ArrayList<>();
    events.add(suspicious("s1", "S-1", W0.plusSeconds(10)));
    events.add(tick(W0.plus(Duration.ofMinutes(7))));
    events.add(suspicious("too-late", "S-1", W0.plusSeconds(250)));
    events.add(suspicious("s2", "S-1", W0.plus(Duration.ofMinutes(5))));

    List<StoreWindow> grouped = SuspiciousSaleWindows.group(events, Duration.ofMinutes(5));

    assertThat(grouped).hasSize(2);
    assertThat(grouped.get(0).ids()).containsExactly("s1", "too-late");
    assertThat(grouped.get(1).ids()).containsExactly("s2");
  }

  @Test
  void shouldReconcileSuspiciousIdsWithTheFraudLaterConfirmed() {
    List<Transaction> events = new ArrayList<>();
    events.add(labelled(suspicious("s1", "S-1", W0.plusSeconds(10)), true));
    events.add(labelled(suspicious("s2", "S-1", W0.plusSeconds(20)), false));
    events.add(suspicious("s3", "S-1", W0.plusSeconds(30)));
    events.add(labelled(sale("missed", "S-1", W0.plusSeconds(40), 10, false), true));
    events.add(labelled(suspicious("other", "S-2", W0.plusSeconds(50)), true));

    List<WindowReconciliation> all = WindowReconciliation.of(events, Duration.ofMinutes(5), null);
    List<WindowReconciliation> s1 = WindowReconciliation.of(events, Duration.ofMinutes(5), "S-1");

    assertThat(all).hasSize(2);
    assertThat(s1)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.window().ids()).containsExactly("s1", "s2", "s3");
              assertThat(r.confirmedFraud()).containsExactly("s1");
              assertThat(r.notConfirmed()).containsExactly("s2", "s3");
              assertThat(r.missedFraud()).containsExactly("missed");
              assertThat(r.precision()).isEqualTo(1.0 / 3);
            });
  }

  private static Transaction labelled(Transaction t, boolean fraud) {
    return t.withFraudLabel(fraud);
  }
}
