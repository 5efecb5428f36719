package io.ringwatch.service.rings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import io.ringwatch.detectors.features.GraphFeatureLookup;
import io.ringwatch.detectors.rings.Ring;
import io.ringwatch.detectors.rings.RingChange;
import io.ringwatch.detectors.rings.RingEvent;
import io.ringwatch.detectors.rings.RingId;
import io.ringwatch.detectors.rings.RingTracker;
import io.ringwatch.gremlin.RingQueries;
import io.ringwatch.gremlin.RingWriter;
import io.ringwatch.gremlin.RingwatchGraph;
import io.ringwatch.service.config.RingwatchConfig;
import io.ringwatch.service.graph.GraphGate;
import io.ringwatch.service.scoring.DetectJournal;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Re-clusters the ring tracker's dirty components on a schedule (and early when many accounts
 * changed), persists the changed rings to the graph ({@code ring} vertices, {@code member_of}
 * edges, and their lifecycle events as {@code ring_event} vertices), tells per-event scoring which
 * accounts are in which ring now (ring-membership features), then publishes every lifecycle event
 * to {@code ring-alerts} as JSON keyed by ring id.
 *
 * <p>Runs on scheduler worker threads and blocking REST calls, never on the event loop. Ring writes
 * share the transaction writer's lock and retry discipline ({@link RingWriter}). A ring write that
 * still fails is logged and kept: the ring's latest state is written again with the next pass, and
 * the events are published regardless (the tracker has moved on; the graph catches up).
 */
@ApplicationScoped
public class RingService {
  /** Channel of ring lifecycle events (topic {@code ring-alerts}). */
  public static final String RING_ALERTS = "ring-alerts";

  private static final Logger LOG = Logger.getLogger(RingService.class);

  private final RingTracker tracker;
  private final GraphFeatureLookup features;
  private final RingWriter writer;
  private final MutinyEmitter<String> alerts;
  private final ObjectMapper json;
  private final RingQueries stored;
  private final Map<RingId, Ring> unwritten = new LinkedHashMap<>();
  private final List<RingChange> unwrittenEvents = new ArrayList<>();
  private final DetectJournal detect;
  private final int detectBusyRate;
  private final GraphGate gate;

  public RingService(
      RingTracker tracker,
      GraphFeatureLookup features,
      RingwatchGraph graph,
      @Channel(RING_ALERTS) MutinyEmitter<String> alerts,
      ObjectMapper json,
      DetectJournal detect,
      RingwatchConfig config,
      GraphGate gate) {
    this.gate = gate;
    this.detect = detect;
    this.detectBusyRate = config.ingest().detectBusyRate();
    this.tracker = tracker;
    this.features = features;
    this.writer = graph.ringWriter();
    this.stored = graph.ringQueries();
    this.alerts = alerts;
    this.json = json;
  }

  @Scheduled(
      every = "${ringwatch.rings.recluster-every}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void tick() {
    reclusterDirty();
  }

  /**
   * An early pass once many accounts changed; skipped while {@code POST /detect} is busy (at least
   * {@code ringwatch.ingest.detect-busy-rate} requests a second), when the scheduled pass alone
   * keeps rings at most {@code ringwatch.rings.recluster-every} behind and the re-clustering does
   * not take the request path's CPU every second (ADR 0024 addendum).
   */
  @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void onThreshold() {
    if (tracker.thresholdReached() && detect.requestsPerSecond() < detectBusyRate) {
      reclusterDirty();
    }
  }

  /** Re-clusters what changed, persists and publishes the events; returns them. */
  public synchronized List<RingEvent> reclusterDirty() {
    return whileOpen(tracker::reclusterDirty);
  }

  /** Re-clusters everything (ids kept where groups persist), persists and publishes the events. */
  public synchronized List<RingEvent> recomputeAll() {
    return whileOpen(tracker::recomputeAll);
  }

  /**
   * A whole pass, re-clustering to publishing, with the graph held open ({@link GraphGate}); none
   * once shutdown has begun (the restart re-clusters every account).
   */
  private List<RingEvent> whileOpen(Supplier<List<RingEvent>> pass) {
    if (!gate.enter()) {
      return List.of();
    }
    try {
      return publish(persist(informScoring(pass.get())));
    } finally {
      gate.exit();
    }
  }

  /** Rings whose latest state is not yet in the graph (a write failed); for health and tests. */
  public synchronized int unwrittenRings() {
    return unwritten.size();
  }

  /** Per-event scoring learns the changed rings first (ring-membership features). */
  private List<RingEvent> informScoring(List<RingEvent> events) {
    if (!events.isEmpty()) {
      features.ringsChanged(events.stream().map(RingEvent::ring).toList());
    }
    return events;
  }

  private List<RingEvent> persist(List<RingEvent> events) {
    // The last event of a ring carries its latest state; earlier failures are written with it.
    events.forEach(
        e -> {
          unwritten.put(e.ring().id(), e.ring());
          unwrittenEvents.add(RingChange.of(e));
        });
    if (unwritten.isEmpty()) {
      return events;
    }
    try {
      writer.write(unwritten.values(), unwrittenEvents);
      unwritten.clear();
      unwrittenEvents.clear();
    } catch (IllegalStateException e) {
      LOG.errorf(
          e,
          "could not persist %d rings; they are written again with the next pass",
          unwritten.size());
    }
    return events;
  }

  /**
   * The ring's lifecycle events, oldest first: those stored in the graph (they survive restarts),
   * then any the tracker saw that are not stored yet (a write that failed and waits for the next
   * pass).
   */
  public List<RingChange> history(RingId id) {
    List<RingChange> events = new ArrayList<>(stored.history(id));
    for (RingEvent event : tracker.history(id)) {
      RingChange change = RingChange.of(event);
      if (events.stream().noneMatch(change::sameAs)) {
        events.add(change);
      }
    }
    events.sort(Comparator.comparing(RingChange::at));
    return events;
  }

  private List<RingEvent> publish(List<RingEvent> events) {
    for (RingEvent event : events) {
      String value;
      try {
        value = json.writeValueAsString(RingViews.alert(event));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot encode ring alert for " + event.ring().id(), e);
      }
      OutgoingKafkaRecordMetadata<String> metadata =
          OutgoingKafkaRecordMetadata.<String>builder().withKey(event.ring().id().value()).build();
      alerts.sendMessageAndAwait(Message.of(value).addMetadata(metadata));
    }
    if (!events.isEmpty()) {
      LOG.infof("published %d ring events", events.size());
    }
    return events;
  }
}
