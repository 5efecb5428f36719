package io.ringwatch.detectors.features;

/**
 * The bounds and thresholds of {@link FeatureExtractor}. Memory is at most about {@code maxKeys}
 * keys of each kind (account, card, device, IP, merchant) times the per-key state, which is at most
 * {@code maxEventsPerKey} window entries plus, for accounts, {@code amountHistory} amounts and
 * {@code noveltyMemory} devices, IPs and locations.
 *
 * @param maxKeys keys remembered per key kind; the least recently used is evicted beyond it
 * @param maxEventsPerKey window entries per key (the 24-hour figures of busier keys cover only
 *     their most recent events)
 * @param idleMillis event time after which a key without events is evicted (at least 24 hours, so
 *     that no window loses live events)
 * @param amountHistory amounts per account in the z-score reservoir
 * @param amountMinSample amounts needed before the z-score is computed (0 until then)
 * @param benfordMinSample first digits needed before a Benford deviation is reported (0 until then)
 * @param benfordMaxSample sample size at which Benford counts are halved
 * @param noveltyMemory devices, IPs and locations remembered per account
 */
public record FeatureSettings(
    int maxKeys,
    int maxEventsPerKey,
    long idleMillis,
    int amountHistory,
    int amountMinSample,
    int benfordMinSample,
    int benfordMaxSample,
    int noveltyMemory) {

  public FeatureSettings {
    positive(maxKeys, "maxKeys");
    positive(maxEventsPerKey, "maxEventsPerKey");
    positive(amountHistory, "amountHistory");
    positive(amountMinSample, "amountMinSample");
    positive(benfordMinSample, "benfordMinSample");
    positive(noveltyMemory, "noveltyMemory");
    if (idleMillis < Window.longest().millis()) {
      throw new IllegalArgumentException(
          "idleMillis must be at least the longest window (24 h), was " + idleMillis);
    }
    if (amountMinSample > amountHistory) {
      throw new IllegalArgumentException("amountMinSample must not exceed amountHistory");
    }
    if (benfordMaxSample < 2 * benfordMinSample) {
      throw new IllegalArgumentException(
          "benfordMaxSample must be at least twice benfordMinSample, so that halving keeps a"
              + " reportable sample");
    }
  }

  /** Defaults for one service instance: 100,000 keys per kind, 1,024 events per key. */
  public static FeatureSettings defaults() {
    return new FeatureSettings(100_000, 1024, 48L * 3600 * 1000, 64, 8, 50, 2000, 32);
  }

  public FeatureSettings withMaxKeys(int keys) {
    return new FeatureSettings(
        keys,
        maxEventsPerKey,
        idleMillis,
        amountHistory,
        amountMinSample,
        benfordMinSample,
        benfordMaxSample,
        noveltyMemory);
  }

  public FeatureSettings withMaxEventsPerKey(int events) {
    return new FeatureSettings(
        maxKeys,
        events,
        idleMillis,
        amountHistory,
        amountMinSample,
        benfordMinSample,
        benfordMaxSample,
        noveltyMemory);
  }

  private static void positive(int value, String name) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, was " + value);
    }
  }
}
