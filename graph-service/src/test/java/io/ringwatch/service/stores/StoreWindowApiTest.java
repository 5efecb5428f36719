package io.ringwatch.service.stores;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.ringwatch.detectors.domain.TransactionId;
import io.ringwatch.gremlin.RingwatchGraph;
import io.ringwatch.service.rest.Problem;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Store windows through the service: suspicious sales from the Kafka path, the window emitted on
 * store-windows when the watermark passes its end, and the reconciliation query.
 */
@QuarkusTest
class StoreWindowApiTest {
  /** Later than every other test's events, so that the shared watermark is ours to move. */
  private static final Instant W0 = Instant.parse("2027-06-01T10:00:00Z");

  @Inject @Any InMemoryConnector connector;
  @Inject RingwatchGraph graph;

  private static String sale(String id, Instant at, int discount, boolean fraud) {
    return """
        {"transaction_id":"%s","account_id":"SW-cust-%s","amount":"49.90","timestamp":"%s",
         "channel":"STORE","is_fraud":%s,
         "store":{"store_id":"SW-1","event_type":"sale_event","discount":%d,
                  "priority_shipping":true}}"""
        .formatted(id, id, at, fraud, discount);
  }

  private static String tick(String id, Instant at) {
    return """
        {"transaction_id":"%s","account_id":"SW-tick","amount":"5.00","timestamp":"%s",
         "merchant_id":"SW-M","channel":"CARD"}"""
        .formatted(id, at);
  }

  private void send(String... values) {
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (String value : values) {
      records.add(
          new ConsumerRecord<>(
              "transactions",
              0,
              records.size(),
              "SW".getBytes(StandardCharsets.UTF_8),
              value.getBytes(StandardCharsets.UTF_8)));
    }
    connector
        .source("transactions")
        .send(new ConsumerRecords<>(Map.of(new TopicPartition("transactions", 0), records)));
  }

  private void awaitStored(String id) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> graph.queries().transaction(TransactionId.of(id)).isPresent());
  }

  @Test
  void shouldEmitAClosedWindowAndReconcileItWithTheConfirmedFraud() throws Exception {
    InMemorySink<String> windows = connector.sink(StoreWindowPublisher.STORE_WINDOWS);
    windows.clear();

    // given two suspicious sales in [10:00, 10:05), one at exactly 10:05, and a plain sale
    send(
        sale("sw-1", W0.plusSeconds(10), 60, true),
        sale("sw-2", W0.plusSeconds(60), 80, false),
        sale("sw-plain", W0.plusSeconds(90), 20, true),
        sale("sw-3", W0.plus(Duration.ofMinutes(5)), 70, true));
    awaitStored("sw-3");
    // then nothing is emitted while the watermark (10:04) is before the window's end
    assertThat(windows.received()).isEmpty();

    // when event time reaches 10:06 (watermark 10:05 with a minute of allowed lateness)
    send(tick("sw-tick", W0.plus(Duration.ofMinutes(6))));

    // then the first window is emitted, the 10:05 event is in the next (still open) one
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> windows.received().size() == 1);
    JsonNode window = new ObjectMapper().readTree(windows.received().get(0).getPayload());
    assertThat(window.get("store_id").asText()).isEqualTo("SW-1");
    assertThat(window.get("window_start").asText()).isEqualTo("2027-06-01T10:00:00Z");
    assertThat(window.get("window_end").asText()).isEqualTo("2027-06-01T10:05:00Z");
    assertThat(window.get("ids").toString()).isEqualTo("[\"sw-1\",\"sw-2\"]");
    assertThat(
            windows
                .received()
                .get(0)
                .getMetadata(
                    io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata.class))
        .hasValueSatisfying(m -> assertThat(m.getKey()).isEqualTo("SW-1"));

    // and the reconciliation sets each window's suspicious ids against the stored labels
    given()
        .queryParam("from", "2027-06-01T10:00:00Z")
        .queryParam("to", "2027-06-01T10:10:00Z")
        .queryParam("store", "SW-1")
        .get("/stores/windows/reconciliation")
        .then()
        .statusCode(200)
        .body("windows", hasSize(2))
        .body("windows[0].window_start", equalTo("2027-06-01T10:00:00Z"))
        .body("windows[0].suspicious_ids", contains("sw-1", "sw-2"))
        .body("windows[0].confirmed_fraud_ids", contains("sw-1"))
        .body("windows[0].not_confirmed_ids", contains("sw-2"))
        .body("windows[0].missed_fraud_ids", contains("sw-plain"))
        .body("windows[1].window_start", equalTo("2027-06-01T10:05:00Z"))
        .body("windows[1].suspicious_ids", contains("sw-3"))
        .body("truncated", equalTo(false));
  }

  @Test
  void shouldAnswerAMissingOrMalformedRangeWith400() {
    for (Map<String, String> query :
        List.of(
            Map.of("to", "2027-06-01T10:10:00Z"),
            Map.of("from", "yesterday", "to", "2027-06-01T10:10:00Z"),
            Map.of("from", "2027-06-01T10:10:00Z", "to", "2027-06-01T10:00:00Z"))) {
      given()
          .queryParams(query)
          .get("/stores/windows/reconciliation")
          .then()
          .statusCode(400)
          .contentType(Problem.MEDIA_TYPE);
    }
  }
}
