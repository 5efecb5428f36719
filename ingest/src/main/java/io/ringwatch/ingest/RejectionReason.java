package io.ringwatch.ingest;

/**
 * Why an input record could not be turned into a {@link io.ringwatch.detectors.domain.Transaction}.
 */
public enum RejectionReason {
  /** The record is null, empty or only whitespace. */
  EMPTY,
  /** The record is larger than the decoder's limit; it was not parsed. */
  OVERSIZED,
  /** The bytes are not one well-formed JSON document (or break the nesting/number limits). */
  MALFORMED_JSON,
  /** Valid JSON that matches none of the known input shapes (including arrays and scalars). */
  UNKNOWN_FORMAT,
  /** A required field is absent or null. */
  MISSING_FIELD,
  /** A field has the wrong JSON type, or a numeric string that does not parse. */
  WRONG_TYPE,
  /** The amount is below zero. */
  NEGATIVE_AMOUNT,
  /**
   * The amount is above {@link io.ringwatch.detectors.domain.Transaction#MAX_AMOUNT}, NaN or
   * infinite.
   */
  ABSURD_AMOUNT,
  /** The timestamp is neither ISO-8601 nor epoch milliseconds in a plausible range. */
  BAD_TIMESTAMP,
  /** The IP address is not an IPv4 or IPv6 literal. */
  BAD_IP,
  /** A field has the right type but a value the domain does not accept. */
  INVALID_VALUE
}
