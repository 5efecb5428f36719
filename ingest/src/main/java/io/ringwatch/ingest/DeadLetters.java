package io.ringwatch.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The Kafka headers of a dead-lettered record: the rejection and where the original came from. The
 * record value stays the original bytes.
 */
public final class DeadLetters {
  public static final String REASON = "ringwatch-dlq-reason";
  public static final String FIELD = "ringwatch-dlq-field";
  public static final String DETAIL = "ringwatch-dlq-detail";
  public static final String SOURCE_TOPIC = "ringwatch-dlq-source-topic";
  public static final String SOURCE_PARTITION = "ringwatch-dlq-source-partition";
  public static final String SOURCE_OFFSET = "ringwatch-dlq-source-offset";

  private DeadLetters() {}

  /**
   * Headers describing {@code rejection} of the record at {@code topic}/{@code partition}/{@code
   * offset}. All values are UTF-8 text; {@link #FIELD} is absent when the rejection names no field.
   */
  public static Headers headers(Rejection rejection, String topic, int partition, long offset) {
    Objects.requireNonNull(rejection, "rejection");
    RecordHeaders headers = new RecordHeaders();
    headers.add(REASON, utf8(rejection.reason().name()));
    if (rejection.field() != null) {
      headers.add(FIELD, utf8(rejection.field()));
    }
    headers.add(DETAIL, utf8(rejection.detail()));
    if (topic != null) {
      headers.add(SOURCE_TOPIC, utf8(topic));
    }
    headers.add(SOURCE_PARTITION, utf8(Integer.toString(partition)));
    headers.add(SOURCE_OFFSET, utf8(Long.toString(offset)));
    return headers;
  }

  /** The text of the last header named {@code key}, or null when there is none. */
  public static String text(Headers headers, String key) {
    Header header = headers.lastHeader(key);
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
