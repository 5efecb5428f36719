package io.ringwatch.ingest.external;

/** A generator file that does not have the shape its format promises, with file and line. */
public final class MalformedInputException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public MalformedInputException(String message) {
    super(message);
  }

  public MalformedInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
