package io.ringwatch.ingest.cli;

import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** An idempotent, acks=all producer that counts what it sent and what failed. */
final class KafkaPublisher implements AutoCloseable {
  private final KafkaProducer<String, byte[]> producer;
  private final String topic;
  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicReference<String> firstError = new AtomicReference<>();

  KafkaPublisher(String bootstrapServers, String topic, String clientId) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 10);
    // fail within seconds, not a minute, when the broker is not there
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    this.topic = topic;
  }

  void send(String key, byte[] value) {
    producer.send(
        new ProducerRecord<>(topic, key, value),
        (metadata, exception) -> {
          if (exception == null) {
            acknowledged.incrementAndGet();
          } else {
            errors.incrementAndGet();
            firstError.compareAndSet(null, exception.toString());
          }
        });
  }

  /** True when sends fail and none ever succeeded: the broker or topic is unusable. */
  /**
   * When the broker is unreachable, says so on {@code err} for {@code command} and returns true:
   * the caller then stops with exit code 1 instead of sending into the void.
   */
  boolean reportIfUnreachable(
      java.io.PrintWriter err, String command, String topic, String servers) {
    if (!unreachable()) {
      return false;
    }
    err.printf("%s: cannot publish to %s at %s: %s%n", command, topic, servers, firstError());
    err.flush();
    return true;
  }

  boolean unreachable() {
    return errors.get() > 0 && acknowledged.get() == 0;
  }

  long acknowledged() {
    return acknowledged.get();
  }

  long errors() {
    return errors.get();
  }

  String firstError() {
    return firstError.get();
  }

  @Override
  public void close() {
    producer.flush();
    producer.close();
  }
}
