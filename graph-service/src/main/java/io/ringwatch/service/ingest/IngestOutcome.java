package io.ringwatch.service.ingest;

import io.ringwatch.detectors.scoring.Decision;
import java.util.List;

/**
 * What one Kafka batch came to: stored, already known, or dead-lettered, and the decision on every
 * accepted record (a replayed record carries the decision it first got).
 */
public record IngestOutcome(
    int written, int duplicates, List<DeadLetter> deadLetters, List<Decision> decisions) {
  public IngestOutcome {
    deadLetters = List.copyOf(deadLetters);
    decisions = List.copyOf(decisions);
  }

  public IngestOutcome(int written, int duplicates, List<DeadLetter> deadLetters) {
    this(written, duplicates, deadLetters, List.of());
  }
}
