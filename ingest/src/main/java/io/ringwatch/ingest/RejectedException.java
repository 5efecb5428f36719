package io.ringwatch.ingest;

/** Internal control flow of the field readers; always caught by the decoder, never escapes it. */
final class RejectedException extends RuntimeException {
  private final Rejection rejection;

  RejectedException(Rejection rejection) {
    super(rejection.message(), null, false, false);
    this.rejection = rejection;
  }

  RejectedException(RejectionReason reason, String field, String detail) {
    this(new Rejection(reason, field, detail));
  }

  Rejection rejection() {
    return rejection;
  }
}
