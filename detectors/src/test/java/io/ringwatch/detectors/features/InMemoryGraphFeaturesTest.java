package io.ringwatch.detectors.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringwatch.detectors.domain.AccountId;
import io.ringwatch.detectors.domain.DeviceId;
import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.detectors.rings.MemberRole;
import io.ringwatch.detectors.rings.Membership;
import io.ringwatch.detectors.rings.Ring;
import io.ringwatch.detectors.rings.RingEvidence;
import io.ringwatch.detectors.rings.RingId;
import io.ringwatch.detectors.rings.RingKind;
import io.ringwatch.detectors.rings.RingStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ring membership as the ring tracker reports it, seen through the per-event graph features. */
class InMemoryGraphFeaturesTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  private final InMemoryGraphFeatures features = new InMemoryGraphFeatures(1000, 100);

  @Test
  void shouldFollowRingsAsTheyFormShrinkOverlapAndDissolve() {
    // given in ring r1 (0.7), A-2 also in ring r2 (0.9)
    features.ringsChanged(
        List.of(
            ring("r1", RingStatus.ACTIVE, 0.7, "A-1", "A-2"),
            ring("r2", RingStatus.ACTIVE, 0.9, "A-2", "A-3")));
    assertThat(ringScoreOfCounterparty("A-1")).isEqualTo(0.7);
    assertThat(ringScoreOfCounterparty("A-2")).isEqualTo(0.9);

    // when r2 dissolves and r1 shrinks to A-2 alone
    features.ringsChanged(
        List.of(ring("r2", RingStatus.DISSOLVED, 0.9), ring("r1", RingStatus.ACTIVE, 0.7, "A-2")));

    // then are in no ring and A-2 keeps r1's score
    assertThat(lookupPayingTo("A-1").counterpartyInRing()).isFalse();
    assertThat(lookupPayingTo("A-3").counterpartyInRing()).isFalse();
    assertThat(ringScoreOfCounterparty("A-2")).isEqualTo(0.7);

    // when r1 is merged away
    features.ringsChanged(List.of(ring("r1", RingStatus.MERGED, 0.7, "A-2")));

    // then nobody is in a ring any more
    assertThat(lookupPayingTo("A-2").counterpartyInRing()).isFalse();
    assertThat(lookupPayingTo("A-2").ringScore()).isZero();
  }

  @Test
  void shouldSeeADeviceMateOfARingMemberReportedByTheTracker() {
    features.observe(pay("A-1", "A-9").device(DeviceId.of("dev-1")).build());
    features.ringsChanged(List.of(ring("r1", RingStatus.ACTIVE, 0.8, "A-1", "A-5")));

    GraphFeatures mate = features.lookup(pay("A-2", "A-9").device(DeviceId.of("dev-1")).build());

    assertThat(mate.deviceMateInRing()).isTrue();
    assertThat(mate.ringScore()).isEqualTo(0.8);
  }

  private double ringScoreOfCounterparty(String account) {
    GraphFeatures f = lookupPayingTo(account);
    assertThat(f.counterpartyInRing()).isTrue();
    return f.ringScore();
  }

  private GraphFeatures lookupPayingTo(String account) {
    return features.lookup(pay("Z-1", account).build());
  }

  private static int counter;

  private static Transaction.Builder pay(String from, String to) {
    return Transaction.builder()
        .id("t-" + (++counter))
        .account(from)
        .counterparty(AccountId.of(to))
        .amount("10.00")
        .timestamp(T0.plusSeconds(counter));
  }

  private static Ring ring(String id, RingStatus status, double score, String... members) {
    List<Membership> current =
        status == RingStatus.ACTIVE
            ? List.of(members).stream()
                .map(a -> new Membership(AccountId.of(a), MemberRole.MEMBER, T0, null))
                .toList()
            : List.of();
    List<Membership> former =
        status == RingStatus.ACTIVE
            ? List.of()
            : List.of(members).stream()
                .map(a -> new Membership(AccountId.of(a), MemberRole.MEMBER, T0, T0))
                .toList();
    return new Ring(
        RingId.of(id),
        RingKind.COMMUNITY,
        status,
        score,
        current,
        former,
        T0,
        T0,
        RingEvidence.none());
  }
}
