package io.ringwatch.ingest.external;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/** Reads one generator's native files into canonical events, never reading a label column. */
public interface ExternalLoader {

  /**
   * Reads the generator's files in {@code dir}.
   *
   * @throws java.nio.file.NoSuchFileException when a required file is missing
   * @throws MalformedInputException naming file and line of a row that does not parse
   */
  ExternalDataset load(Path dir) throws IOException;

  /** Columns of this format that carry outcomes; a loader refuses to read them. */
  Set<String> labelColumns();
}
