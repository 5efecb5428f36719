package io.ringwatch.detectors.model;

/**
 * A model file that cannot be used: missing, unreadable, of another format, corrupt, or naming a
 * feature this build does not compute. The message says which file and why.
 */
public final class ModelFileException extends Exception {
  public ModelFileException(String message) {
    super(message);
  }

  public ModelFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
