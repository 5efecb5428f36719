package io.ringwatch.detectors.features;

/**
 * What the graph says about an event's surroundings.
 *
 * @param accountsSharingDevice accounts known to use the event's device, this one included; 0
 *     without a device
 * @param accountsSharingIp accounts known to connect from the event's IP, this one included; 0
 *     without an IP
 * @param deviceMateInRing whether another account on the event's device is in a known ring
 * @param counterpartyInRing whether the transfer's counterparty is in a known ring
 * @param ringScore the highest score (0–1) of the rings involved, 0 when none
 */
public record GraphFeatures(
    int accountsSharingDevice,
    int accountsSharingIp,
    boolean deviceMateInRing,
    boolean counterpartyInRing,
    double ringScore) {

  /** Nothing known. */
  public static final GraphFeatures NONE = new GraphFeatures(0, 0, false, false, 0);

  public GraphFeatures {
    if (accountsSharingDevice < 0 || accountsSharingIp < 0) {
      throw new IllegalArgumentException("account counts must not be negative");
    }
    if (!(ringScore >= 0 && ringScore <= 1)) {
      throw new IllegalArgumentException("ring score must be in [0, 1], was " + ringScore);
    }
  }
}
