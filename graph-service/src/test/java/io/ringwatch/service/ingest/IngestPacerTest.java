package io.ringwatch.service.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IngestPacerTest {
  private static final long MS = 1_000_000L;
  private static final long S = 1_000_000_000L;

  private final IngestPacer pacer = new IngestPacer(3, 200, 50_000, 2_000 * MS);

  @Test
  void shouldPauseThreeTimesTheBatchWhileDetectIsBusy() {
    assertThat(pacer.pauseNanos(100 * MS, 200, 0)).isEqualTo(300 * MS);
    assertThat(pacer.pauseNanos(100 * MS, 2_000, 49_999)).isEqualTo(300 * MS);
  }

  @Test
  void shouldNotPauseWhileDetectIsQuiet() {
    assertThat(pacer.pauseNanos(100 * MS, 199, 0)).isZero();
    assertThat(pacer.pauseNanos(100 * MS, 0, 10_000)).isZero();
  }

  @Test
  void shouldRunFlatOutOnceTooManyAnswersAwaitTheirCommit() {
    assertThat(pacer.pauseNanos(100 * MS, 2_000, 50_000)).isZero();
  }

  @Test
  void shouldBoundEveryPause() {
    assertThat(pacer.pauseNanos(5 * S, 2_000, 0)).isEqualTo(2_000 * MS);
  }

  @Test
  void shouldNeverPauseWithAYieldFactorOfZero() {
    assertThat(new IngestPacer(0, 1, 50_000, S).pauseNanos(100 * MS, 2_000, 0)).isZero();
  }

  @Test
  void shouldRefuseNegativeSettings() {
    assertThatThrownBy(() -> new IngestPacer(-1, 200, 10, S))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new IngestPacer(1, 0, 10, S))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldCountRequestsOfTheLastFullSecond() {
    IngestPacer.Rate rate = new IngestPacer.Rate();
    long t = 1_000 * S;
    for (int i = 0; i < 250; i++) {
      rate.hit(t + i * (S / 250));
    }
    // during that second: what it has counted so far
    assertThat(rate.perSecond(t + S - 1)).isEqualTo(250);
    // the next second, before any request in it: the last full second
    assertThat(rate.perSecond(t + S + S / 2)).isEqualTo(250);
    rate.hit(t + S + S / 2);
    assertThat(rate.perSecond(t + S + S / 2)).isEqualTo(250);
    // two seconds later, nothing recent
    assertThat(rate.perSecond(t + 3 * S + 1)).isZero();
  }

  @Test
  void shouldForgetASecondThatSawNoRequests() {
    IngestPacer.Rate rate = new IngestPacer.Rate();
    long t = 50 * S;
    for (int i = 0; i < 300; i++) {
      rate.hit(t);
    }
    rate.hit(t + 2 * S); // a quiet second in between
    assertThat(rate.perSecond(t + 2 * S + 1)).isEqualTo(1);
  }
}
