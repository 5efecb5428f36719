package io.ringwatch.service.scoring;

import java.util.Locale;

/** The values of {@code ringwatch.scoring.graph-features}. */
public enum GraphFeatureSource {
  /** Learnt from the scored stream since start-up ({@code InMemoryGraphFeatures}). */
  MEMORY,
  /** Fraud-DSL traversals on JanusGraph ({@code JanusGraphFeatureLookup}), database cache on. */
  GRAPH;

  /** The source a configuration value names, case-insensitively. */
  public static GraphFeatureSource of(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "ringwatch.scoring.graph-features must be graph or memory, was '" + value + "'", e);
    }
  }
}
