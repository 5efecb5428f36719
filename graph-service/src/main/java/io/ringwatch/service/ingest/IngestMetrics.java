package io.ringwatch.service.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.ringwatch.gremlin.TransactionWriter.WriteResult;
import io.ringwatch.ingest.InputFormat;
import io.ringwatch.ingest.RejectionReason;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The ingest counters and timers exposed on {@code /q/metrics}. */
public final class IngestMetrics {
  private final Map<InputFormat, Counter> accepted = new EnumMap<>(InputFormat.class);
  private final Map<RejectionReason, Counter> rejected = new EnumMap<>(RejectionReason.class);
  private final Counter written;
  private final Counter duplicates;
  private final Timer graphBatch;

  public IngestMetrics(MeterRegistry registry) {
    for (InputFormat format : InputFormat.values()) {
      accepted.put(
          format,
          Counter.builder("ringwatch.ingest.accepted")
              .description("Records decoded into transactions, by input format")
              .tag("format", format.name().toLowerCase())
              .register(registry));
    }
    for (RejectionReason reason : RejectionReason.values()) {
      rejected.put(
          reason,
          Counter.builder("ringwatch.ingest.dead.lettered")
              .description("Records sent to the dead-letter topic, by reason")
              .tag("reason", reason.name().toLowerCase())
              .register(registry));
    }
    written =
        Counter.builder("ringwatch.graph.transactions.written")
            .description("Transactions written to the graph")
            .register(registry);
    duplicates =
        Counter.builder("ringwatch.graph.transactions.duplicate")
            .description("Transactions skipped because their id was already in the graph")
            .register(registry);
    graphBatch =
        Timer.builder("ringwatch.graph.batch")
            .description("Time to write and commit one graph batch")
            .register(registry);
  }

  void accepted(InputFormat format) {
    accepted.get(format).increment();
  }

  void rejected(RejectionReason reason) {
    rejected.get(reason).increment();
  }

  void graphBatch(WriteResult result, long nanos) {
    written.increment(result.written());
    duplicates.increment(result.duplicates());
    graphBatch.record(nanos, TimeUnit.NANOSECONDS);
  }
}
