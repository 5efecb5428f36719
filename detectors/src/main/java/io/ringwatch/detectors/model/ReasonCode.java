package io.ringwatch.detectors.model;

import java.util.List;
import java.util.Objects;

/**
 * One feature's part in a model score.
 *
 * @param feature feature name (see {@code FeatureNames})
 * @param value the feature's value for the event
 * @param contribution what it added to the model's log-odds (negative when it lowered them)
 */
public record ReasonCode(String feature, double value, double contribution) {
  public ReasonCode {
    Objects.requireNonNull(feature, "feature");
    if (!Double.isFinite(value) || !Double.isFinite(contribution)) {
      throw new IllegalArgumentException("reason code values must be finite: " + feature);
    }
  }

  /**
   * An unmodifiable copy of {@code reasons}, or {@code reasons} itself when it is a model's own
   * immutable list of top reasons ({@link ModelScore#topReasons}), which {@code List.copyOf} would
   * copy.
   */
  public static List<ReasonCode> copyOf(List<ReasonCode> reasons) {
    return reasons instanceof FewReasons ? reasons : List.copyOf(reasons);
  }
}
