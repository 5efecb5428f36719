package io.ringwatch.service.rings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import io.ringwatch.detectors.rings.RingEvent;
import io.ringwatch.detectors.rings.RingTracker;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Re-clusters the ring tracker's dirty components on a schedule (and early when many accounts
 * changed), and publishes every lifecycle event to {@code ring-alerts} as JSON keyed by ring id.
 */
@ApplicationScoped
public class RingService {
  /** Channel of ring lifecycle events (topic {@code ring-alerts}). */
  public static final String RING_ALERTS = "ring-alerts";

  private static final Logger LOG = Logger.getLogger(RingService.class);

  private final RingTracker tracker;
  private final MutinyEmitter<String> alerts;
  private final ObjectMapper json;

  public RingService(
      RingTracker tracker, @Channel(RING_ALERTS) MutinyEmitter<String> alerts, ObjectMapper json) {
    this.tracker = tracker;
    this.alerts = alerts;
    this.json = json;
  }

  @Scheduled(
      every = "${ringwatch.rings.recluster-every}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void tick() {
    reclusterDirty();
  }

  @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void onThreshold() {
    if (tracker.thresholdReached()) {
      reclusterDirty();
    }
  }

  /** Re-clusters what changed and publishes the events; returns them. */
  public synchronized List<RingEvent> reclusterDirty() {
    return publish(tracker.reclusterDirty());
  }

  /** Re-clusters everything (ids kept where groups persist) and publishes the events. */
  public synchronized List<RingEvent> recomputeAll() {
    return publish(tracker.recomputeAll());
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
