package io.ringwatch.service.ingest;

import io.ringwatch.service.testkit.KafkaBroker;
import io.ringwatch.service.testkit.ServiceProcess;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Seeds a running service with fixture records through Kafka, for ITs of other surfaces. */
public final class KafkaIngestITSupport {
  private KafkaIngestITSupport() {}

  /**
   * Publishes {@code count} canonical fixture records, waits until the graph holds them all, and
   * returns the number of accounts they make.
   */
  public static long publishAndAwait(
      KafkaBroker broker, ServiceProcess service, int count, long seed) throws Exception {
    FixtureRecords records = new FixtureRecords(seed, "seed-").canonical(count, count / 10);
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (FixtureRecords.Raw raw : records.records) {
        producer.send(
            new ProducerRecord<>(
                "transactions", raw.key().getBytes(StandardCharsets.UTF_8), raw.value()));
      }
    }
    KafkaIngestIT.awaitTransactions(service, records.transactions());
    return records.expectedVertices().get("account");
  }
}
