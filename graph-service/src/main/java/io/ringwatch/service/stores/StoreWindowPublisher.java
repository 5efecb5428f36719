package io.ringwatch.service.stores;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringwatch.detectors.stores.StoreWindow;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes closed store windows to {@code store-windows} as JSON {@code {window_start, window_end,
 * store_id, ids}} keyed by store id. Sends are awaited, like the decisions.
 */
@ApplicationScoped
public class StoreWindowPublisher {
  /** Channel of closed store windows (topic {@code store-windows}). */
  public static final String STORE_WINDOWS = "store-windows";

  private final MutinyEmitter<String> emitter;
  private final StoreWindowBuffer buffer;
  private final ObjectMapper mapper;

  public StoreWindowPublisher(
      @Channel(STORE_WINDOWS) MutinyEmitter<String> emitter,
      StoreWindowBuffer buffer,
      ObjectMapper mapper) {
    this.emitter = emitter;
    this.buffer = buffer;
    this.mapper = mapper;
  }

  /** Sends every pending window and forgets each once it is on the broker. */
  public synchronized void publishPending() {
    List<StoreWindow> pending = buffer.pending();
    for (StoreWindow window : pending) {
      OutgoingKafkaRecordMetadata<String> metadata =
          OutgoingKafkaRecordMetadata.<String>builder().withKey(window.storeId()).build();
      emitter.sendMessageAndAwait(Message.of(json(window)).addMetadata(metadata));
      buffer.published(List.of(window));
    }
  }

  String json(StoreWindow window) {
    ObjectNode node = mapper.createObjectNode();
    node.put("window_start", window.windowStart().toString());
    node.put("window_end", window.windowEnd().toString());
    node.put("store_id", window.storeId());
    window.ids().forEach(node.putArray("ids")::add);
    return node.toString();
  }
}
