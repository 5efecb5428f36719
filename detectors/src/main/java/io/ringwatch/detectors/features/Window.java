package io.ringwatch.detectors.features;

import java.time.Duration;

/**
 * The sliding event-time windows of the velocity features. An event belongs to a window ending at
 * {@code now} when its time is in {@code (now - length, now]}: an event exactly one window length
 * old has expired.
 */
public enum Window {
  ONE_MINUTE("1m", Duration.ofMinutes(1)),
  TEN_MINUTES("10m", Duration.ofMinutes(10)),
  ONE_HOUR("1h", Duration.ofHours(1)),
  ONE_DAY("24h", Duration.ofHours(24));

  private final String suffix;
  private final long millis;

  Window(String suffix, Duration length) {
    this.suffix = suffix;
    this.millis = length.toMillis();
  }

  /** The suffix of the feature names of this window, such as {@code 10m}. */
  public String suffix() {
    return suffix;
  }

  public long millis() {
    return millis;
  }

  /** The longest window: how long a velocity state must remember an event. */
  public static Window longest() {
    return ONE_DAY;
  }
}
