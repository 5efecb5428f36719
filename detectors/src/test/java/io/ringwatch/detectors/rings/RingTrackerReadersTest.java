package io.ringwatch.detectors.rings;

import static io.ringwatch.detectors.rings.FraudGraphs.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringwatch.detectors.domain.AccountId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The rings' readers answer while a re-clustering pass holds the tracker (no wait on it). */
class RingTrackerReadersTest {

  /** A clock that, once armed, stops the pass that asks it the time until released. */
  private static final class GateClock extends Clock {
    volatile CountDownLatch entered;
    volatile CountDownLatch release;

    @Override
    public Instant instant() {
      CountDownLatch gate = release;
      if (gate != null) {
        entered.countDown();
        try {
          gate.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return T0;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  @Test
  void shouldAnswerFromTheLastPassWhileTheNextOneRuns() throws Exception {
    GateClock clock = new GateClock();
    RingTracker tracker =
        new RingTracker(
            new AccountProjection(ProjectionSettings.defaults()),
            TrackerSettings.defaults(),
            clock);
    tracker.accept(deviceRing("A", "dev-a", 6));
    tracker.reclusterDirty();
    Ring first = tracker.ringsOf(AccountId.of("A-1")).get(0);
    assertThat(tracker.history(first.id())).hasSize(1);

    // the next pass (another ring arrived) stops inside, holding the tracker
    tracker.accept(deviceRing("B", "dev-b", 6));
    clock.entered = new CountDownLatch(1);
    clock.release = new CountDownLatch(1);
    CompletableFuture<List<RingEvent>> pass =
        CompletableFuture.supplyAsync(tracker::reclusterDirty);
    assertThat(clock.entered.await(10, TimeUnit.SECONDS)).isTrue();

    // readers: the rings as of the last pass, at once
    CompletableFuture<List<Ring>> read =
        CompletableFuture.supplyAsync(() -> tracker.ringsOf(AccountId.of("A-1")));
    assertThat(read.get(5, TimeUnit.SECONDS)).containsExactly(first);
    assertThat(tracker.ring(first.id())).contains(first);
    assertThat(tracker.rings()).containsExactly(first);
    assertThat(tracker.ringsOf(AccountId.of("B-1"))).isEmpty();
    assertThat(tracker.history(first.id())).hasSize(1);
    // the projection cannot be read without the lock: "busy" instead of a wait
    assertThat(tracker.knowsUnlessBusy(AccountId.of("A-1"))).isEmpty();

    clock.release.countDown();
    clock.release = null;
    List<RingEvent> events = pass.get(10, TimeUnit.SECONDS);
    assertThat(events).extracting(RingEvent::type).contains(RingEventType.NEW);

    // published after the pass
    assertThat(tracker.ringsOf(AccountId.of("B-1"))).hasSize(1);
    assertThat(tracker.rings()).hasSize(2);
    assertThat(tracker.knowsUnlessBusy(AccountId.of("B-1"))).contains(true);
    assertThat(tracker.knowsUnlessBusy(AccountId.of("nobody"))).contains(false);
  }

  @Test
  void shouldPublishRestoredRingsAtOnce() {
    RingTracker live =
        new RingTracker(
            new AccountProjection(ProjectionSettings.defaults()),
            TrackerSettings.defaults(),
            Clock.fixed(T0, ZoneOffset.UTC));
    live.accept(deviceRing("A", "dev-a", 6));
    live.reclusterDirty();

    RingTracker restarted =
        new RingTracker(
            new AccountProjection(ProjectionSettings.defaults()),
            TrackerSettings.defaults(),
            Clock.fixed(T0, ZoneOffset.UTC));
    restarted.restore(live.rings());

    assertThat(restarted.rings()).isEqualTo(live.rings());
    assertThat(restarted.ringsOf(AccountId.of("A-3"))).isEqualTo(live.ringsOf(AccountId.of("A-3")));
  }
}
