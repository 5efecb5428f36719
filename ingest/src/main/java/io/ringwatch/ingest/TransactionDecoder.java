package io.ringwatch.ingest;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.ringwatch.detectors.domain.Transaction;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;

/**
 * Decodes one input record (a Kafka value or an HTTP body) into a {@link Transaction}, recognising
 * the input format from the JSON shape. It never throws: every bad input becomes a {@link
 * DecodeResult.Rejected} with a precise {@link Rejection}. Instances are immutable and thread-safe.
 *
 * <p>Shapes are recognised by their distinguishing fields, so that a record of a known shape with a
 * field missing is reported as that missing field rather than as an unknown format:
 *
 * <ol>
 *   <li>{@code account_id} and {@code transaction_id}: canonical;
 *   <li>{@code user_id} or {@code merchant_category}: Kafka generator;
 *   <li>{@code event_type}, {@code cust_id} or {@code store_id}: web store;
 *   <li>{@code event_id}, {@code transaction_amount} or {@code ip_address}: {@code /detect};
 *   <li>{@code account_id} or {@code transaction_id} alone: canonical.
 * </ol>
 *
 * Cost: one streaming parse into a tree, linear in the record size, which is checked first.
 */
public final class TransactionDecoder {
  /** Default upper bound of a record, in bytes. */
  public static final int DEFAULT_MAX_BYTES = 64 * 1024;

  private final int maxBytes;
  private final Clock clock;
  private final ObjectReader reader;

  /** A decoder accepting records up to {@link #DEFAULT_MAX_BYTES}, using the system UTC clock. */
  public TransactionDecoder() {
    this(DEFAULT_MAX_BYTES);
  }

  public TransactionDecoder(int maxBytes) {
    this(maxBytes, Clock.systemUTC());
  }

  /**
   * @param maxBytes largest record accepted; larger ones are rejected without parsing
   * @param clock the time given to {@code /detect} payloads without a timestamp
   */
  public TransactionDecoder(int maxBytes, Clock clock) {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
    }
    this.maxBytes = maxBytes;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.reader = Json.mapper(maxBytes).reader();
  }

  public int maxBytes() {
    return maxBytes;
  }

  /** Decodes {@code value}, recognising its format from its shape. */
  public DecodeResult decode(byte[] value) {
    return decode(value, null);
  }

  /**
   * Decodes {@code value} as {@code expected}, or recognises the format when {@code expected} is
   * null. A record whose shape is not {@code expected} is rejected as {@link
   * RejectionReason#UNKNOWN_FORMAT}.
   */
  public DecodeResult decode(byte[] value, InputFormat expected) {
    try {
      Rejection early = checkBytes(value);
      if (early != null) {
        return new DecodeResult.Rejected(early);
      }
      JsonNode node = parse(value);
      if (!node.isObject()) {
        return rejected(
            RejectionReason.UNKNOWN_FORMAT,
            "expected a JSON object, got " + node.getNodeType().name().toLowerCase(Locale.ROOT));
      }
      InputFormat format = recognise(node);
      if (format == null) {
        return rejected(RejectionReason.UNKNOWN_FORMAT, "fields match no known input format");
      }
      if (expected != null && format != expected) {
        return rejected(
            RejectionReason.UNKNOWN_FORMAT,
            "expected " + expected + " but the record looks like " + format);
      }
      return new DecodeResult.Accepted(map(format, node), format);
    } catch (RejectedException e) {
      return new DecodeResult.Rejected(e.rejection());
    } catch (RuntimeException e) {
      // The field readers check everything the domain validates; this is the last line of defence
      // so that a decoder bug dead-letters one record instead of stopping the consumer.
      return rejected(RejectionReason.INVALID_VALUE, String.valueOf(e.getMessage()));
    }
  }

  private Rejection checkBytes(byte[] value) {
    if (value == null || value.length == 0) {
      return Rejection.of(RejectionReason.EMPTY, "record has no bytes");
    }
    if (value.length > maxBytes) {
      return Rejection.of(
          RejectionReason.OVERSIZED, "record is " + value.length + " bytes, limit is " + maxBytes);
    }
    for (byte b : value) {
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return null;
      }
    }
    return Rejection.of(RejectionReason.EMPTY, "record is only whitespace");
  }

  private JsonNode parse(byte[] value) {
    try {
      JsonNode node = reader.readTree(value);
      if (node == null || node.isMissingNode()) {
        throw new RejectedException(RejectionReason.EMPTY, null, "record has no JSON value");
      }
      return node;
    } catch (StreamConstraintsException e) {
      throw new RejectedException(
          RejectionReason.MALFORMED_JSON, null, "exceeds parser limits: " + firstLine(e));
    } catch (JacksonException e) {
      throw new RejectedException(RejectionReason.MALFORMED_JSON, null, firstLine(e));
    } catch (java.io.IOException | RuntimeException e) {
      if (e instanceof RejectedException rejected) {
        throw rejected;
      }
      throw new RejectedException(
          RejectionReason.MALFORMED_JSON, null, String.valueOf(e.getMessage()));
    }
  }

  private static InputFormat recognise(JsonNode node) {
    if (node.has("account_id") && node.has("transaction_id")) {
      return InputFormat.CANONICAL;
    }
    if (node.has("user_id") || node.has("merchant_category")) {
      return InputFormat.KAFKA_GENERATOR;
    }
    if (node.has("event_type") || node.has("cust_id") || node.has("store_id")) {
      return InputFormat.WEB_STORE;
    }
    if (node.has("event_id") || node.has("transaction_amount") || node.has("ip_address")) {
      return InputFormat.DETECT;
    }
    if (node.has("account_id") || node.has("transaction_id")) {
      return InputFormat.CANONICAL;
    }
    return null;
  }

  private Transaction map(InputFormat format, JsonNode node) {
    return switch (format) {
      case CANONICAL -> CanonicalJson.fromNode(node);
      case KAFKA_GENERATOR -> ForeignFormats.kafkaGenerator(node);
      case WEB_STORE -> ForeignFormats.webStore(node);
      case DETECT -> ForeignFormats.detect(node, clock);
    };
  }

  private static DecodeResult rejected(RejectionReason reason, String detail) {
    return new DecodeResult.Rejected(Rejection.of(reason, detail));
  }

  private static String firstLine(Exception e) {
    String message = e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
    if (message == null) {
      return e.getClass().getSimpleName();
    }
    int newline = message.indexOf('\n');
    return Fields.abbreviate(newline < 0 ? message : message.substring(0, newline));
  }
}
