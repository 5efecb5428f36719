package io.ringwatch.service.ingest;

import java.util.List;

/** What one Kafka batch came to: stored, already known, or dead-lettered. */
public record IngestOutcome(int written, int duplicates, List<DeadLetter> deadLetters) {
  public IngestOutcome {
    deadLetters = List.copyOf(deadLetters);
  }
}
