package io.ringwatch.ingest.external;

import java.nio.file.Path;

/**
 * A loader was asked to read a label column (an outcome such as {@code is_sar} or {@code TX_FRAUD})
 * as input. Known outcomes enter an evaluation only through {@code --labels}.
 */
public final class LabelColumnException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public LabelColumnException(Path file, String column) {
    super(
        "column '"
            + column
            + "' of "
            + file.getFileName()
            + " is a label, never an input; give known outcomes with --labels FILE"
            + " (event_id,label)");
  }
}
