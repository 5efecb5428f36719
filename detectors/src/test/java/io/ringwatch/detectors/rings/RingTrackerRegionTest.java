package io.ringwatch.detectors.rings;

import java.time.Clock;

/**
 * Every {@link RingTrackerTest} again with the region path (ADR 0014) taken for every component
 * with a link: after the first run, dirty accounts are re-clustered by region, warm-started from
 * the previous communities, and ring ids and lifecycle events must come out the same.
 */
class RingTrackerRegionTest extends RingTrackerTest {
  @Override
  RingTracker newTracker(AccountProjection projection, Clock clock) {
    return new RingTracker(projection, TrackerSettings.defaults(), clock, 1);
  }
}
