package io.ringwatch.detectors.features;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The features of one event: a value per name of {@link FeatureNames#ALL}, in that order.
 * Immutable, except the one vector of {@link FeatureExtractor#extractTransient}, which its
 * extractor overwrites at the next event.
 */
public final class FeatureVector {
  private final double[] values;

  /**
   * @param values one finite value per feature name, in {@link FeatureNames#ALL} order (copied)
   */
  public FeatureVector(double[] values) {
    this(values, true);
  }

  private FeatureVector(double[] values, boolean copy) {
    if (values == null || values.length != FeatureNames.size()) {
      throw new IllegalArgumentException(
          "a feature vector has "
              + FeatureNames.size()
              + " values, got "
              + (values == null ? "null" : values.length));
    }
    checkFinite(values);
    this.values = copy ? values.clone() : values;
  }

  /** Throws when a value is not finite, naming its feature. */
  static void checkFinite(double[] values) {
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException(
            "feature " + FeatureNames.ALL.get(i) + " is not finite: " + values[i]);
      }
    }
  }

  /** A vector that takes {@code values} over without a copy: the caller must not change them. */
  static FeatureVector owning(double[] values) {
    return new FeatureVector(values, false);
  }

  /** The value of feature {@code name}. */
  public double get(String name) {
    int index = FeatureNames.indexOf(name);
    if (index < 0) {
      throw new IllegalArgumentException("no feature named '" + name + "'");
    }
    return values[index];
  }

  /** The value at {@code index} of {@link FeatureNames#ALL}. */
  public double get(int index) {
    return values[index];
  }

  /** A copy of the values, in {@link FeatureNames#ALL} order. */
  public double[] toArray() {
    return values.clone();
  }

  /** The features as an ordered, unmodifiable name-to-value map. */
  public Map<String, Double> asMap() {
    Map<String, Double> map = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      map.put(FeatureNames.ALL.get(i), values[i]);
    }
    return Collections.unmodifiableMap(map);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FeatureVector that && Arrays.equals(values, that.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "FeatureVector" + asMap();
  }
}
