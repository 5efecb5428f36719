package io.ringwatch.service.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringwatch.ingest.DeadLetters;
import io.ringwatch.service.testkit.KafkaBroker;
import io.ringwatch.service.testkit.ServiceProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end over a real Kafka broker and the packaged service on BerkeleyJE: every input format
 * lands in the graph exactly once, every malformed record lands in the dead-letter topic with its
 * reason and original bytes, and duplicates change nothing.
 */
class KafkaIngestIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path storage;
  private static KafkaBroker broker;

  @BeforeAll
  static void startBroker() {
    broker = KafkaBroker.start();
    broker.createTopic("transactions", 4);
    broker.createTopic("transactions.dlq", 1);
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void shouldStoreEveryFormatOnceAndDeadLetterEveryMalformedRecordWithItsReason() throws Exception {
    // given valid records in all four shapes, 55 malformed records of 11 kinds, and 200 duplicates
    FixtureRecords valid =
        new FixtureRecords(7, "it-")
            .canonical(300, 40)
            .kafkaGenerator(60)
            .webStore(60)
            .detectPayloads(30);
    List<MalformedRecords.Bad> malformed = MalformedRecords.corpus(5);
    List<FixtureRecords.Raw> duplicates = new ArrayList<>(valid.records);
    Collections.shuffle(duplicates, new Random(11));
    duplicates = duplicates.subList(0, 200);

    try (ServiceProcess service =
        ServiceProcess.start(storage.resolve("graph"), broker.bootstrapServers(), Map.of())) {
      // when they are published, interleaved
      try (KafkaProducer<byte[], byte[]> producer = producer()) {
        int next = 0;
        for (FixtureRecords.Raw record : valid.records) {
          send(producer, record.key(), record.value());
          if (next < malformed.size() && valid.records.indexOf(record) % 8 == 0) {
            send(producer, "A-1", malformed.get(next++).value());
          }
        }
        while (next < malformed.size()) {
          send(producer, "A-1", malformed.get(next++).value());
        }
        for (FixtureRecords.Raw record : duplicates) {
          send(producer, record.key(), record.value());
        }
        producer.flush();
      }

      // then every malformed record is dead-lettered with its reason and original bytes
      List<ConsumerRecord<byte[], byte[]>> letters = readAll("transactions.dlq", malformed.size());
      assertThat(letters).hasSize(malformed.size());
      Map<String, Integer> expectedReasons = new HashMap<>();
      for (MalformedRecords.Bad bad : malformed) {
        expectedReasons.merge(bad.reason().name() + ":" + digest(bad.value()), 1, Integer::sum);
      }
      Map<String, Integer> actualReasons = new HashMap<>();
      for (ConsumerRecord<byte[], byte[]> letter : letters) {
        Header reason = letter.headers().lastHeader(DeadLetters.REASON);
        assertThat(reason).as("reason header").isNotNull();
        assertThat(letter.headers().lastHeader(DeadLetters.SOURCE_TOPIC)).isNotNull();
        actualReasons.merge(
            new String(reason.value(), StandardCharsets.UTF_8) + ":" + digest(letter.value()),
            1,
            Integer::sum);
      }
      assertThat(actualReasons).isEqualTo(expectedReasons);

      // and the graph holds every valid transaction exactly once
      JsonNode stats = awaitTransactions(service, valid.transactions());
      assertThat(counts(stats.get("vertices"), valid.expectedVertices()))
          .isEqualTo(valid.expectedVertices());
      assertThat(counts(stats.get("edges"), valid.expectedEdges()))
          .isEqualTo(valid.expectedEdges());

      // and a sample transaction and account answer over REST
      JsonNode tx = JSON.readTree(service.get("/transactions/it-can-100").body());
      assertThat(tx.get("accountId").asText()).startsWith("A-");
      assertThat(service.get("/accounts/A-1").statusCode()).isEqualTo(200);
      assertThat(service.get("/accounts/nobody").statusCode()).isEqualTo(404);
    }
  }

  static JsonNode awaitTransactions(ServiceProcess service, int expected) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(300));
    JsonNode stats = null;
    long stored = -1;
    long stableSince = System.nanoTime();
    while (Instant.now().isBefore(deadline)) {
      var response = service.get("/graph/stats");
      if (response.statusCode() != 200) {
        // a count that met a writer's lock (BerkeleyJE lock timeout) answers 5xx: ask again
        Thread.sleep(200);
        continue;
      }
      stats = JSON.readTree(response.body());
      long now =
          stats.get("edges").path("pays").asLong() + stats.get("edges").path("transfers").asLong();
      if (now != stored) {
        stored = now;
        stableSince = System.nanoTime();
      }
      // done when everything arrived and nothing more arrives for a while (no late double counts)
      if (stored >= expected && System.nanoTime() - stableSince > Duration.ofSeconds(5).toNanos()) {
        return stats;
      }
      Thread.sleep(500);
    }
    throw new AssertionError(
        "graph holds " + stored + " of " + expected + " transactions: " + stats);
  }

  static Map<String, Long> counts(JsonNode node, Map<String, Long> like) {
    Map<String, Long> actual = new java.util.LinkedHashMap<>();
    for (String label : like.keySet()) {
      actual.put(label, node.path(label).asLong());
    }
    return actual;
  }

  private static String digest(byte[] value) {
    try {
      return Base64.getEncoder()
          .encodeToString(java.security.MessageDigest.getInstance("SHA-256").digest(value));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static KafkaProducer<byte[], byte[]> producer() {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1_000_000);
    return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static void send(KafkaProducer<byte[], byte[]> producer, String key, byte[] value) {
    producer.send(
        new ProducerRecord<>(
            "transactions", key == null ? null : key.getBytes(StandardCharsets.UTF_8), value));
  }

  private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
      Instant quietUntil = null;
      while (Instant.now().isBefore(deadline)) {
        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        if (records.size() >= expected) {
          // read a little longer: more letters than expected is a failure too
          if (quietUntil == null) {
            quietUntil = Instant.now().plusSeconds(3);
          } else if (Instant.now().isAfter(quietUntil)) {
            break;
          }
        }
      }
    }
    return records;
  }
}
