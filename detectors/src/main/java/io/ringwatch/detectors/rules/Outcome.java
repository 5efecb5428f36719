package io.ringwatch.detectors.rules;

/** What a decision asks for, from least to most severe. */
public enum Outcome {
  APPROVE,
  REVIEW,
  BLOCK;

  /** True for outcomes that raise an alert (REVIEW and BLOCK). */
  public boolean isAlert() {
    return this != APPROVE;
  }
}
