package io.ringwatch.service.ingest;

import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.ingest.CanonicalJson;
import io.ringwatch.ingest.DecodeResult;
import java.nio.charset.StandardCharsets;

/**
 * The form in which each transaction is kept on its graph edge (property {@code event}, ADR 0012):
 * Ringwatch's canonical JSON, whatever format it arrived in, so that backtests, the feature warm-up
 * at start-up and the store-window reconciliation replay it as it was.
 */
public final class StoredEvents {
  private StoredEvents() {}

  public static String encode(Transaction transaction) {
    return new String(CanonicalJson.encode(transaction), StandardCharsets.UTF_8);
  }

  /**
   * The stored event, or null when it does not decode (the edge's own properties are used then).
   */
  public static Transaction decode(String stored) {
    DecodeResult result = CanonicalJson.decode(stored.getBytes(StandardCharsets.UTF_8));
    return result instanceof DecodeResult.Accepted accepted ? accepted.transaction() : null;
  }
}
