package io.ringwatch.service.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The test kit's broker is a real KRaft broker that starts, serves records and goes away. */
class KafkaBrokerIT {

  @Test
  void shouldProduceAndConsumeARecordThenLeaveNoBrokerProcessBehind() throws Exception {
    long pid;
    try (KafkaBroker kafka = KafkaBroker.start()) {
      pid = kafka.pid();
      assertThat(kafka.isAlive()).isTrue();
      assertThat(ProcessHandle.current().children().map(ProcessHandle::pid)).contains(pid);

      kafka.createTopic("transactions", 4);
      kafka.createTopic("transactions", 4); // idempotent

      RecordMetadata written;
      try (KafkaProducer<String, String> producer =
          new KafkaProducer<>(
              Map.of(
                  ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  kafka.bootstrapServers(),
                  ProducerConfig.ACKS_CONFIG,
                  "all"),
              new StringSerializer(),
              new StringSerializer())) {
        written =
            producer
                .send(new ProducerRecord<>("transactions", "acct-1", "{\"amount\":42}"))
                .get(30, TimeUnit.SECONDS);
      }
      assertThat(written.topic()).isEqualTo("transactions");

      List<ConsumerRecord<String, String>> read = new ArrayList<>();
      try (KafkaConsumer<String, String> consumer =
          new KafkaConsumer<>(
              Map.of(
                  ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                  ConsumerConfig.GROUP_ID_CONFIG, "kafka-broker-it",
                  ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
              new StringDeserializer(),
              new StringDeserializer())) {
        consumer.subscribe(List.of("transactions"));
        Instant deadline = Instant.now().plusSeconds(30);
        while (read.isEmpty() && Instant.now().isBefore(deadline)) {
          consumer.poll(Duration.ofMillis(500)).forEach(read::add);
        }
      }
      assertThat(read).hasSize(1);
      assertThat(read.get(0).key()).isEqualTo("acct-1");
      assertThat(read.get(0).value()).isEqualTo("{\"amount\":42}");
      assertThat(read.get(0).partition()).isEqualTo(written.partition());
    }

    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
        .as("broker process %d is gone after close()", pid)
        .isFalse();
    assertThat(ProcessHandle.current().children().map(ProcessHandle::pid)).doesNotContain(pid);
  }
}
