package io.ringwatch.service.rings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringwatch.service.testkit.KafkaBroker;
import io.ringwatch.service.testkit.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A device ring and a transfer loop published over a real broker to the packaged service appear as
 * rings, are announced on {@code ring-alerts}, are stored in the graph, and keep their ids when the
 * service is stopped and started again on the same storage.
 */
class RingRestartIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-11-03T09:00:00Z");
  private static final Map<String, String> FAST =
      Map.of(
          "ringwatch.rings.recluster-every", "1s",
          "mp.messaging.incoming.transactions.session.timeout.ms", "6000");
  private static final List<String> DEVICE_RING =
      List.of("RR-1", "RR-2", "RR-3", "RR-4", "RR-5", "RR-6");
  private static final List<String> LOOP = List.of("LP-1", "LP-2", "LP-3", "LP-4");

  @TempDir Path storage;

  @Test
  void shouldKeepRingIdsAndStoredMembershipsAcrossAStopAndRestart() throws Exception {
    List<String[]> records = fixture(new Random(11));
    try (KafkaBroker broker = KafkaBroker.start()) {
      broker.createTopic("transactions", 2);
      broker.createTopic("transactions.dlq", 1);
      broker.createTopic("ring-alerts", 1);
      Path graph = storage.resolve("graph");

      String deviceRingId;
      String loopRingId;
      String newEventAt;
      try (ServiceProcess first = ServiceProcess.start(graph, broker.bootstrapServers(), FAST)) {
        // given the fixture published over Kafka
        publish(broker, records);

        // when the service has re-clustered, both rings are listed
        JsonNode rings =
            await(first, "/rings?limit=100", r -> r.get("total").asInt() >= 2, "two rings");
        deviceRingId = ringOf(first, "RR-3");
        loopRingId = ringOf(first, "LP-2");
        assertThat(deviceRingId).isNotNull().isNotEqualTo(loopRingId);
        assertThat(rings.get("rings").findValuesAsText("ringId"))
            .contains(deviceRingId, loopRingId);
        assertThat(ringOf(first, "N-7")).as("noise is in no ring").isNull();

        // then a plain consumer reads the device ring's NEW alert with members and evidence
        JsonNode alert = newAlert(broker, deviceRingId);
        assertThat(alert.get("eventType").asText()).isEqualTo("NEW");
        assertThat(alert.get("ringId").asText()).isEqualTo(deviceRingId);
        JsonNode ring = alert.get("ring");
        assertThat(ring.get("score").asDouble()).isGreaterThanOrEqualTo(0.5);
        assertThat(ring.get("members").findValuesAsText("accountId"))
            .containsExactlyInAnyOrderElementsOf(DEVICE_RING);
        JsonNode identifier = ring.get("evidence").get("identifiers").get(0);
        assertThat(identifier.get("kind").asText()).isEqualTo("device");
        assertThat(identifier.get("value").asText()).isEqualTo("D-RING");
        assertThat(identifier.get("members").asInt()).isEqualTo(6);
        assertThat(ring.get("evidence").get("gremlin").asText()).contains("D-RING");

        // and the ring's history starts with that NEW event
        JsonNode history = JSON.readTree(first.get("/rings/" + deviceRingId + "/history").body());
        assertThat(history.get(0).get("eventType").asText()).isEqualTo("NEW");
        newEventAt = history.get(0).get("at").asText();

        // and the rings are in the graph: ring vertices and member_of edges
        JsonNode stats = JSON.readTree(first.get("/graph/stats").body());
        assertThat(stats.get("vertices").get("ring").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(stats.get("edges").get("member_of").asLong())
            .isGreaterThanOrEqualTo(DEVICE_RING.size() + LOOP.size());
        first.stop();
      }

      // when the service starts again on the same storage
      try (ServiceProcess second = ServiceProcess.start(graph, broker.bootstrapServers(), FAST)) {
        // then the accounts name the same rings, restored from the graph
        assertThat(ringOf(second, "RR-3")).isEqualTo(deviceRingId);
        assertThat(ringOf(second, "LP-2")).isEqualTo(loopRingId);
        // and once the rebuilt projection is re-clustered, the ring keeps its id and its evidence
        JsonNode detail =
            await(
                second,
                "/rings/" + deviceRingId,
                r -> r.get("evidence").get("identifiers").size() > 0,
                "the restored ring re-clustered with its evidence");
        assertThat(detail.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(detail.get("members").findValuesAsText("accountId"))
            .containsExactlyInAnyOrderElementsOf(DEVICE_RING);
        assertThat(ringOf(second, "RR-3")).isEqualTo(deviceRingId);
        JsonNode stored = JSON.readTree(second.get("/accounts/RR-3/rings").body());
        assertThat(stored.get("memberships").get(0).get("ringId").asText()).isEqualTo(deviceRingId);
        JsonNode stats = JSON.readTree(second.get("/graph/stats").body());
        assertThat(stats.get("vertices").get("ring").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(stats.get("edges").get("member_of").asLong())
            .isGreaterThanOrEqualTo(DEVICE_RING.size() + LOOP.size());
        // and the ring's history survived the restart: the same NEW event comes first
        JsonNode history = JSON.readTree(second.get("/rings/" + deviceRingId + "/history").body());
        assertThat(history.get(0).get("eventType").asText()).isEqualTo("NEW");
        assertThat(history.get(0).get("at").asText()).isEqualTo(newEventAt);
        assertThat(stats.get("vertices").get("ring_event").asLong()).isGreaterThanOrEqualTo(2);
        // and no ring was announced as NEW a second time
        assertThat(newAlertsFor(broker, List.of(deviceRingId, loopRingId))).isEqualTo(2);
      }
    }
  }

  /**
   * Six fraud-labelled accounts on one device; a loop of four transfers carrying the amount on
   * within an hour; forty noise accounts with their own devices, sharing three IPs.
   */
  private static List<String[]> fixture(Random random) {
    List<String[]> records = new ArrayList<>();
    int n = 0;
    for (String account : DEVICE_RING) {
      for (int k = 0; k < 2; k++) {
        records.add(
            payment("rr-" + n, account, "D-RING", "192.168.7." + n, T0.plusSeconds(60L * n), true));
        n++;
      }
    }
    for (int i = 0; i < LOOP.size(); i++) {
      String from = LOOP.get(i);
      String to = LOOP.get((i + 1) % LOOP.size());
      String json =
          ("{\"transaction_id\":\"lp-%d\",\"account_id\":\"%s\",\"counterparty_id\":\"%s\","
                  + "\"amount\":%d.00,\"currency\":\"EUR\",\"timestamp\":\"%s\","
                  + "\"device_id\":\"D-%s\",\"ip\":\"172.16.0.%d\",\"channel\":\"transfer\"}")
              .formatted(i, from, to, 5000 - 100 * i, T0.plusSeconds(300L * i), from, i);
      records.add(new String[] {from, json});
    }
    for (int i = 0; i < 40; i++) {
      for (int k = 0; k < 3; k++) {
        records.add(
            payment(
                "n-" + i + "-" + k,
                "N-" + i,
                "D-N-" + i,
                "10.9.0." + random.nextInt(3),
                T0.plusSeconds(random.nextInt(7200)),
                false));
      }
    }
    return records;
  }

  private static String[] payment(
      String tx, String account, String device, String ip, Instant at, boolean fraud) {
    String json =
        ("{\"transaction_id\":\"%s\",\"account_id\":\"%s\",\"amount\":42.00,\"currency\":\"EUR\","
                + "\"timestamp\":\"%s\",\"merchant_id\":\"M-1\",\"device_id\":\"%s\",\"ip\":\"%s\","
                + "\"channel\":\"card\",\"is_fraud\":%s}")
            .formatted(tx, account, at, device, ip, fraud);
    return new String[] {account, json};
  }

  private static void publish(KafkaBroker broker, List<String[]> records) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      for (String[] record : records) {
        producer.send(new ProducerRecord<>("transactions", record[0], record[1]));
      }
      producer.flush();
    }
  }

  /** The ring id {@code GET /accounts/{id}/ring} names, or null when "none". */
  private static String ringOf(ServiceProcess service, String account) throws Exception {
    var response = service.get("/accounts/" + account + "/ring");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode ring = JSON.readTree(response.body()).get("ring");
    return ring == null || ring.isNull() ? null : ring.get("ringId").asText();
  }

  private static JsonNode await(
      ServiceProcess service, String path, Predicate<JsonNode> done, String what) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
    String last = null;
    while (Instant.now().isBefore(deadline)) {
      var response = service.get(path);
      last = response.body();
      if (response.statusCode() == 200) {
        JsonNode body = JSON.readTree(last);
        if (done.test(body)) {
          return body;
        }
      }
      Thread.sleep(500);
    }
    throw new AssertionError("no " + what + " within 120 s; last answer " + last);
  }

  /** Every record on ring-alerts so far, read by a fresh consumer group from the beginning. */
  private static List<ConsumerRecord<String, String>> alerts(KafkaBroker broker) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "ring-restart-it-" + System.nanoTime());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<String, String>> all = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of("ring-alerts"));
      Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
      int emptyPolls = 0;
      // Until something arrived and the topic stays drained for three polls.
      while (Instant.now().isBefore(deadline) && (all.isEmpty() || emptyPolls < 3)) {
        var batch = consumer.poll(Duration.ofMillis(500));
        batch.forEach(all::add);
        emptyPolls = batch.isEmpty() ? emptyPolls + 1 : 0;
      }
    }
    return all;
  }

  private static JsonNode newAlert(KafkaBroker broker, String ringId) throws Exception {
    for (ConsumerRecord<String, String> record : alerts(broker)) {
      JsonNode alert = JSON.readTree(record.value());
      if (ringId.equals(record.key()) && "NEW".equals(alert.get("eventType").asText())) {
        return alert;
      }
    }
    throw new AssertionError("no NEW alert for " + ringId + " on ring-alerts");
  }

  private static int newAlertsFor(KafkaBroker broker, List<String> ringIds) throws Exception {
    int count = 0;
    TreeSet<String> wanted = new TreeSet<>(ringIds);
    for (ConsumerRecord<String, String> record : alerts(broker)) {
      if (wanted.contains(record.key())
          && "NEW".equals(JSON.readTree(record.value()).get("eventType").asText())) {
        count++;
      }
    }
    return count;
  }
}
