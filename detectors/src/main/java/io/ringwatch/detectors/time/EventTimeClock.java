package io.ringwatch.detectors.time;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A clock driven by the events themselves: it reads the latest event time seen and never goes back.
 * Replays of history use it wherever the service uses the system clock (ring timestamps, idle
 * eviction, decision times), so that every window, expiry and ring update follows the data's
 * timestamps and a year of history replays in minutes with the decisions it would have had live.
 *
 * <p>Thread-safe; {@link #advanceTo} is monotonic.
 */
public final class EventTimeClock extends Clock {
  private volatile Instant now;

  /** A clock reading {@code start} until an event advances it. */
  public EventTimeClock(Instant start) {
    this.now = Objects.requireNonNull(start, "start");
  }

  /** Moves the clock to {@code eventTime} if that is later; returns the time it reads now. */
  public synchronized Instant advanceTo(Instant eventTime) {
    if (eventTime.isAfter(now)) {
      now = eventTime;
    }
    return now;
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    if (ZoneOffset.UTC.equals(zone)) {
      return this;
    }
    throw new UnsupportedOperationException("an event-time clock reads UTC only");
  }
}
