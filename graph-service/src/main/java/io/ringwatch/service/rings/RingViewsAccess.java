package io.ringwatch.service.rings;

import io.ringwatch.detectors.rings.EvidencePath;
import io.ringwatch.detectors.rings.Ring;
import io.ringwatch.detectors.rings.RingChange;
import java.util.List;
import java.util.Map;

/** The JSON views of rings for the REST resources. */
public final class RingViewsAccess {
  private RingViewsAccess() {}

  public static Map<String, Object> summary(Ring ring) {
    return RingViews.summary(ring);
  }

  public static Map<String, Object> detail(Ring ring) {
    return RingViews.detail(ring);
  }

  public static List<Map<String, Object>> history(List<RingChange> events) {
    return RingViews.history(events);
  }

  public static Map<String, Object> path(EvidencePath path) {
    return RingViews.path(path);
  }

  public static Map<String, Object> evidence(Ring ring) {
    return RingViews.evidence(ring);
  }
}
