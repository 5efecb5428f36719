package io.ringwatch.service.scoring;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.detectors.domain.TransactionId;
import io.ringwatch.detectors.scoring.Decision;
import io.ringwatch.detectors.scoring.Scorer;
import io.ringwatch.gremlin.GraphQueries;
import io.ringwatch.gremlin.RingwatchGraph;
import io.ringwatch.ingest.CanonicalJson;
import io.ringwatch.service.config.RingwatchConfig;
import io.ringwatch.service.ingest.IngestPacer;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Records the events of {@code POST /detect} write-behind (ADR 0019): an event is scored at once,
 * then its canonical form, carrying its decision in the {@value #DECISION_HEADER} header, is sent
 * to {@code transactions} (keyed by account, like every producer's events) and its decision to
 * {@code decisions} (and {@code fraud-alerts}) by {@link DetectSends}; the answer waits for the
 * broker to acknowledge all of them, and for nothing else. The Kafka ingest path then stores the
 * event with that decision in the graph in batches, without scoring it again ({@link
 * io.ringwatch.service.ingest.TransactionIngestor}).
 *
 * <p>So an answered event is never lost (it is on the broker, with {@code acks=all}, before the
 * answer), an event id sent twice is answered the same decision and recorded once (the scorer
 * remembers it; the second request waits for, or retries, the first one's sends instead of sending
 * again), and its decision reads back at once: it is held here from scoring until the graph commit
 * that stores the event ({@link #recent}), however far the graph writer is behind. That holding is
 * bounded by {@code ringwatch.detect.max-pending}: beyond it {@code /detect} answers 503 ({@link
 * Backlogged}) rather than hold an unbounded backlog in memory.
 *
 * <p>{@link #record} never blocks its caller, so {@code POST /detect} runs on the HTTP event loop:
 * scoring from in-memory state takes microseconds, and waiting for the broker costs no thread. What
 * would block goes to the worker pool: reading an earlier decision back from the graph, and all of
 * the scoring when the graph features come from the graph ({@code
 * ringwatch.scoring.graph-features=graph}).
 */
@ApplicationScoped
public class DetectJournal {
  /** Channel of the events {@code POST /detect} records (topic {@code transactions}). */
  public static final String DETECTED = "detected-transactions";

  /** Header of a {@code transactions} record: the decision already answered on it (JSON). */
  public static final String DECISION_HEADER = "ringwatch-decision";

  /** Refused because too many answered events wait for their graph commit. */
  public static final class Backlogged extends RuntimeException {
    Backlogged(int pending) {
      super(
          pending
              + " detected events await their graph commit (ringwatch.detect.max-pending);"
              + " retry later with the same event_id");
    }
  }

  /** The sends of an event could not be completed; a retry with the same event id resends them. */
  public static final class NotRecorded extends RuntimeException {
    NotRecorded(TransactionId id, Throwable cause) {
      super(
          "event "
              + id.value()
              + " was scored but not recorded ("
              + cause.getMessage()
              + "); retry with the same event_id",
          cause);
    }
  }

  /**
   * An answered (or being answered) event: its decision, and the broker's acknowledgment of its
   * sends, completed with the decision's JSON.
   */
  private record Pending(Decision decision, CompletableFuture<String> recorded) {
    boolean failed() {
      return recorded.isCompletedExceptionally();
    }
  }

  private final Scorer scorer;
  private final GraphQueries queries;
  private final DetectSends sends;
  private final DecisionCodec codec;
  private final int maxPending;
  private final ConcurrentHashMap<TransactionId, Pending> pending = new ConcurrentHashMap<>();
  private final IngestPacer.Rate requests = new IngestPacer.Rate();
  private final Executor blocking;
  private final boolean scoringReadsGraph;

  public DetectJournal(
      Scorer scorer,
      DetectSends sends,
      DecisionCodec codec,
      RingwatchGraph graph,
      RingwatchConfig config,
      MeterRegistry registry,
      Vertx vertx) {
    this.scorer = scorer;
    this.blocking =
        task ->
            vertx.executeBlocking(
                () -> {
                  task.run();
                  return null;
                },
                false);
    this.scoringReadsGraph =
        GraphFeatureSource.of(config.scoring().graphFeatures()) == GraphFeatureSource.GRAPH;
    this.queries = graph.queries();
    this.sends = sends;
    this.codec = codec;
    this.maxPending = config.detect().maxPending();
    graph.writer().afterCommit(this::committed);
    Gauge.builder("ringwatch.detect.pending", pending, ConcurrentHashMap::size)
        .description(
            "Events answered by POST /detect that await their graph commit (the write-behind"
                + " backlog; 503 at ringwatch.detect.max-pending)")
        .register(registry);
  }

  /**
   * Scores {@code t} (or finds its earlier decision) and completes with the decision's JSON once
   * the event and its decision are on the broker. Never blocks: safe on an event loop.
   *
   * @throws Backlogged when {@code ringwatch.detect.max-pending} events await their graph commit
   *     (thrown, or the returned stage fails with it when scoring runs on the worker pool)
   */
  public CompletableFuture<String> record(Transaction t) {
    requests.hit(System.nanoTime());
    if (scoringReadsGraph) {
      return CompletableFuture.supplyAsync(() -> recordNow(t), blocking)
          .thenCompose(answer -> answer);
    }
    return recordNow(t);
  }

  private CompletableFuture<String> recordNow(Transaction t) {
    Pending entry;
    Decision known = null;
    // Only the look-ups, the scoring and the map change under the lock: serialising and sending
    // happen outside it.
    synchronized (this) {
      entry = pending.get(t.id());
      if (entry != null && !entry.failed()) {
        // the same id again, while the first is on its way or not yet in the graph
        return answer(t.id(), entry);
      }
      if (entry == null) {
        known = scorer.recent(t.id()).orElse(null);
        if (known == null) {
          if (pending.size() >= maxPending) {
            throw new Backlogged(pending.size());
          }
          entry = new Pending(scorer.score(t), new CompletableFuture<>());
          pending.put(t.id(), entry);
        }
      } else {
        // the first sends failed: send again, with the decision already given
        entry = new Pending(entry.decision(), new CompletableFuture<>());
        pending.put(t.id(), entry);
      }
    }
    if (known != null) {
      // scored before and no longer held here: it came from Kafka, or is in the graph with the
      // decision first given (the scorer's may be a replay's after a restart, ADR 0013)
      Decision remembered = known;
      return CompletableFuture.supplyAsync(
          () ->
              queries
                  .decision(t.id())
                  .map(stored -> codec.json(codec.view(stored)))
                  .orElseGet(() -> codec.json(remembered)),
          blocking);
    }
    send(t, entry);
    return answer(t.id(), entry);
  }

  private static CompletableFuture<String> answer(TransactionId id, Pending entry) {
    return entry
        .recorded()
        .handle(
            (json, failure) -> {
              if (failure != null) {
                throw new NotRecorded(id, unwrap(failure));
              }
              return json;
            });
  }

  /**
   * The decision on {@code id} if it is held here: scored by {@code /detect} and not yet committed
   * to the graph.
   */
  public Optional<Decision> recent(TransactionId id) {
    Pending entry = pending.get(id);
    return entry == null ? Optional.empty() : Optional.of(entry.decision());
  }

  /** Requests recorded in the last full second (or the current one, if more). */
  public int requestsPerSecond() {
    return requests.perSecond(System.nanoTime());
  }

  /** The most events held for their graph commit before {@code /detect} answers 503. */
  public int maxPending() {
    return maxPending;
  }

  /** Events scored by {@code /detect} whose graph commit has not happened yet. */
  public int pending() {
    return pending.size();
  }

  private void send(Transaction t, Pending entry) {
    String json;
    CompletableFuture<Void> sent;
    try {
      json = codec.json(entry.decision());
      byte[] key = t.account().value().getBytes(StandardCharsets.UTF_8);
      sent = sends.send(key, CanonicalJson.encode(t), entry.decision(), json);
    } catch (RuntimeException e) {
      // answered 503; a retry with the same id sends again
      entry.recorded().completeExceptionally(e);
      return;
    }
    sent.whenComplete(
        (ok, failure) -> {
          if (failure != null) {
            entry.recorded().completeExceptionally(unwrap(failure));
          } else {
            entry.recorded().complete(json);
          }
        });
  }

  /**
   * Forgets what a graph commit stored (called by the writer after each commit, inside its lock:
   * quick). An entry whose sends are still unacknowledged (the consumer can be faster than the
   * producer's callback) is forgotten when they complete.
   */
  private void committed(List<Transaction> batch) {
    if (pending.isEmpty()) {
      return;
    }
    for (Transaction t : batch) {
      Pending entry = pending.get(t.id());
      if (entry == null) {
        continue;
      }
      if (entry.recorded().isDone()) {
        pending.remove(t.id(), entry);
      } else {
        entry.recorded().whenComplete((ok, failure) -> pending.remove(t.id(), entry));
      }
    }
  }

  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause()
        : failure;
  }
}
