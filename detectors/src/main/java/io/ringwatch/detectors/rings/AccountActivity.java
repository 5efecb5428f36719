package io.ringwatch.detectors.rings;

import java.time.Instant;
import java.util.Objects;

/**
 * What the projection knows of one account's activity, for ring scoring.
 *
 * @param events transactions the account sent
 * @param fraudLabelled how many of them carried a positive fraud label
 * @param maxScore the highest risk score reported for the account (decisions, restored rings), 0–1
 * @param firstSeen first event time
 * @param lastSeen last event time
 */
public record AccountActivity(
    long events, long fraudLabelled, double maxScore, Instant firstSeen, Instant lastSeen) {
  public AccountActivity {
    if (events < 0 || fraudLabelled < 0 || fraudLabelled > events) {
      throw new IllegalArgumentException(
          "invalid counts: " + fraudLabelled + " labelled of " + events);
    }
    if (maxScore < 0 || maxScore > 1) {
      throw new IllegalArgumentException("score must be within 0..1, was " + maxScore);
    }
    Objects.requireNonNull(firstSeen, "firstSeen");
    Objects.requireNonNull(lastSeen, "lastSeen");
  }
}
