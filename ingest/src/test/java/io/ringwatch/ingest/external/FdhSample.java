package io.ringwatch.ingest.external;

import io.ringwatch.detectors.domain.TransactionId;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPInputStream;

/**
 * Test fixture: the shared Fraud Detection Handbook sample read in place, as the test harness (not
 * the loader) sees it, with its label columns: known outcomes by day, and temporary copies of its
 * first days with edited rows.
 */
public final class FdhSample {
  private static List<String[]> rows;
  private static List<String> header;

  private FdhSample() {}

  /** The sample's directory; skips the calling test when the shared data are absent. */
  public static Path dir() {
    return SharedData.sample("fdh-sample");
  }

  private static synchronized List<String[]> rows() {
    if (rows == null) {
      List<String[]> read = new ArrayList<>();
      Path file = dir().resolve("transactions.csv.gz");
      try (BufferedReader in =
          new BufferedReader(
              new InputStreamReader(
                  new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
        header = List.of(in.readLine().split(","));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          read.add(line.split(","));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      rows = read;
    }
    return rows;
  }

  /** The position of {@code column} in the sample's rows. */
  public static int column(String column) {
    rows();
    int i = header.indexOf(column);
    if (i < 0) {
      throw new IllegalArgumentException("no column " + column + " in " + header);
    }
    return i;
  }

  /** Day (TX_TIME_DAYS) of every transaction id. */
  public static Map<TransactionId, Integer> days() {
    int id = column("TRANSACTION_ID");
    int day = column("TX_TIME_DAYS");
    Map<TransactionId, Integer> days = new LinkedHashMap<>();
    for (String[] row : rows()) {
      days.put(TransactionId.of(row[id]), Integer.parseInt(row[day]));
    }
    return days;
  }

  /** TX_FRAUD of the transactions whose day passes {@code days}. */
  public static Map<TransactionId, Boolean> outcomes(IntPredicate days) {
    int id = column("TRANSACTION_ID");
    int day = column("TX_TIME_DAYS");
    int fraud = column("TX_FRAUD");
    Map<TransactionId, Boolean> labels = new LinkedHashMap<>();
    for (String[] row : rows()) {
      if (days.test(Integer.parseInt(row[day]))) {
        labels.put(TransactionId.of(row[id]), "1".equals(row[fraud]));
      }
    }
    return labels;
  }

  /**
   * Writes {@code dir/transactions.csv} with the sample's header and its rows of days before {@code
   * days}, each passed through {@code edit} (a copy of the row's fields).
   */
  public static Path copy(Path dir, int days, UnaryOperator<String[]> edit) throws IOException {
    int day = column("TX_TIME_DAYS");
    Files.createDirectories(dir);
    try (BufferedWriter out = Files.newBufferedWriter(dir.resolve("transactions.csv"))) {
      out.write(String.join(",", header));
      out.write('\n');
      for (String[] row : rows()) {
        if (Integer.parseInt(row[day]) < days) {
          out.write(String.join(",", edit.apply(Arrays.copyOf(row, row.length))));
          out.write('\n');
        }
      }
    }
    return dir;
  }

  /** Writes known outcomes as an {@code event_id,label} file. */
  public static Path writeLabels(Path file, Map<TransactionId, Boolean> labels) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file)) {
      out.write("event_id,label\n");
      for (Map.Entry<TransactionId, Boolean> e : labels.entrySet()) {
        out.write(e.getKey().value() + "," + (e.getValue() ? 1 : 0) + "\n");
      }
    }
    return file;
  }
}
