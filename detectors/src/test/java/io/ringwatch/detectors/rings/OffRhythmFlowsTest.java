package io.ringwatch.detectors.rings;

import static io.ringwatch.detectors.rings.FraudGraphs.T0;
import static io.ringwatch.detectors.rings.FraudGraphs.transfer;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringwatch.detectors.domain.AccountId;
import io.ringwatch.detectors.domain.Transaction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OffRhythmFlowsTest {
  private static final Instant MONDAY = Instant.parse("2026-01-05T00:00:00Z");

  private final RingTracker tracker =
      new RingTracker(
          new AccountProjection(ProjectionSettings.defaults()),
          TrackerSettings.defaults(),
          Clock.fixed(T0, ZoneOffset.UTC));

  private static Instant day(int n) {
    return MONDAY.plus(Duration.ofDays(n));
  }

  /** 40 accounts each paying one of 10 payees every week on their own weekday, for 20 weeks. */
  private static List<Transaction> weeklyPayers() {
    List<Transaction> txs = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      for (int week = 0; week < 20; week++) {
        txs.add(transfer("pay-" + i, "payee-" + (i % 10), "500.00", day(week * 7 + i % 7), false));
      }
    }
    return txs;
  }

  private List<Ring> laundering() {
    return tracker.rings().stream()
        .filter(r -> r.isActive() && r.kind() == RingKind.LAUNDERING)
        .sorted(Comparator.comparing(r -> r.memberIds().size()))
        .toList();
  }

  private static Set<AccountId> ids(String... values) {
    return java.util.Arrays.stream(values).map(AccountId::of).collect(Collectors.toSet());
  }

  @Test
  void shouldReportAFanInOfOneOffSendersAndACycleAmongRoutinePayers() {
    // given routine weekly payers, a collector (one of them) paid once each by five new accounts
    // over three months, a four-account cycle within a week, and a routine payer paying once off
    // its weekday
    List<Transaction> txs = new ArrayList<>(weeklyPayers());
    for (int i = 1; i <= 5; i++) {
      txs.add(transfer("src-" + i, "pay-0", "180.00", day(10 + 20 * i), false));
    }
    txs.add(transfer("c-1", "c-2", "150.00", day(60), false));
    txs.add(transfer("c-2", "c-3", "150.00", day(61), false));
    txs.add(transfer("c-3", "c-4", "150.00", day(63), false));
    txs.add(transfer("c-4", "c-1", "150.00", day(65), false));
    txs.add(transfer("pay-3", "payee-7", "300.00", day(46), false));
    txs.sort(Comparator.comparing(Transaction::timestamp));

    // when
    tracker.accept(txs);
    tracker.reclusterDirty();

    // then
    List<Ring> rings = laundering();
    assertThat(rings).hasSize(2);
    Ring cycle = rings.get(0);
    assertThat(cycle.memberIds()).isEqualTo(ids("c-1", "c-2", "c-3", "c-4"));
    assertThat(cycle.evidence().signals()).containsKey("offRhythm.cycle");
    assertThat(cycle.score()).isGreaterThanOrEqualTo(0.5);
    Ring fanIn = rings.get(1);
    assertThat(fanIn.memberIds())
        .isEqualTo(ids("src-1", "src-2", "src-3", "src-4", "src-5", "pay-0"));
    assertThat(fanIn.evidence().signals()).containsKey("offRhythm.fanIn");
    assertThat(fanIn.members())
        .filteredOn(m -> m.account().equals(AccountId.of("pay-0")))
        .extracting(Membership::role)
        .containsExactly(MemberRole.MULE);
    assertThat(fanIn.evidence().transfers()).hasSize(5);
    assertThat(rings)
        .flatExtracting(Ring::memberIds)
        .doesNotContain(AccountId.of("pay-3"), AccountId.of("payee-7"));
  }

  @Test
  void shouldPutARoutinePayerInTheFanInWhenItPaysTheCollectorOnItsUsualDayBesideItsRoutine() {
    // given the fan-in of five new accounts into pay-0, and routine payer pay-5 paying pay-0 on
    // its usual weekday, the same day as its routine payment to payee-5
    List<Transaction> txs = new ArrayList<>(weeklyPayers());
    for (int i = 1; i <= 5; i++) {
      txs.add(transfer("src-" + i, "pay-0", "180.00", day(10 + 20 * i), false));
    }
    txs.add(transfer("pay-5", "pay-0", "250.00", day(9 * 7 + 5), false));
    txs.sort(Comparator.comparing(Transaction::timestamp));

    // when
    tracker.accept(txs);
    tracker.reclusterDirty();

    // then of the day's two transfers, the one to the collector joins the fan-in
    assertThat(laundering())
        .singleElement()
        .satisfies(
            ring ->
                assertThat(ring.memberIds())
                    .isEqualTo(ids("src-1", "src-2", "src-3", "src-4", "src-5", "pay-5", "pay-0")));
  }

  @Test
  void shouldReportNothingWherePaymentsHaveNoRoutine() {
    // given the same fan-in and cycle among accounts that never pay on a rhythm
    List<Transaction> txs = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      txs.add(transfer("any-" + i, "any-" + ((i * 7 + 3) % 200), "90.00", day(i % 97), false));
    }
    for (int i = 1; i <= 5; i++) {
      txs.add(transfer("src-" + i, "mule", "180.00", day(10 + 20 * i), false));
    }
    txs.add(transfer("c-1", "c-2", "150.00", day(60), false));
    txs.add(transfer("c-2", "c-3", "150.00", day(61), false));
    txs.add(transfer("c-3", "c-1", "150.00", day(63), false));
    txs.sort(Comparator.comparing(Transaction::timestamp));

    // when
    tracker.accept(txs);
    tracker.reclusterDirty();

    // then a departure from routine means nothing without routine
    assertThat(laundering()).isEmpty();
  }

  @Test
  void shouldFindAnEarlyCycleOnceThePopulationTurnsOutToBeRoutine() {
    // given a cycle among new accounts in the first days, before anyone has a routine
    tracker.accept(
        List.of(
            transfer("c-1", "c-2", "150.00", day(1), false),
            transfer("c-2", "c-3", "150.00", day(2), false),
            transfer("c-3", "c-1", "150.00", day(3), false)));
    tracker.reclusterDirty();
    assertThat(laundering()).isEmpty();

    // when the weekly payers' routine shows, without the cycle's accounts changing again
    tracker.accept(weeklyPayers());
    tracker.reclusterDirty();

    // then
    assertThat(laundering())
        .singleElement()
        .satisfies(ring -> assertThat(ring.memberIds()).isEqualTo(ids("c-1", "c-2", "c-3")));
  }

  @Test
  void shouldTellRegularOffRhythmExcessAndUnestablishedSends() {
    SendRhythm rhythm = new SendRhythm();
    assertThat(rhythm.classify(day(0))).isEqualTo(SendRhythm.Regularity.UNESTABLISHED);
    for (int week = 0; week < 10; week++) {
      rhythm.record(day(week * 7 + 2));
    }
    rhythm.record(day(33));
    rhythm.record(day(44));
    rhythm.record(day(44));

    assertThat(rhythm.established()).isTrue();
    assertThat(rhythm.classify(day(30))).isEqualTo(SendRhythm.Regularity.REGULAR);
    assertThat(rhythm.classify(day(33))).isEqualTo(SendRhythm.Regularity.OFF_RHYTHM);
    assertThat(rhythm.classify(day(44))).isEqualTo(SendRhythm.Regularity.EXCESS);

    SendRhythm burst = new SendRhythm();
    for (int d = 0; d < 18; d++) {
      burst.record(day(d));
      burst.record(day(d));
    }
    assertThat(burst.established()).isFalse();
    assertThat(burst.classify(day(5))).isEqualTo(SendRhythm.Regularity.UNESTABLISHED);
  }
}
