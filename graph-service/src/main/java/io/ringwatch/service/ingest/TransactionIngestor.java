package io.ringwatch.service.ingest;

import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.detectors.domain.TransactionId;
import io.ringwatch.detectors.scoring.Decision;
import io.ringwatch.detectors.scoring.Scorer;
import io.ringwatch.gremlin.StoredDecision;
import io.ringwatch.gremlin.TransactionWriter;
import io.ringwatch.gremlin.TransactionWriter.WriteResult;
import io.ringwatch.ingest.DecodeResult;
import io.ringwatch.ingest.TransactionDecoder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Decodes a batch of raw Kafka records, scores the valid ones (before the graph write, which is the
 * slow part) and writes them with their decisions to the graph in small transactions. Plain code:
 * the Kafka listener hands it batches and acknowledges them only after {@link #ingest} returns, so
 * offsets are committed after the graph commit.
 *
 * <p>Not thread-safe: the graph writer assumes one writer per key range, and the service runs one.
 */
public final class TransactionIngestor {
  private final TransactionDecoder decoder;
  private final TransactionWriter writer;
  private final int batchSize;
  private final IngestMetrics metrics;
  private final Scorer scorer;
  private final Function<Decision, StoredDecision> stored;
  private final BiConsumer<List<Transaction>, List<Decision>> committed;
  private final Function<byte[], Decision> carried;

  /** An ingestor that stores without scoring (graph loading and tests of the write path). */
  public TransactionIngestor(
      TransactionDecoder decoder, TransactionWriter writer, int batchSize, IngestMetrics metrics) {
    this(decoder, writer, batchSize, metrics, null, null, (chunk, decided) -> {});
  }

  /**
   * @param scorer scores every accepted transaction, or null to store without scoring
   * @param stored the graph form of a decision
   * @param committed called with every chunk right after its graph commit, on the ingest thread
   *     (the ring tracker folds it into its projection; replays are ignored there by transaction
   *     id)
   */
  public TransactionIngestor(
      TransactionDecoder decoder,
      TransactionWriter writer,
      int batchSize,
      IngestMetrics metrics,
      Scorer scorer,
      Function<Decision, StoredDecision> stored,
      BiConsumer<List<Transaction>, List<Decision>> committed) {
    this(decoder, writer, batchSize, metrics, scorer, stored, committed, null);
  }

  /**
   * Like the scoring constructor, and takes the decision a record carries ({@link
   * RawRecord#decided}, the answer {@code POST /detect} gave) instead of scoring the event: the
   * scorer {@linkplain Scorer#remember remembers} it (counting the event in its state only if it
   * has not seen the id), the graph stores it, and it is not returned for publishing, because
   * {@code /detect} published it before answering. A carried decision that does not read is ignored
   * and the event scored as any other.
   *
   * @param carried reads a carried decision, throwing when it is not one; null to ignore them
   */
  public TransactionIngestor(
      TransactionDecoder decoder,
      TransactionWriter writer,
      int batchSize,
      IngestMetrics metrics,
      Scorer scorer,
      Function<Decision, StoredDecision> stored,
      BiConsumer<List<Transaction>, List<Decision>> committed,
      Function<byte[], Decision> carried) {
    this.carried = carried;
    this.committed = Objects.requireNonNull(committed, "committed");
    if (scorer != null && stored == null) {
      throw new IllegalArgumentException("a scoring ingestor needs the graph form of decisions");
    }
    this.scorer = scorer;
    this.stored = stored;
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, was " + batchSize);
    }
    this.decoder = decoder;
    this.writer = writer;
    this.batchSize = batchSize;
    this.metrics = metrics;
  }

  /**
   * Decodes every record, writes the accepted ones in graph transactions of at most the batch size,
   * and returns the records to dead-letter. A graph failure propagates: nothing of the batch is
   * acknowledged, so Kafka redelivers it and the idempotent writer skips what was committed.
   */
  public IngestOutcome ingest(List<RawRecord> records) {
    List<Transaction> accepted = new ArrayList<>(records.size());
    List<byte[]> decided = new ArrayList<>(records.size());
    List<DeadLetter> deadLetters = new ArrayList<>();
    for (RawRecord record : records) {
      DecodeResult result = decoder.decode(record.value());
      if (result instanceof DecodeResult.Accepted ok) {
        accepted.add(ok.transaction());
        decided.add(record.decided());
        metrics.accepted(ok.format());
      } else if (result instanceof DecodeResult.Rejected bad) {
        deadLetters.add(new DeadLetter(record, bad.rejection()));
        metrics.rejected(bad.rejection().reason());
      }
    }
    List<Decision> decisions = new ArrayList<>(scorer == null ? 0 : accepted.size());
    // Every accepted event's decision, carried or scored here, for the after-commit hook.
    List<Decision> all = new ArrayList<>(scorer == null ? 0 : accepted.size());
    Map<TransactionId, StoredDecision> toStore = new HashMap<>();
    if (scorer != null) {
      for (int i = 0; i < accepted.size(); i++) {
        Transaction transaction = accepted.get(i);
        Decision answered = answered(transaction, decided.get(i));
        Decision decision =
            answered == null ? scorer.score(transaction) : scorer.remember(transaction, answered);
        if (answered == null) {
          decisions.add(decision);
        }
        all.add(decision);
        toStore.putIfAbsent(transaction.id(), stored.apply(decision));
      }
    }
    int written = 0;
    int duplicates = 0;
    for (int from = 0; from < accepted.size(); from += batchSize) {
      List<Transaction> chunk = accepted.subList(from, Math.min(accepted.size(), from + batchSize));
      long start = System.nanoTime();
      WriteResult result = writer.write(chunk, toStore, StoredEvents::encode);
      metrics.graphBatch(result, System.nanoTime() - start);
      committed.accept(
          chunk,
          all.isEmpty() ? List.of() : all.subList(from, Math.min(all.size(), from + batchSize)));
      written += result.written();
      duplicates += result.duplicates();
    }
    return new IngestOutcome(written, duplicates, deadLetters, decisions);
  }

  /** The decision the record carries for {@code transaction}, or null to score it here. */
  private Decision answered(Transaction transaction, byte[] header) {
    if (header == null || carried == null) {
      return null;
    }
    try {
      Decision decision = carried.apply(header);
      return decision.eventId().equals(transaction.id()) ? decision : null;
    } catch (RuntimeException unreadable) {
      // Handled: the event itself is valid, so it is scored (and its decision published) here.
      return null;
    }
  }
}
