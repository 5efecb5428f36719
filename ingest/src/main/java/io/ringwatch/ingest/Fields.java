package io.ringwatch.ingest;

import static io.ringwatch.ingest.RejectionReason.ABSURD_AMOUNT;
import static io.ringwatch.ingest.RejectionReason.BAD_IP;
import static io.ringwatch.ingest.RejectionReason.BAD_TIMESTAMP;
import static io.ringwatch.ingest.RejectionReason.INVALID_VALUE;
import static io.ringwatch.ingest.RejectionReason.MISSING_FIELD;
import static io.ringwatch.ingest.RejectionReason.NEGATIVE_AMOUNT;
import static io.ringwatch.ingest.RejectionReason.WRONG_TYPE;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringwatch.detectors.domain.IpAddress;
import io.ringwatch.detectors.domain.Transaction;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Typed readers over one JSON object. Each reader either returns a value (null for an absent
 * optional field) or throws a {@link RejectedException} naming the field and the reason.
 */
final class Fields {
  /** Timestamps outside this range are corrupt rather than history or future-dated events. */
  private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");

  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  /** More fractional digits than this is not money; it would also bloat plain-text rendering. */
  private static final int MAX_SCALE = 18;

  private static final Pattern DIGITS = Pattern.compile("-?\\d{1,19}");
  private static final Pattern CURRENCY = Pattern.compile("[A-Za-z]{3}");
  private static final DateTimeFormatter SPACE_SEPARATED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSSSSS][.SSSSSS][.SSS]", Locale.ROOT);

  private final JsonNode object;
  private final String prefix;

  Fields(JsonNode object, String prefix) {
    this.object = object;
    this.prefix = prefix;
  }

  Fields(JsonNode object) {
    this(object, "");
  }

  boolean has(String field) {
    JsonNode node = object.get(field);
    return node != null && !node.isNull();
  }

  Fields nested(String field) {
    JsonNode node = object.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw wrongType(field, node, "an object");
    }
    return new Fields(node, name(field) + ".");
  }

  String name(String field) {
    return prefix + field;
  }

  /** A text field; integral numbers are accepted and rendered as text (ids are often numbers). */
  String text(String field, boolean required) {
    JsonNode node = node(field, required);
    if (node == null) {
      return null;
    }
    if (node.isTextual()) {
      String text = node.textValue();
      if (text.isBlank()) {
        if (required) {
          throw new RejectedException(MISSING_FIELD, name(field), "field is blank");
        }
        return null;
      }
      return text;
    }
    if (node.isIntegralNumber()) {
      return node.bigIntegerValue().toString();
    }
    throw wrongType(field, node, "a string");
  }

  /** An identifier turned into a value type; the value type's validation becomes INVALID_VALUE. */
  <T> T id(String field, boolean required, Function<String, T> factory) {
    String text = text(field, required);
    if (text == null) {
      return null;
    }
    try {
      return factory.apply(text);
    } catch (IllegalArgumentException e) {
      throw new RejectedException(INVALID_VALUE, name(field), e.getMessage());
    }
  }

  /** A free-text field bounded like the domain bounds it. */
  String boundedText(String field) {
    String text = text(field, false);
    if (text != null && text.strip().length() > 256) {
      throw new RejectedException(INVALID_VALUE, name(field), "longer than 256 characters");
    }
    return text;
  }

  /** A decimal from a JSON number or a numeric string. */
  BigDecimal decimal(String field, boolean required) {
    JsonNode node = node(field, required);
    if (node == null) {
      return null;
    }
    if (node.isNumber()) {
      if (node.isFloatingPointNumber()
          && !Double.isFinite(node.doubleValue())
          && !node.isBigDecimal()) {
        throw new RejectedException(ABSURD_AMOUNT, name(field), "not a finite number");
      }
      return node.decimalValue();
    }
    if (node.isTextual()) {
      String text = node.textValue().strip();
      String lower = text.toLowerCase(Locale.ROOT);
      if (lower.equals("nan") || lower.matches("[+-]?inf(inity)?")) {
        throw new RejectedException(ABSURD_AMOUNT, name(field), "not a finite number: " + text);
      }
      if (text.length() > 100) {
        throw new RejectedException(WRONG_TYPE, name(field), "numeric string is too long");
      }
      try {
        return new BigDecimal(text);
      } catch (NumberFormatException e) {
        throw new RejectedException(
            WRONG_TYPE, name(field), "not a number: '" + abbreviate(text) + "'");
      }
    }
    throw wrongType(field, node, "a number");
  }

  /** A money amount: finite, not negative, at most {@link Transaction#MAX_AMOUNT}. */
  BigDecimal amount(String field, boolean required) {
    BigDecimal amount = decimal(field, required);
    if (amount == null) {
      return null;
    }
    return checkAmount(field, amount);
  }

  BigDecimal checkAmount(String field, BigDecimal amount) {
    if (amount.signum() < 0) {
      throw new RejectedException(NEGATIVE_AMOUNT, name(field), "amount is negative: " + amount);
    }
    if (amount.compareTo(Transaction.MAX_AMOUNT) > 0) {
      throw new RejectedException(
          ABSURD_AMOUNT, name(field), "amount is above " + Transaction.MAX_AMOUNT.toPlainString());
    }
    if (amount.scale() > MAX_SCALE && amount.stripTrailingZeros().scale() > MAX_SCALE) {
      throw new RejectedException(
          INVALID_VALUE, name(field), "more than " + MAX_SCALE + " decimal places");
    }
    return amount;
  }

  /** A non-negative integer from a JSON integer or an integer string. */
  Integer count(String field) {
    BigDecimal value = decimal(field, false);
    if (value == null) {
      return null;
    }
    try {
      int count = value.intValueExact();
      if (count < 0) {
        throw new RejectedException(INVALID_VALUE, name(field), "must not be negative: " + count);
      }
      return count;
    } catch (ArithmeticException e) {
      throw new RejectedException(INVALID_VALUE, name(field), "not a whole number: " + value);
    }
  }

  /** A boolean from true/false, 0/1 or their string forms. */
  Boolean bool(String field) {
    JsonNode node = node(field, false);
    if (node == null) {
      return null;
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber()) {
      return flag(field, node.asText());
    }
    if (node.isTextual()) {
      return flag(field, node.textValue().strip().toLowerCase(Locale.ROOT));
    }
    throw wrongType(field, node, "a boolean or 0/1");
  }

  private Boolean flag(String field, String text) {
    return switch (text) {
      case "true", "1", "yes" -> Boolean.TRUE;
      case "false", "0", "no" -> Boolean.FALSE;
      default ->
          throw new RejectedException(
              INVALID_VALUE, name(field), "not a boolean: '" + abbreviate(text) + "'");
    };
  }

  /**
   * An instant from ISO-8601 text (with or without offset; no offset means UTC) or epoch millis.
   */
  Instant instant(String field, boolean required) {
    JsonNode node = node(field, required);
    if (node == null) {
      return null;
    }
    Instant instant;
    if (node.isIntegralNumber()) {
      instant = epochMillis(field, node.asText());
    } else if (node.isTextual()) {
      String text = node.textValue().strip();
      instant = DIGITS.matcher(text).matches() ? epochMillis(field, text) : isoInstant(field, text);
    } else if (node.isNumber()) {
      throw new RejectedException(
          BAD_TIMESTAMP,
          name(field),
          "epoch milliseconds must be a whole number: " + node.asText());
    } else {
      throw wrongType(field, node, "an ISO-8601 string or epoch milliseconds");
    }
    if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
      throw new RejectedException(BAD_TIMESTAMP, name(field), "outside 1970..9999: " + instant);
    }
    return instant;
  }

  private Instant epochMillis(String field, String digits) {
    try {
      return Instant.ofEpochMilli(Long.parseLong(digits));
    } catch (NumberFormatException | DateTimeException e) {
      throw new RejectedException(
          BAD_TIMESTAMP, name(field), "epoch milliseconds out of range: " + abbreviate(digits));
    }
  }

  private Instant isoInstant(String field, String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeException e) {
      // fall through: try the forms without an offset
    }
    try {
      return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      // fall through
    }
    try {
      return LocalDateTime.parse(text, SPACE_SEPARATED).toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      throw new RejectedException(
          BAD_TIMESTAMP, name(field), "not ISO-8601 or epoch millis: '" + abbreviate(text) + "'");
    }
  }

  IpAddress ip(String field, boolean required) {
    String text = text(field, required);
    if (text == null) {
      return null;
    }
    if (!IpAddress.isValid(text.strip().toLowerCase(Locale.ROOT))) {
      throw new RejectedException(
          BAD_IP, name(field), "not an IPv4 or IPv6 address: '" + abbreviate(text) + "'");
    }
    return IpAddress.of(text);
  }

  String currency(String field) {
    String text = text(field, false);
    if (text != null && !CURRENCY.matcher(text.strip()).matches()) {
      throw new RejectedException(
          INVALID_VALUE, name(field), "not an ISO 4217 code: '" + abbreviate(text) + "'");
    }
    return text;
  }

  <E extends Enum<E>> E enumValue(String field, Class<E> type) {
    String text = text(field, false);
    if (text == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new RejectedException(
          INVALID_VALUE, name(field), "unknown value '" + abbreviate(text) + "'");
    }
  }

  private JsonNode node(String field, boolean required) {
    JsonNode node = object.get(field);
    if (node == null || node.isNull()) {
      if (required) {
        throw new RejectedException(MISSING_FIELD, name(field), "field is required");
      }
      return null;
    }
    return node;
  }

  private RejectedException wrongType(String field, JsonNode node, String expected) {
    return new RejectedException(
        WRONG_TYPE,
        name(field),
        "expected " + expected + ", got " + node.getNodeType().name().toLowerCase(Locale.ROOT));
  }

  static String abbreviate(String text) {
    return text.length() <= 64 ? text : text.substring(0, 61) + "...";
  }
}
