package io.ringwatch.detectors.model;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * An immutable list of one to three reason codes held in one object's fields, each read as an equal
 * (not the same) {@link ReasonCode} record: the top reasons every decision keeps, without a list,
 * an array and a record per reason (ADR 0025).
 */
final class FewReasons extends AbstractList<ReasonCode> implements RandomAccess {
  private final int size;
  private final String feature0;
  private final String feature1;
  private final String feature2;
  private final double value0;
  private final double value1;
  private final double value2;
  private final double contribution0;
  private final double contribution1;
  private final double contribution2;

  /**
   * The reasons at the first {@code size} (1–3) positions of {@code order} in the arrays, whose
   * values and contributions the caller has checked to be finite (as {@link ReasonCode} requires).
   */
  FewReasons(int size, String[] features, double[] values, double[] contributions, int[] order) {
    if (size < 1 || size > 3) {
      throw new IllegalArgumentException("one to three reasons, not " + size);
    }
    for (int i = 0; i < size; i++) {
      java.util.Objects.requireNonNull(features[order[i]], "feature");
    }
    this.size = size;
    feature0 = features[order[0]];
    value0 = values[order[0]];
    contribution0 = contributions[order[0]];
    feature1 = size > 1 ? features[order[1]] : null;
    value1 = size > 1 ? values[order[1]] : 0;
    contribution1 = size > 1 ? contributions[order[1]] : 0;
    feature2 = size > 2 ? features[order[2]] : null;
    value2 = size > 2 ? values[order[2]] : 0;
    contribution2 = size > 2 ? contributions[order[2]] : 0;
  }

  @Override
  public ReasonCode get(int index) {
    return switch (index < size ? index : -1) {
      case 0 -> new ReasonCode(feature0, value0, contribution0);
      case 1 -> new ReasonCode(feature1, value1, contribution1);
      case 2 -> new ReasonCode(feature2, value2, contribution2);
      default -> throw new IndexOutOfBoundsException("index " + index + ", size " + size);
    };
  }

  @Override
  public int size() {
    return size;
  }
}
