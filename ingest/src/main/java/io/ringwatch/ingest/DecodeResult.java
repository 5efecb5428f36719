package io.ringwatch.ingest;

import io.ringwatch.detectors.domain.Transaction;
import java.util.Objects;

/** The outcome of decoding one input record: a transaction or a rejection, never an exception. */
public sealed interface DecodeResult permits DecodeResult.Accepted, DecodeResult.Rejected {

  /** True when the record was decoded into a transaction. */
  default boolean isAccepted() {
    return this instanceof Accepted;
  }

  /**
   * A record that decoded into a valid transaction.
   *
   * @param transaction the decoded transaction
   * @param format the input shape it was recognised as
   */
  record Accepted(Transaction transaction, InputFormat format) implements DecodeResult {
    public Accepted {
      Objects.requireNonNull(transaction, "transaction");
      Objects.requireNonNull(format, "format");
    }
  }

  /**
   * A record that could not be decoded.
   *
   * @param rejection why
   */
  record Rejected(Rejection rejection) implements DecodeResult {
    public Rejected {
      Objects.requireNonNull(rejection, "rejection");
    }
  }
}
