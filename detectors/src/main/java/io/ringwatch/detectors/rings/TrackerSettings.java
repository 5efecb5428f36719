package io.ringwatch.detectors.rings;

import java.time.Duration;
import java.util.Objects;

/**
 * How the {@link RingTracker} clusters, scores and matches rings.
 *
 * @param resolution γ of the constant Potts model: a community must be denser than this (ADR 0006)
 * @param scoreThreshold communities and patterns scoring at least this are rings, 0–1
 * @param minRingSize fewest members of a ring, at least 2
 * @param dirtyThreshold re-cluster as soon as this many accounts are dirty, at least 1
 * @param loopWindow a transfer loop's transfers all lie within this window
 * @param maxLoopLength longest loop searched, 3..12
 * @param maxLoopExpansions bound on the loop search's steps per component
 * @param fanMin fewest distinct counterparties of a fan-in or fan-out within {@code loopWindow}
 * @param seed seed of the clustering's randomness
 * @param historyLimit events kept per ring
 */
public record TrackerSettings(
    double resolution,
    double scoreThreshold,
    int minRingSize,
    int dirtyThreshold,
    Duration loopWindow,
    int maxLoopLength,
    int maxLoopExpansions,
    int fanMin,
    long seed,
    int historyLimit) {

  public TrackerSettings {
    if (!(resolution > 0) || Double.isInfinite(resolution)) {
      throw new IllegalArgumentException("resolution must be positive, was " + resolution);
    }
    if (!(scoreThreshold >= 0 && scoreThreshold <= 1)) {
      throw new IllegalArgumentException("score threshold must be within 0..1");
    }
    if (minRingSize < 2) {
      throw new IllegalArgumentException("minimum ring size must be at least 2");
    }
    if (dirtyThreshold < 1) {
      throw new IllegalArgumentException("dirty threshold must be at least 1");
    }
    Objects.requireNonNull(loopWindow, "loopWindow");
    if (loopWindow.isNegative() || loopWindow.isZero()) {
      throw new IllegalArgumentException("loop window must be positive");
    }
    if (maxLoopLength < 3 || maxLoopLength > 12) {
      throw new IllegalArgumentException("maximum loop length must be within 3..12");
    }
    if (maxLoopExpansions < 1) {
      throw new IllegalArgumentException("loop expansions must be at least 1");
    }
    if (fanMin < 2) {
      throw new IllegalArgumentException("fan minimum must be at least 2");
    }
    if (historyLimit < 1) {
      throw new IllegalArgumentException("history limit must be at least 1");
    }
  }

  /**
   * γ 0.1, threshold 0.5, rings of 3+, re-cluster at 1,000 dirty accounts, loops of 3–8 within 24
   * hours, 100,000 loop-search steps, fans of 5+, seed 42, 100 events per ring.
   */
  public static TrackerSettings defaults() {
    return new TrackerSettings(
        LeidenClustering.DEFAULT_CPM_RESOLUTION,
        0.5,
        3,
        1_000,
        Duration.ofHours(24),
        8,
        100_000,
        5,
        42,
        100);
  }

  public TrackerSettings withResolution(double value) {
    return new TrackerSettings(
        value,
        scoreThreshold,
        minRingSize,
        dirtyThreshold,
        loopWindow,
        maxLoopLength,
        maxLoopExpansions,
        fanMin,
        seed,
        historyLimit);
  }

  public TrackerSettings withScoreThreshold(double value) {
    return new TrackerSettings(
        resolution,
        value,
        minRingSize,
        dirtyThreshold,
        loopWindow,
        maxLoopLength,
        maxLoopExpansions,
        fanMin,
        seed,
        historyLimit);
  }

  public TrackerSettings withDirtyThreshold(int value) {
    return new TrackerSettings(
        resolution,
        scoreThreshold,
        minRingSize,
        value,
        loopWindow,
        maxLoopLength,
        maxLoopExpansions,
        fanMin,
        seed,
        historyLimit);
  }

  public TrackerSettings withLoopWindow(Duration value) {
    return new TrackerSettings(
        resolution,
        scoreThreshold,
        minRingSize,
        dirtyThreshold,
        value,
        maxLoopLength,
        maxLoopExpansions,
        fanMin,
        seed,
        historyLimit);
  }

  public TrackerSettings withSeed(long value) {
    return new TrackerSettings(
        resolution,
        scoreThreshold,
        minRingSize,
        dirtyThreshold,
        loopWindow,
        maxLoopLength,
        maxLoopExpansions,
        fanMin,
        value,
        historyLimit);
  }
}
