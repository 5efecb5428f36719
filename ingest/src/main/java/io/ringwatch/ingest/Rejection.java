package io.ringwatch.ingest;

import java.util.Objects;

/**
 * Why one input record was rejected: a reason, the offending field when there is one, and a detail
 * for humans.
 *
 * @param reason the machine-readable reason
 * @param field the input field at fault (dotted for nested fields, e.g. {@code store.discount}), or
 *     null when the record as a whole is at fault
 * @param detail a short human-readable explanation
 */
public record Rejection(RejectionReason reason, String field, String detail) {
  public Rejection {
    Objects.requireNonNull(reason, "reason");
    detail = detail == null ? "" : detail;
  }

  public static Rejection of(RejectionReason reason, String detail) {
    return new Rejection(reason, null, detail);
  }

  public static Rejection of(RejectionReason reason, String field, String detail) {
    return new Rejection(reason, field, detail);
  }

  /** A one-line message such as {@code MISSING_FIELD amount: field is required}. */
  public String message() {
    StringBuilder text = new StringBuilder(reason.name());
    if (field != null) {
      text.append(' ').append(field);
    }
    if (!detail.isEmpty()) {
      text.append(": ").append(detail);
    }
    return text.toString();
  }

  @Override
  public String toString() {
    return message();
  }
}
