package io.ringwatch.service.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringwatch.service.testkit.KafkaBroker;
import io.ringwatch.service.testkit.ServiceProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash the service with SIGKILL (or stop it with SIGTERM) while records stream in, start it again
 * on the same BerkeleyJE storage, and check that the graph holds every transaction exactly once:
 * offsets committed only after the graph commit, and idempotent writes for what is redelivered.
 */
class CrashRecoveryIT {
  // Short session so the restarted consumer gets the partitions without waiting 45 s.
  private static final Map<String, String> FAST_REBALANCE =
      Map.of("mp.messaging.incoming.transactions.session.timeout.ms", "6000");

  @TempDir Path storage;

  @Test
  void shouldHoldEveryTransactionExactlyOnceAfterAKillAndRestartMidStream() throws Exception {
    // when the service is killed mid-stream (SIGKILL: no shutdown hooks, no graceful close)
    interruptMidStreamThenRestart(
        new FixtureRecords(23, "crash-").canonical(4000, 500),
        first -> {
          first.kill();
          assertThat(first.isAlive()).isFalse();
        });
  }

  @Test
  void shouldStopCleanlyMidStreamAndHoldEveryTransactionExactlyOnceAfterTheRestart()
      throws Exception {
    // when the service is stopped (SIGTERM, as ./ringwatch down does) while batches are written
    // and rings re-clustered
    interruptMidStreamThenRestart(
        new FixtureRecords(29, "stop-").canonical(4000, 500),
        first -> {
          first.stop();
          // then it exits, and the graph was never closed under a batch or a ring pass (ADR 26)
          assertThat(first.isAlive()).isFalse();
          String log = first.log();
          assertThat(log)
              .as("graph closed under a writer")
              .doesNotContain("Graph has been shut down");
          assertThat(log).as("rings left unwritten").doesNotContain("could not persist");
          assertThat(log).contains("graph closed");
        });
  }

  /**
   * Streams {@code records} into a service, {@code interrupt}s it a third of the way through,
   * starts it again on the same storage while the producer goes on, and checks that the graph then
   * holds every transaction exactly once: offsets committed only after the graph commit, idempotent
   * writes for what is redelivered.
   */
  private void interruptMidStreamThenRestart(
      FixtureRecords records, java.util.function.Consumer<ServiceProcess> interrupt)
      throws Exception {
    try (KafkaBroker broker = KafkaBroker.start()) {
      broker.createTopic("transactions", 4);
      broker.createTopic("transactions.dlq", 1);
      Path graph = storage.resolve("graph");
      AtomicInteger sent = new AtomicInteger();

      ServiceProcess first = ServiceProcess.start(graph, broker.bootstrapServers(), FAST_REBALANCE);
      CompletableFuture<Void> publishing =
          CompletableFuture.runAsync(() -> publish(broker, records, sent));
      while (sent.get() < records.records.size() / 3 && !publishing.isDone()) {
        Thread.sleep(20);
      }
      JsonNode before = statsOf(first);
      interrupt.accept(first);

      try (ServiceProcess second =
          ServiceProcess.start(graph, broker.bootstrapServers(), FAST_REBALANCE)) {
        publishing.get();
        // then every transaction is there exactly once
        JsonNode stats = KafkaIngestIT.awaitTransactions(second, records.transactions());
        assertThat(KafkaIngestIT.counts(stats.get("edges"), records.expectedEdges()))
            .isEqualTo(records.expectedEdges());
        assertThat(KafkaIngestIT.counts(stats.get("vertices"), records.expectedVertices()))
            .isEqualTo(records.expectedVertices());
        assertThat(before.get("edges").path("pays").asLong())
            .as("the interruption happened mid-stream")
            .isLessThan(records.expectedEdges().get("pays"));
      }
    }
  }

  private static JsonNode statsOf(ServiceProcess service) throws Exception {
    return new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(service.get("/graph/stats").body());
  }

  private static void publish(KafkaBroker broker, FixtureRecords records, AtomicInteger sent) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (FixtureRecords.Raw record : records.records) {
        producer.send(
            new ProducerRecord<>(
                "transactions", record.key().getBytes(StandardCharsets.UTF_8), record.value()));
        if (sent.incrementAndGet() % 100 == 0) {
          producer.flush();
          Thread.sleep(100); // ~1,000 records/s: the stream is still flowing when we crash
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
