package io.ringwatch.detectors.rings;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringwatch.detectors.domain.AccountId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rings restored from a graph written under another clock. */
class RingTrackerRestoreTest {

  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  @Test
  void shouldDissolveARestoredRingWhoseMembershipsStartAfterThisClock() {
    // given a stored ring whose members joined "tomorrow" (the writer's clock ran ahead), and a
    // projection in which they no longer form a ring
    Instant tomorrow = NOW.plusSeconds(86_400);
    Ring stored =
        new Ring(
            RingId.of("ring-000001"),
            RingKind.COMMUNITY,
            RingStatus.ACTIVE,
            0.9,
            List.of(
                new Membership(AccountId.of("a1"), MemberRole.MEMBER, tomorrow, null),
                new Membership(AccountId.of("a2"), MemberRole.MEMBER, tomorrow, null)),
            List.of(),
            tomorrow,
            tomorrow,
            RingEvidence.none());
    AccountProjection projection = new AccountProjection(ProjectionSettings.defaults());
    projection.addActivity("t1", AccountId.of("a1"), NOW, false);
    projection.addActivity("t2", AccountId.of("a2"), NOW, false);
    RingTracker tracker =
        new RingTracker(projection, TrackerSettings.defaults(), Clock.fixed(NOW, ZoneOffset.UTC));
    tracker.restore(List.of(stored));

    // when the first pass after the restart re-clusters
    List<RingEvent> events = tracker.reclusterDirty();

    // then the ring is dissolved instead of the pass failing, its memberships ended at their start
    assertThat(events).singleElement().satisfies(e -> assertThat(e.ring().isActive()).isFalse());
    assertThat(tracker.ring(RingId.of("ring-000001")).orElseThrow().former())
        .extracting(Membership::until)
        .containsOnly(tomorrow);
  }
}
