package io.ringwatch.ingest.backtest;

import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.ingest.DecodeResult;
import io.ringwatch.ingest.TransactionDecoder;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Labelled events for a backtest: JSON lines in any input format (labels from their {@code
 * is_fraud}), optionally relabelled by a truth CSV such as {@code ringwatch simulate --truth}
 * writes ({@code event_id,...}: the listed events are fraud, every other event is not).
 */
public final class LabelledEvents {
  private static final TransactionDecoder DECODER = new TransactionDecoder();

  private LabelledEvents() {}

  /**
   * The events of a JSON-lines file, blank lines skipped.
   *
   * @throws IllegalArgumentException naming the line of the first record that does not decode
   */
  public static List<Transaction> read(Path jsonLines) throws IOException {
    List<Transaction> events = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(jsonLines, StandardCharsets.UTF_8)) {
      int lineNumber = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        events.add(
            decode(line.getBytes(StandardCharsets.UTF_8), jsonLines + " line " + lineNumber));
      }
    }
    return events;
  }

  /**
   * One event in any input format.
   *
   * @throws IllegalArgumentException with {@code where} and the decoder's reason
   */
  public static Transaction decode(byte[] record, String where) {
    DecodeResult result = DECODER.decode(record);
    if (result instanceof DecodeResult.Rejected rejected) {
      throw new IllegalArgumentException(where + ": " + rejected.rejection().message());
    }
    return ((DecodeResult.Accepted) result).transaction();
  }

  /**
   * The event ids of a truth CSV (first column; a header row starting with event_id is skipped).
   */
  public static Set<String> truthIds(Path csv) throws IOException {
    Set<String> ids = new HashSet<>();
    try (BufferedReader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      boolean first = true;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        String id = firstCell(line);
        if (!(first && id.equals("event_id"))) {
          ids.add(id);
        }
        first = false;
      }
    }
    return ids;
  }

  /** Every event labelled by {@code fraudIds}: fraud when listed, not fraud otherwise. */
  public static List<Transaction> relabel(List<Transaction> events, Set<String> fraudIds) {
    List<Transaction> relabelled = new ArrayList<>(events.size());
    for (Transaction t : events) {
      relabelled.add(withLabel(t, fraudIds.contains(t.id().value())));
    }
    return relabelled;
  }

  static Transaction withLabel(Transaction t, Boolean label) {
    return t.withFraudLabel(label);
  }

  private static String firstCell(String line) {
    if (!line.startsWith("\"")) {
      int comma = line.indexOf(',');
      return (comma < 0 ? line : line.substring(0, comma)).strip();
    }
    StringBuilder cell = new StringBuilder();
    for (int i = 1; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else {
          break;
        }
      } else {
        cell.append(c);
      }
    }
    return cell.toString();
  }
}
