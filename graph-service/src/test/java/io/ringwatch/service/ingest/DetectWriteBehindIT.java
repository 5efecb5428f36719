package io.ringwatch.service.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringwatch.service.testkit.KafkaBroker;
import io.ringwatch.service.testkit.ServiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /detect} recorded write-behind (ADR 0019), over a real Kafka broker and the packaged
 * service on BerkeleyJE: concurrent requests, repeated event ids and a crash right after the
 * answers, each event stored exactly once in the graph and published exactly once to {@code
 * decisions}, with the decision it was answered.
 */
class DetectWriteBehindIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  // Short session so that a restarted consumer gets the partitions without waiting 45 s.
  private static final Map<String, String> FAST_REBALANCE =
      Map.of("mp.messaging.incoming.transactions.session.timeout.ms", "6000");

  @TempDir static Path storage;
  private static KafkaBroker broker;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void startBroker() {
    broker = KafkaBroker.start();
    broker.createTopic("transactions", 4);
    broker.createTopic("transactions.dlq", 1);
    broker.createTopic("decisions", 2);
    broker.createTopic("fraud-alerts", 1);
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void shouldRecordConcurrentDetectsOnceEachAndReadEveryDecisionBackAtOnce() throws Exception {
    try (ServiceProcess service =
        ServiceProcess.start(storage.resolve("concurrent"), broker.bootstrapServers(), Map.of())) {
      // given 400 events of 40 accounts, the first 80 of them sent a second time, all concurrently
      List<String> bodies = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        bodies.add(payload("conc-" + i, "CA-" + (i % 40), i));
      }
      List<String> requests = new ArrayList<>(bodies);
      requests.addAll(bodies.subList(0, 80));
      java.util.Collections.shuffle(requests, new java.util.Random(5));

      // when they are posted from 16 threads, each caller reading its decision back on the answer
      Map<String, List<JsonNode>> answers = postAll(service, requests, 16);

      // then each id was answered one decision, readable right after its answer
      assertThat(answers).hasSize(400);
      for (Map.Entry<String, List<JsonNode>> answer : answers.entrySet()) {
        List<JsonNode> got = answer.getValue();
        assertThat(got).allSatisfy(a -> assertThat(a).isEqualTo(got.get(0)));
      }
      // and the graph holds every event once, with the decision it was answered
      JsonNode stats = KafkaIngestIT.awaitTransactions(service, 400);
      assertThat(stats.get("edges").path("pays").asLong()).isEqualTo(400);
      // and the write-behind backlog gauge drains to zero once all are stored
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(service.get("/q/metrics").body())
                      .containsPattern("(?m)^ringwatch_detect_pending 0\\.0$"));
      // and decisions carries every decision once
      Map<String, JsonNode> published = readDecisions(400);
      assertThat(published).hasSize(400);
      for (Map.Entry<String, JsonNode> p : published.entrySet()) {
        assertThat(p.getValue()).isEqualTo(answers.get(p.getKey()).get(0).get("answer"));
      }
    }
  }

  @Test
  void shouldKeepEveryAnsweredEventThroughAKillRightAfterTheAnswers() throws Exception {
    Path graph = storage.resolve("killed");
    Map<String, List<JsonNode>> answers;
    ServiceProcess first = ServiceProcess.start(graph, broker.bootstrapServers(), FAST_REBALANCE);
    try {
      // given 300 events answered by /detect
      List<String> requests = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        requests.add(payload("kill-" + i, "KA-" + (i % 30), i));
      }
      answers = postAll(first, requests, 8);
      // when the service is killed at once, before the graph writer has necessarily caught up
    } finally {
      first.kill();
    }
    assertThat(answers).hasSize(300);

    // then, started again on the same storage, it stores every answered event once
    try (ServiceProcess second =
        ServiceProcess.start(graph, broker.bootstrapServers(), FAST_REBALANCE)) {
      JsonNode stats = KafkaIngestIT.awaitTransactions(second, 300);
      assertThat(stats.get("edges").path("pays").asLong()).isEqualTo(300);
      // with the decision it was answered, read back from the graph
      for (int i = 0; i < 300; i += 7) {
        JsonNode read = JSON.readTree(second.get("/decisions/kill-" + i).body());
        assertThat(read).isEqualTo(answers.get("kill-" + i).get(0).get("answer"));
      }
    }
  }

  private static String payload(String id, String account, int i) {
    return String.format(
        Locale.ROOT,
        "{\"event_id\":\"%s\",\"transaction_amount\":%d.%02d,\"ip_address\":\"10.7.%d.%d\","
            + "\"account_id\":\"%s\"}",
        id,
        10 + i % 500,
        i % 100,
        i % 7,
        i % 200,
        account);
  }

  /**
   * Posts every body concurrently; each caller reads {@code GET /decisions/{id}} as soon as its
   * answer arrives. Returns, per event id, {@code {"answer": ..., "read": ...}} per request.
   */
  private Map<String, List<JsonNode>> postAll(
      ServiceProcess service, List<String> bodies, int threads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<CompletableFuture<JsonNode>> calls = new ArrayList<>();
      for (String body : bodies) {
        calls.add(CompletableFuture.supplyAsync(() -> postAndReadBack(service, body), pool));
      }
      Map<String, List<JsonNode>> byId = new HashMap<>();
      for (CompletableFuture<JsonNode> call : calls) {
        JsonNode result = call.get();
        byId.computeIfAbsent(result.get("answer").get("event_id").asText(), k -> new ArrayList<>())
            .add(result);
      }
      return byId;
    } finally {
      pool.shutdownNow();
    }
  }

  private JsonNode postAndReadBack(ServiceProcess service, String body) {
    try {
      HttpResponse<String> answer =
          http.send(
              HttpRequest.newBuilder(URI.create(service.baseUrl() + "/detect"))
                  .header("Content-Type", "application/json")
                  .timeout(Duration.ofSeconds(30))
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).as("answer to %s: %s", body, answer.body()).isEqualTo(200);
      JsonNode decision = JSON.readTree(answer.body());
      HttpResponse<String> read = service.get("/decisions/" + decision.get("event_id").asText());
      assertThat(read.statusCode()).as("read back %s", read.body()).isEqualTo(200);
      JsonNode readBack = JSON.readTree(read.body());
      assertThat(readBack).as("decision read back right after the answer").isEqualTo(decision);
      return JSON.createObjectNode().set("answer", decision);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Every record on {@code decisions}, by event id; fails on an event id published twice. */
  private static Map<String, JsonNode> readDecisions(int expected) throws Exception {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    Map<String, JsonNode> byId = new HashMap<>();
    List<String> twice = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of("decisions"));
      Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
      Instant quietUntil = null;
      while (Instant.now().isBefore(deadline)) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          JsonNode decision = JSON.readTree(record.value());
          String id = decision.get("event_id").asText();
          if (!id.startsWith("conc-")) {
            continue;
          }
          if (byId.put(id, decision) != null) {
            twice.add(id);
          }
        }
        if (byId.size() >= expected) {
          // read a little longer: a second copy is a failure too
          quietUntil = quietUntil == null ? Instant.now().plusSeconds(3) : quietUntil;
          if (Instant.now().isAfter(quietUntil)) {
            break;
          }
        }
      }
    }
    assertThat(twice).as("event ids published twice").isEmpty();
    return byId;
  }
}
