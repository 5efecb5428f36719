package io.ringwatch.detectors.model;

import io.ringwatch.detectors.features.FeatureVector;

/**
 * Port: a fraud model over a {@link FeatureVector}. Implementations are immutable and thread-safe,
 * so that one can be swapped for another (a reload) between two events.
 */
public interface Model {

  /** The version written into every decision, e.g. {@code heuristic-logistic-2}. */
  String version();

  /**
   * Scores one event's features. The vector may be overwritten once this returns (the scorer reuses
   * one per event, {@code FeatureExtractor.extractTransient}): keep none of it.
   */
  ModelScore score(FeatureVector features);
}
