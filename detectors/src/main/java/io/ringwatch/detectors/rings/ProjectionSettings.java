package io.ringwatch.detectors.rings;

import java.time.Duration;
import java.util.Objects;

/**
 * How the {@link AccountProjection} weighs links and bounds its memory.
 *
 * @param degreeCap an identifier used by more accounts than this links nobody (public IPs, shared
 *     terminals); at least 2
 * @param transferWeight weight of a link between two accounts that transferred money, positive
 * @param transfersPerPair transfers remembered per ordered pair of accounts (the newest), at least
 *     1
 * @param rememberedTransactionIds transaction ids remembered to ignore replays, at least 1
 * @param retention accounts idle for longer are evicted by {@link AccountProjection#evictIdle}
 */
public record ProjectionSettings(
    int degreeCap,
    double transferWeight,
    int transfersPerPair,
    int rememberedTransactionIds,
    Duration retention) {

  public ProjectionSettings {
    if (degreeCap < 2) {
      throw new IllegalArgumentException("degree cap must be at least 2, was " + degreeCap);
    }
    if (!(transferWeight > 0) || Double.isInfinite(transferWeight)) {
      throw new IllegalArgumentException("transfer weight must be positive, was " + transferWeight);
    }
    if (transfersPerPair < 1) {
      throw new IllegalArgumentException("transfers per pair must be at least 1");
    }
    if (rememberedTransactionIds < 1) {
      throw new IllegalArgumentException("remembered transaction ids must be at least 1");
    }
    Objects.requireNonNull(retention, "retention");
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("retention must be positive, was " + retention);
    }
  }

  /** Cap 50, transfer weight 1, 8 transfers per pair, 200,000 ids, 90 days of retention. */
  public static ProjectionSettings defaults() {
    return new ProjectionSettings(50, 1.0, 8, 200_000, Duration.ofDays(90));
  }

  public ProjectionSettings withDegreeCap(int value) {
    return new ProjectionSettings(
        value, transferWeight, transfersPerPair, rememberedTransactionIds, retention);
  }

  public ProjectionSettings withRetention(Duration value) {
    return new ProjectionSettings(
        degreeCap, transferWeight, transfersPerPair, rememberedTransactionIds, value);
  }
}
