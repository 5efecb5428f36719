package io.ringwatch.ingest.evaluate;

import io.ringwatch.detectors.domain.TransactionId;
import io.ringwatch.ingest.external.CsvFile;
import io.ringwatch.ingest.external.MalformedInputException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Known outcomes, {@code event_id,label} (label 0/1, true/false or yes/no), plain or gzipped: what
 * a bank has learnt of some of its history.
 */
public final class LabelsFile {
  private LabelsFile() {}

  public static Map<TransactionId, Boolean> read(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    String name = file.getFileName().toString();
    if (!file.toFile().isFile()) {
      throw new NoSuchFileException(file.toString(), null, "no labels file");
    }
    CsvFile csv =
        name.endsWith(".gz")
            ? CsvFile.in(dir, name.substring(0, name.length() - 3), Set.of())
            : CsvFile.in(dir, name, Set.of());
    Map<TransactionId, Boolean> labels = new LinkedHashMap<>();
    csv.forEach(
        List.of("event_id", "label"),
        row -> {
          String value = row.get("label").toLowerCase(Locale.ROOT);
          boolean label =
              switch (value) {
                case "1", "true", "yes" -> true;
                case "0", "false", "no" -> false;
                default ->
                    throw new MalformedInputException(
                        row.where() + ": label must be 0/1, true/false or yes/no, was " + value);
              };
          labels.put(TransactionId.of(row.get("event_id")), label);
        });
    return labels;
  }
}
